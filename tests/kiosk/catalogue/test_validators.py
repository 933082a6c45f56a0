"""NIK, KK and phone checks agree with python-stdnum and with the documented rules."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from stdnum.id import nik as stdnum_nik
from stdnum.util import clean

from kiosk.catalogue.errors import InvalidAnswer
from kiosk.catalogue.validators import (
    KK_DIGITS,
    KK_ISSUE_DATE,
    KK_LENGTH,
    KK_PROVINCE,
    NIK_BIRTH_DATE,
    NIK_DIGITS,
    NIK_LENGTH,
    NIK_PROVINCE,
    PHONE_DIGITS,
    PHONE_LANDLINE_LENGTH,
    PHONE_MOBILE_LENGTH,
    PHONE_PREFIX,
    Sex,
    check_kk_number,
    check_nik,
    check_phone,
    mask_nik,
)

TODAY = date(2026, 3, 15)
PROVINCES = ["11", "31", "32", "33", "35", "51", "73", "94", "00", "10", "39", "99"]


def two_digits(low: int, high: int) -> st.SearchStrategy[str]:
    return st.integers(low, high).map(lambda n: f"{n:02d}")


def digits(low: int, high: int) -> st.SearchStrategy[str]:
    return st.integers(low, high).flatmap(lambda n: st.text("0123456789", min_size=n, max_size=n))


def separated(numbers: st.SearchStrategy[str], separators: str = " -.") -> st.SearchStrategy[str]:
    """Digits as people type them: sometimes with separators in between."""

    def spread(text: str, cuts: list[int], separator: str) -> str:
        for cut in sorted(set(cuts), reverse=True):
            text = text[:cut] + separator + text[cut:]
        return text

    cuts = st.lists(st.integers(0, 16), max_size=3)
    return st.builds(spread, numbers, cuts, st.sampled_from(list(separators)))


id_numbers = st.builds(
    lambda *parts: "".join(parts),
    st.sampled_from(PROVINCES),
    two_digits(1, 99),
    two_digits(1, 99),
    st.one_of(two_digits(1, 31), two_digits(41, 71), two_digits(0, 99)),
    st.one_of(two_digits(1, 12), two_digits(0, 13)),
    two_digits(0, 99),
    st.one_of(digits(4, 4), digits(0, 6)),
)
nik_like = st.one_of(
    id_numbers,
    separated(id_numbers),
    separated(id_numbers, "/x\u2013"),
    st.text(max_size=20),
)


def message_of(check: Callable[[str], object], text: str) -> str:
    with pytest.raises(InvalidAnswer) as caught:
        check(text)
    return caught.value.msgid


def test_a_valid_nik_tells_region_birth_date_and_sex() -> None:
    info = check_nik("3171 0157 0845 0001", today=TODAY)
    assert info.nik == "3171015708450001"
    assert info.region_code == "317101"
    assert info.province == "Daerah Khusus Ibukota Jakarta"
    assert info.regency == "JAKARTA SELATAN"
    assert (info.birth_date, info.sex) == (date(1945, 8, 17), Sex.FEMALE)
    assert check_nik("3201011708450001", today=TODAY).sex is Sex.MALE


@pytest.mark.parametrize(
    ("nik", "born"),
    [
        ("3201011708100001", date(2010, 8, 17)),  # stdnum says 1910
        ("3201011708260001", date(1926, 8, 17)),  # 2026-08-17 is after TODAY
        ("3201011503260001", date(2026, 3, 15)),  # born today
        ("3201012902000001", date(2000, 2, 29)),  # 1900 was no leap year
    ],
)
def test_the_century_is_the_latest_not_after_today(nik: str, born: date) -> None:
    assert check_nik(nik, today=TODAY).birth_date == born


@pytest.mark.parametrize(
    ("text", "msgid"),
    [
        ("3201O11708450001", NIK_DIGITS),
        ("320101170845000", NIK_LENGTH),
        ("32010117084500011", NIK_LENGTH),
        ("", NIK_LENGTH),
        ("3201011713450001", NIK_BIRTH_DATE),  # month 13
        ("3201013002450001", NIK_BIRTH_DATE),  # 30 February
        ("3201017202450001", NIK_BIRTH_DATE),  # day 72 - 40 = 32
        ("9901011708450001", NIK_PROVINCE),
    ],
)
def test_invalid_niks_have_a_plain_message(text: str, msgid: str) -> None:
    assert message_of(check_nik, text) == msgid


@pytest.mark.parametrize(
    ("text", "born", "sex"),
    [
        ("3201010101450001", date(1945, 1, 1), Sex.MALE),
        ("3201013101450001", date(1945, 1, 31), Sex.MALE),
        ("3201014101450001", date(1945, 1, 1), Sex.FEMALE),
        ("3201017101450001", date(1945, 1, 31), Sex.FEMALE),
        ("3201016902000001", date(2000, 2, 29), Sex.FEMALE),  # 29 February of a leap year
        ("3201017012450001", date(1945, 12, 30), Sex.FEMALE),
    ],
)
def test_the_day_digits_tell_the_day_and_sex(text: str, born: date, sex: Sex) -> None:
    info = check_nik(text, today=TODAY)
    assert (info.birth_date, info.sex) == (born, sex)


@pytest.mark.parametrize("day", ["00", "32", "39", "40", "72", "80", "81", "90", "99"])
def test_day_digits_outside_01_31_and_41_71_are_refused(day: str) -> None:
    assert message_of(check_nik, f"320101{day}01450001") == NIK_BIRTH_DATE


def test_day_digits_above_80_are_refused_before_the_province() -> None:
    assert message_of(check_nik, "9901018108450001") == NIK_BIRTH_DATE  # stdnum: the 1st


@pytest.mark.parametrize(
    "text",
    [
        "3201011700450001",  # month 00
        "3201013102450001",  # 31 February
        "3201017002450001",  # 30 February, a woman
        "3201012902450001",  # 29 February 1945 (and 2045)
        "3201016902450001",  # 29 February 1945, a woman
        "3201013104450001",  # 31 April
        "3201017104450001",  # 31 April, a woman
        "3201017111450001",  # 31 November, a woman
    ],
)
def test_impossible_months_and_dates_are_refused(text: str) -> None:
    assert message_of(check_nik, text) == NIK_BIRTH_DATE


def nik_day_reference(text: str) -> bool:
    """Day digits 01-31 (a man) or 41-71 (a woman), what stdnum's `% 40` misses."""
    return re.fullmatch(r"0[1-9]|[12][0-9]|3[01]|4[1-9]|[56][0-9]|7[01]", text[6:8]) is not None


@given(nik_like)
@example("3171015708450001")
@example("3171 0157 0845 0001")
@example("3201018108450001")  # stdnum: a woman born on 1 August 1945
@example("3201019901450001")
def test_check_nik_accepts_what_stdnum_accepts_with_real_day_digits(text: str) -> None:
    try:
        info = check_nik(text, today=TODAY)
    except InvalidAnswer as refused:
        valid_for_stdnum = stdnum_nik.is_valid(text)
        assert not valid_for_stdnum or not nik_day_reference(stdnum_nik.compact(text))
        if valid_for_stdnum:
            assert refused.msgid == NIK_BIRTH_DATE
        return
    assert stdnum_nik.is_valid(text)
    assert nik_day_reference(info.nik)
    assert info.nik == stdnum_nik.compact(text)
    stdnum_born = stdnum_nik.get_birth_date(text)
    born = info.birth_date
    assert (born.day, born.month, born.year % 100) == (
        stdnum_born.day,
        stdnum_born.month,
        stdnum_born.year % 100,
    )
    assert born <= TODAY or born.year < 2000
    assert born.year >= 2000 or born.replace(year=born.year + 100) > TODAY or born == stdnum_born
    assert info.sex is (Sex.FEMALE if int(info.nik[6:8]) > 40 else Sex.MALE)
    assert born.day == int(info.nik[6:8]) - (40 if info.sex is Sex.FEMALE else 0)
    assert info.region_code == info.nik[:6]


def kk_reference(text: str) -> bool:
    """The documented KK rule, checked differently: stdnum knows the province when a
    NIK with the same region and a plain date is valid; strptime checks the date."""
    number = stdnum_nik.compact(text)  # separators are removed as from a NIK
    if not re.fullmatch(r"[0-9]{16}", number):
        return False
    if not stdnum_nik.is_valid(number[:6] + "010190" + "0001"):
        return False
    try:
        datetime.strptime(number[6:12], "%d%m%y")
    except ValueError:
        return False
    return True


@pytest.mark.parametrize(
    ("text", "msgid"),
    [
        ("3201O11708450001", KK_DIGITS),
        ("32010117084500", KK_LENGTH),
        ("9901011708450001", KK_PROVINCE),
        ("3201014108450001", KK_ISSUE_DATE),  # no +40 rule on a KK
        ("3201013113450001", KK_ISSUE_DATE),
    ],
)
def test_invalid_kk_numbers_have_a_plain_message(text: str, msgid: str) -> None:
    assert message_of(check_kk_number, text) == msgid


@given(nik_like)
@example("3201-0129-0200-0001")
def test_check_kk_number_follows_the_documented_rule(text: str) -> None:
    try:
        number = check_kk_number(text)
    except InvalidAnswer:
        assert not kk_reference(text)
        return
    assert kk_reference(text)
    assert re.fullmatch(r"[0-9]{16}", number)


MOBILE = r"8[1-9][0-9]{7,10}"
LANDLINE = r"[2-79][0-9]{7,9}"
PHONE_RULE = re.compile(rf"(?:\+?62 0?|0)?(?P<national>{MOBILE}|{LANDLINE})".replace(" ", ""))


def phone_reference(text: str) -> str | None:
    cleaned = clean(text, " -.()/").strip()  # separators as stdnum removes them
    match = PHONE_RULE.fullmatch(cleaned)
    if match is None:
        return None
    national = match["national"]
    bare = cleaned == national
    if bare and not national.startswith("8"):  # only a mobile number may drop its 0
        return None
    return "+62" + national


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("+62 (0)812 3456 789", "+628123456789"),
        ("6281234567890", "+6281234567890"),
        ("81234567890", "+6281234567890"),
        ("(021) 1234 5678", "+622112345678"),
        ("0274 123456", "+62274123456"),
        ("0967 123456", "+62967123456"),
    ],
)
def test_valid_phone_numbers_are_normalised_to_e164(text: str, normalised: str) -> None:
    assert check_phone(text) == normalised


@pytest.mark.parametrize(
    ("text", "msgid"),
    [
        ("0812-3456-789O", PHONE_DIGITS),
        ("08+12345678", PHONE_DIGITS),
        ("+1 202 555 0100", PHONE_PREFIX),
        ("0800 123 4567", PHONE_PREFIX),
        ("112", PHONE_PREFIX),
        ("274 123456", PHONE_PREFIX),
        ("0812 345", PHONE_MOBILE_LENGTH),
        ("0812 3456 7890 12", PHONE_MOBILE_LENGTH),
        ("021 1234", PHONE_LANDLINE_LENGTH),
        ("021 1234 567890", PHONE_LANDLINE_LENGTH),
    ],
)
def test_invalid_phone_numbers_have_a_plain_message(text: str, msgid: str) -> None:
    assert message_of(check_phone, text) == msgid


phone_shaped = st.builds(
    lambda prefix, start, rest, space: prefix + space + start + rest,
    st.sampled_from(["", "0", "62", "+62", "+620", "+62 (0)", "+1", "00", "(0", "+"]),
    st.sampled_from(["8", "81", "89", "80", "21", "274", "967", "1", "6", ""]),
    st.one_of(digits(5, 12), st.text(max_size=4)),
    st.sampled_from(["", " ", "-"]),
)
mobile_shaped = st.builds(
    lambda prefix, rest: prefix + rest,
    st.sampled_from(["0", "+62", "62", "+62 0", ""]),
    separated(st.builds(lambda tail: "8" + tail, digits(8, 12))),
)
phone_like = st.one_of(phone_shaped, mobile_shaped)


@given(phone_like)
@example("+620812345678")
def test_check_phone_follows_the_documented_rule(text: str) -> None:
    try:
        normalised = check_phone(text)
    except InvalidAnswer:
        assert phone_reference(text) is None
        return
    assert normalised == phone_reference(text)
    assert re.fullmatch(r"\+62[0-9]{8,12}", normalised)
    assert check_phone(normalised) == normalised


@given(st.one_of(st.text(max_size=30), separated(id_numbers)))
@example("3201011708450001")
def test_mask_nik_never_shows_more_than_eight_digits(text: str) -> None:
    masked = mask_nik(text)
    assert sum(character.isdigit() for character in masked) <= 8
    if len(masked) >= 12:
        assert set(masked[4:-4]) == {"*"}
    else:
        assert set(masked) <= {"*"}


def test_mask_nik_shows_the_first_and_last_four() -> None:
    assert mask_nik("3201011708450001") == "3201********0001"
    assert mask_nik("3201 0117 0845 0001") == "3201********0001"
    assert mask_nik("3201") == "****"


def test_messages_are_shown_in_the_citizens_language() -> None:
    with pytest.raises(InvalidAnswer) as caught:
        check_nik("123")
    assert caught.value.text("en") == NIK_LENGTH
    assert isinstance(caught.value.text("id"), str)
