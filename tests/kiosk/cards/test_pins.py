"""The PIN policy and the scrypt hashes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.cards import WeakPin
from kiosk.cards.pins import ScryptCost, check_pin_policy, hash_pin, verify_pin

CHEAP = ScryptCost(n=2**4, r=1, p=1)  # the hash format, not the cost, is tested here


@pytest.mark.parametrize(
    ("pin", "reason"),
    [
        ("12345", WeakPin.NOT_SIX_DIGITS),
        ("1234567", WeakPin.NOT_SIX_DIGITS),
        ("12a456", WeakPin.NOT_SIX_DIGITS),
        ("١٢٣٤٥٧", WeakPin.NOT_SIX_DIGITS),  # Arabic-Indic digits are digits to Python
        ("000000", WeakPin.ALL_SAME),
        ("777777", WeakPin.ALL_SAME),
        ("123456", WeakPin.SEQUENCE),
        ("654321", WeakPin.SEQUENCE),
        ("012345", WeakPin.SEQUENCE),
        ("456789", WeakPin.SEQUENCE),
    ],
)
def test_weak_pins_are_refused_with_their_reason(pin: str, reason: str) -> None:
    with pytest.raises(WeakPin) as refused:
        check_pin_policy(pin)
    assert refused.value.reason == reason


@pytest.mark.parametrize("pin", ["482915", "123457", "112233", "013579"])
def test_ordinary_pins_pass(pin: str) -> None:
    check_pin_policy(pin)


def test_the_hash_keeps_its_parameters_and_a_fresh_salt() -> None:
    first, second = hash_pin("482915", CHEAP), hash_pin("482915", CHEAP)
    assert first.split("$")[:4] == ["scrypt", "16", "1", "1"]
    assert first != second  # per-hash salt
    assert "482915" not in first
    assert verify_pin("482915", first) and verify_pin("482915", second)
    assert not verify_pin("482916", first)


@pytest.mark.parametrize("damaged", ["", "scrypt$x$1$1$AA==$AA==", "md5$16$1$1$AA==$AA==", "a$b"])
def test_a_damaged_hash_never_matches(damaged: str) -> None:
    assert not verify_pin("482915", damaged)


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet="0123456789", min_size=6, max_size=6))
def test_only_the_same_pin_verifies(pin: str) -> None:
    stored = hash_pin("482915", CHEAP)
    assert verify_pin(pin, stored) == (pin == "482915")
