"""Citizens' identifiers checked and normalised: NIK, KK number, Indonesian phone numbers.

NIK (Nomor Induk Kependudukan) and KK (Nomor Kartu Keluarga) are 16 digits,
PPRRSS (province, regency/city, district) DDMMYY XXXX. Each check returns the
normalised value or raises InvalidAnswer with a plain, translatable sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from stdnum import numdb
from stdnum.exceptions import InvalidFormat, InvalidLength, ValidationError
from stdnum.id import nik as stdnum_nik
from stdnum.util import clean

from kiosk.catalogue.errors import InvalidAnswer
from kiosk.i18n import N_

SEPARATORS = " -."  # what stdnum's NIK `compact` removes; KK numbers are written alike
PHONE_SEPARATORS = " -.()/"
NUMBER_LENGTH = 16
FEMALE_DAY_OFFSET = 40  # women's NIK carry the day of birth plus 40
MAX_DAY = 31

NIK_DIGITS = N_("The NIK may contain only digits.")
NIK_LENGTH = N_("The NIK must have 16 digits.")
NIK_BIRTH_DATE = N_("The NIK does not contain a valid date of birth.")
NIK_PROVINCE = N_("The NIK does not start with a known province code.")
KK_DIGITS = N_("The KK number may contain only digits.")
KK_LENGTH = N_("The KK number must have 16 digits.")
KK_PROVINCE = N_("The KK number does not start with a known province code.")
KK_ISSUE_DATE = N_("The KK number does not contain a valid issue date.")
PHONE_DIGITS = N_("The phone number may contain only digits.")
PHONE_PREFIX = N_("The phone number must start with 08, 62 or an area code such as 021.")
PHONE_MOBILE_LENGTH = N_("A mobile number has 10 to 13 digits, for example 0812 3456 7890.")
PHONE_LANDLINE_LENGTH = N_(
    "A landline number has 9 to 11 digits with the area code, for example 021 1234 5678."
)


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


@dataclass(frozen=True)
class NikInfo:
    """What a valid NIK tells, to be offered to the citizen for confirmation."""

    nik: str  # 16 digits, separators removed
    region_code: str  # PPRRSS: province, regency/city, district (kecamatan)
    province: str  # e.g. "Jawa Barat", from python-stdnum's table
    regency: str | None  # e.g. "BOGOR" when the table knows the PPRR code
    birth_date: date
    sex: Sex


def check_nik(text: str, today: date | None = None) -> NikInfo:
    """Accepts what python-stdnum's `stdnum.id.nik.is_valid` accepts, except day
    digits (7-8) outside 01-31 (men) and 41-71 (women, the day plus 40): stdnum
    takes them `% 40`, so it reads 81-99 as a woman born on the 1st-19th.

    The birth date has stdnum's day and month and two-digit year; the century is
    the later one (20YY before 19YY) that is not after `today`, where stdnum always
    tries 19YY first: a child born in 2010 is not offered 1910.
    """
    try:
        number = stdnum_nik.validate(text)
    except InvalidLength:  # a kind of InvalidFormat
        raise InvalidAnswer(NIK_LENGTH) from None
    except InvalidFormat:
        empty = not stdnum_nik.compact(text)
        raise InvalidAnswer(NIK_LENGTH if empty else NIK_DIGITS) from None
    except ValidationError:
        raise InvalidAnswer(_nik_component_problem(text)) from None
    day = int(number[6:8])
    if not _is_nik_day(day):
        raise InvalidAnswer(NIK_BIRTH_DATE)
    birth_date = _latest_real_date(day % FEMALE_DAY_OFFSET, number[8:12], today)
    if birth_date is None:  # stdnum has found one already; this keeps the types honest
        raise InvalidAnswer(NIK_BIRTH_DATE)
    return NikInfo(
        nik=number,
        region_code=number[:6],
        province=_province_name(number[:2]) or "",
        regency=_regency_name(number[:4]),
        birth_date=birth_date,
        sex=Sex.FEMALE if day > FEMALE_DAY_OFFSET else Sex.MALE,
    )


def _nik_component_problem(text: str) -> str:
    """The first problem, in stdnum's order: the birth date, then the province."""
    try:
        stdnum_nik.get_birth_date(text)
    except ValidationError:
        return NIK_BIRTH_DATE
    if not _is_nik_day(int(stdnum_nik.compact(text)[6:8])):
        return NIK_BIRTH_DATE
    return NIK_PROVINCE


def _is_nik_day(day: int) -> bool:
    """Day digits 01-31 (a man) or 41-71 (a woman); whether the month has that
    day is left to the date check."""
    return 1 <= day <= MAX_DAY or 1 <= day - FEMALE_DAY_OFFSET <= MAX_DAY


def check_kk_number(text: str) -> str:
    """A KK number: 16 digits (separators removed as from a NIK: spaces, dots and
    dashes of any kind), a province code
    python-stdnum knows as the first two, and digits 7-12 the issue date DDMMYY,
    a real calendar date in 19YY or 20YY (no +40 rule). Returns the 16 digits."""
    number = clean(text, SEPARATORS).strip()
    if not re.fullmatch(r"[0-9]*", number):
        raise InvalidAnswer(KK_DIGITS)
    if len(number) != NUMBER_LENGTH:
        raise InvalidAnswer(KK_LENGTH)
    if _province_name(number[:2]) is None:
        raise InvalidAnswer(KK_PROVINCE)
    if _latest_real_date(int(number[6:8]), number[8:12], None, allow_future=True) is None:
        raise InvalidAnswer(KK_ISSUE_DATE)
    return number


def check_phone(text: str) -> str:
    """An Indonesian phone number in E.164 form, "+62" and the national number.

    Spaces, dashes, dots, slashes and brackets are ignored. The number starts with
    "+62" or "62" (a "0" right after it is dropped, as in "+62 (0)812"), or with the
    trunk "0", or with "8" (a mobile number typed without its 0). The national
    number (without the 0) is then either mobile, "8" and a digit 1-9 and 9 to 12
    digits in all (10 to 13 written with the 0), or a landline, an area code
    starting with 2-7 or 9 and 8 to 10 digits in all (9 to 11 with the 0).
    Other countries, toll-free 0800 and short service numbers are refused.
    """
    number = clean(text, PHONE_SEPARATORS).strip()
    digits = number[1:] if number.startswith("+") else number
    if not re.fullmatch(r"[0-9]*", digits):
        raise InvalidAnswer(PHONE_DIGITS)
    national = _national_number(number)
    if re.match(r"8[1-9]", national):
        if not 9 <= len(national) <= 12:
            raise InvalidAnswer(PHONE_MOBILE_LENGTH)
    elif re.match(r"[2-79]", national):
        if not 8 <= len(national) <= 10:
            raise InvalidAnswer(PHONE_LANDLINE_LENGTH)
    else:
        raise InvalidAnswer(PHONE_PREFIX)
    return "+62" + national


def _national_number(number: str) -> str:
    """The number without country code or trunk 0; "" when the prefix is not Indonesian."""
    for country_code in ("+62", "62"):
        if number.startswith(country_code):
            rest = number[len(country_code) :]
            return rest[1:] if rest.startswith("0") else rest
    if number.startswith("0"):
        return number[1:]
    return number if number.startswith("8") else ""


def mask_nik(nik: str) -> str:
    """Like "3201********0001": the first and last four only, and only of a whole
    number; anything shorter than 12 characters is masked completely."""
    number = clean(nik, SEPARATORS).strip()
    if len(number) < 12:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def _latest_real_date(
    day: int, month_year: str, today: date | None, allow_future: bool = False
) -> date | None:
    """DD with MMYY as a real date: in 20YY if that is not after today, else in 19YY."""
    limit = date.max if allow_future else (today or date.today())
    candidates = [_real_date(century, day, month_year) for century in (2000, 1900)]
    real = [candidate for candidate in candidates if candidate is not None]
    past = [candidate for candidate in real if candidate <= limit]
    return next(iter(past or real), None)


def _real_date(century: int, day: int, month_year: str) -> date | None:
    try:
        return date(century + int(month_year[2:]), int(month_year[:2]), day)
    except ValueError:
        return None


def _location(code: str) -> list[tuple[str, dict[str, str]]]:
    result: list[tuple[str, dict[str, str]]] = numdb.get("id/loc").info(code)
    return result


def _province_name(code: str) -> str | None:
    """The province for a two-digit code, from python-stdnum's NIK table."""
    found = _location(code)[0][1]
    return found.get("name_id") if found else None


def _regency_name(code: str) -> str | None:
    parts = _location(code)
    return parts[1][1].get("name_id") if len(parts) > 1 and parts[1][1] else None
