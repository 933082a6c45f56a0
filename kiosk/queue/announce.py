"""The sentence the waiting-room board says for a call: "Nomor antrean B dua belas,
silakan ke loket dua".

Numbers are words (num2words for Indonesian and English, kiosk.i18n.javanese_numbers
for Basa Jawa, which num2words lacks), and the line's letter is written as it is said in
Indonesian ("be", "ce", "ka"): a speech engine reading a lone "B" may say it in English.
"""

from __future__ import annotations

from num2words import num2words

from kiosk.i18n import translations
from kiosk.i18n.javanese_numbers import javanese_number

# Indonesian (and Javanese) names of the letters, as a caller says them aloud.
LETTER_NAMES = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        (
            "a", "be", "ce", "de", "e", "ef", "ge", "ha", "i", "je", "ka", "el", "em",
            "en", "o", "pe", "ki", "er", "es", "te", "u", "fe", "we", "eks", "ye", "zet",
        ),
        strict=True,
    )
)  # fmt: skip


def number_words(value: int, language: str) -> str:
    if language == "jv":
        return javanese_number(value)
    return str(num2words(value, lang="en" if language == "en" else "id"))


def spoken_letters(prefix: str, language: str) -> str:
    """A line's prefix as said aloud: "B" -> "be" (English keeps the letter itself)."""
    if language == "en":
        return " ".join(prefix)
    return " ".join(LETTER_NAMES.get(letter.upper(), letter) for letter in prefix)


def spoken_counter(counter: str, language: str) -> str:
    """A loket's name aloud: "2" -> "dua"; a name with letters is read as written."""
    return number_words(int(counter), language) if counter.isdigit() else counter


def call_sentence(prefix: str, number: int, counter: str, language: str) -> str:
    """What the board says for one call, in `language` (id, jv or en)."""
    _ = translations(language).gettext
    return _("Queue number %(letter)s %(number)s, please go to counter %(counter)s.") % {
        "letter": spoken_letters(prefix, language),
        "number": number_words(number, language),
        "counter": spoken_counter(counter, language),
    }
