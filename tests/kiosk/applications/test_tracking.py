"""Tracking codes: format, the check symbol, and forgiving normalisation."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.applications.errors import InvalidTrackingCode
from kiosk.applications.tracking import (
    ALPHABET,
    check_symbol,
    new_tracking_code,
    normalise_tracking_code,
    tracking_code_from_scan,
)

CODE = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}")
PAYLOADS = st.text(alphabet=ALPHABET, min_size=7, max_size=7)


def code_of(payload: str) -> str:
    symbols = payload + check_symbol(payload)
    return f"{symbols[:4]}-{symbols[4:]}"


def test_new_codes_have_the_format_and_pass_their_own_check() -> None:
    codes = {new_tracking_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert CODE.fullmatch(code), code
        assert normalise_tracking_code(code) == code


def test_the_alphabet_has_no_i_l_o_u() -> None:
    assert len(ALPHABET) == 32 and not set("ILOU") & set(ALPHABET)


@given(payload=PAYLOADS, position=st.integers(0, 7), replacement=st.sampled_from(ALPHABET))
def test_every_single_wrong_symbol_is_caught(payload: str, position: int, replacement: str) -> None:
    symbols = list(code_of(payload).replace("-", ""))
    if symbols[position] == replacement:
        return
    symbols[position] = replacement
    with pytest.raises(InvalidTrackingCode):
        normalise_tracking_code("".join(symbols))


@given(payload=PAYLOADS)
def test_lower_case_spaces_and_look_alikes_are_forgiven(payload: str) -> None:
    code = code_of(payload)
    spoken = " ".join(code.replace("-", "")).lower()
    assert normalise_tracking_code(spoken) == code
    confused = code.replace("0", "o").replace("1", "l")
    assert normalise_tracking_code(confused) == code
    assert normalise_tracking_code(code.replace("1", "I")) == code


@pytest.mark.parametrize(
    "text", ["", "ABCD-EFG", "ABCD-EFGHJ", "ABCD-EFGU", "ABCD_EFGH", "ÄBCD-EFGH"]
)
def test_what_is_not_a_code_is_refused(text: str) -> None:
    with pytest.raises(InvalidTrackingCode):
        normalise_tracking_code(text)


def test_a_scanned_receipt_qr_gives_its_code() -> None:
    code = new_tracking_code()
    assert tracking_code_from_scan(f"ANJUNGAN:S:{code}\r\n") == code
    assert tracking_code_from_scan(code.lower()) == code
    with pytest.raises(InvalidTrackingCode):
        tracking_code_from_scan("https://example.com/?nik=3273011708850001")
