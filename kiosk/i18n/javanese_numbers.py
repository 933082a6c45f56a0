"""Whole numbers in Basa Jawa krama, the polite register an announcement to elders uses.

num2words has no Javanese. Forms follow the standard krama numerals: units setunggal,
kalih, tiga, sekawan, gangsal, enem, pitu, wolu, sanga; teens in -welas/-las; the
"tweens" 21-29 in -likur (25 selangkung); tens, hundreds and thousands from the combining
forms in -ng (tigang dasa, pitung atus), with the suppletive seket (50) and sewidak (60).
"""

from __future__ import annotations

UNITS = ("nol", "setunggal", "kalih", "tiga", "sekawan", "gangsal", "enem", "pitu", "wolu", "sanga")
TEENS = (
    "sedasa", "sewelas", "kalih welas", "tigang welas", "sekawan welas",
    "gangsal welas", "nembelas", "pitulas", "wolulas", "sangalas",
)  # fmt: skip
TWEENS = (
    "kalih dasa", "selikur", "kalih likur", "tigang likur", "sekawan likur",
    "selangkung", "nem likur", "pitu likur", "wolu likur", "sanga likur",
)  # fmt: skip
# The combining form of 1-9 before dasa/atus/ewu (1 is se-, as in satus, sewu).
COMBINING = (
    "", "se", "kalih ", "tigang ", "sekawan ", "gangsal ", "nem ", "pitung ", "wolung ", "sangang ",
)  # fmt: skip
TENS = {5: "seket", 6: "sewidak"}
MAX = 9999


def javanese_number(value: int) -> str:
    """`value` (0 to 9999) in krama words: 12 -> "kalih welas", 125 -> "satus selangkung"."""
    if not 0 <= value <= MAX:
        raise ValueError(f"{value} is outside 0..{MAX}")
    if value < 10:
        return UNITS[value]
    parts = []
    thousands, rest = divmod(value, 1000)
    if thousands:
        parts.append(COMBINING[thousands] + ("wu" if thousands == 1 else "ewu"))
    hundreds, rest = divmod(rest, 100)
    if hundreds:
        parts.append("satus" if hundreds == 1 else COMBINING[hundreds] + "atus")
    if rest:
        parts.append(_below_hundred(rest))
    return " ".join(parts)


def _below_hundred(value: int) -> str:
    tens, unit = divmod(value, 10)
    if tens == 0:
        return UNITS[unit]
    if tens == 1:
        return TEENS[unit]
    if tens == 2:
        return TWEENS[unit]
    word = TENS.get(tens) or COMBINING[tens] + "dasa"
    return word if unit == 0 else f"{word} {UNITS[unit]}"
