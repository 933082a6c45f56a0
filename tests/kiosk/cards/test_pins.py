"""The PIN policy and the peppered scrypt hashes."""

from __future__ import annotations

import base64
import hashlib
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.cards import WeakPin
from kiosk.cards.pins import PinHasher, ScryptCost, check_pin_policy, is_legacy, needs_rehash
from kiosk.security.keys import new_key

CHEAP = ScryptCost(n=2**4, r=1, p=1)  # the hash format, not the cost, is tested here
PEPPER = new_key()


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


def legacy_hash(pin: str, cost: ScryptCost = CHEAP) -> str:
    """A hash as the kiosk stored it before the pepper: scrypt of the PIN alone."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=cost.n, r=cost.r, p=cost.p, dklen=32)
    encoded = [base64.b64encode(part).decode() for part in (salt, digest)]
    return "$".join(["scrypt", str(cost.n), str(cost.r), str(cost.p), *encoded])


def test_the_hash_keeps_its_parameters_and_a_fresh_salt() -> None:
    pins = PinHasher(PEPPER, CHEAP)
    first, second = pins.hash("482915"), pins.hash("482915")
    assert first.split("$")[:4] == ["scrypt-hmac", "16", "1", "1"]
    assert first != second  # per-hash salt
    assert "482915" not in first
    assert pins.verify("482915", first) and pins.verify("482915", second)
    assert not pins.verify("482916", first)
    assert not needs_rehash(first)


def test_the_database_alone_cracks_no_pin() -> None:
    """What an attacker with only the database file does: try all PINs against a hash.
    With the pepper in the key store, no PIN (the right one included) matches."""
    stored = PinHasher(PEPPER, CHEAP).hash("482915")
    without_pepper = PinHasher(b"", CHEAP)
    other_pepper = PinHasher(new_key(), CHEAP)
    candidates = ["482915", *(f"{n:06d}" for n in range(0, 10**6, 997))]
    assert not any(without_pepper.verify(pin, stored) for pin in candidates)
    assert not any(other_pepper.verify(pin, stored) for pin in candidates)
    # ... and plain scrypt of the right PIN with the stored salt is not the stored digest.
    _scheme, _n, _r, _p, salt, digest = stored.split("$")
    plain = hashlib.scrypt(b"482915", salt=base64.b64decode(salt), n=16, r=1, p=1, dklen=32)
    assert base64.b64encode(plain).decode() != digest


def test_a_hash_from_before_the_pepper_is_wrapped_without_the_pin_and_still_verifies() -> None:
    pins = PinHasher(PEPPER, CHEAP)
    old = legacy_hash("482915")
    assert not pins.verify("482915", old)  # never accepted unwrapped (anyone could write one)
    wrapped = pins.wrap_legacy(old)
    assert wrapped is not None and wrapped.startswith("scrypt-wrapped$16$1$1$")
    assert pins.verify("482915", wrapped) and not pins.verify("482916", wrapped)
    assert not PinHasher(new_key(), CHEAP).verify("482915", wrapped)
    assert needs_rehash(wrapped) and is_legacy(old) and not is_legacy(wrapped)
    assert pins.wrap_legacy(wrapped) is None and pins.wrap_legacy(pins.hash("482915")) is None


@pytest.mark.parametrize(
    "damaged",
    [
        "",
        "scrypt-hmac$x$1$1$AA==$AA==",
        "md5$16$1$1$AA==$AA==",
        "a$b",
        "scrypt-hmac$1073741824$8$1$AA==$AA==",  # a cost edited to allocate gigabytes
        "scrypt-hmac$1000$8$1$AA==$AA==",  # not a power of two
    ],
)
def test_a_damaged_hash_never_matches(damaged: str) -> None:
    assert not PinHasher(PEPPER, CHEAP).verify("482915", damaged)


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet="0123456789", min_size=6, max_size=6))
def test_only_the_same_pin_verifies(pin: str) -> None:
    pins = PinHasher(PEPPER, CHEAP)
    stored = pins.hash("482915")
    assert pins.verify(pin, stored) == (pin == "482915")
