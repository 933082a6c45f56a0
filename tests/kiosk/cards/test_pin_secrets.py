"""Staff PINs at rest and at the keypad: peppered, upgraded from before the pepper, nothing
typed stored, and every refusal as slow as a wrong PIN."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from kiosk.cards import StaffLockedOut, StaffRole, UnknownCard, UnknownStaff, WrongPin
from kiosk.cards.models import StaffMember
from kiosk.cards.pins import DEFAULT_COST
from kiosk.cards.registry import CardRegistry
from kiosk.cli.office_keys import upgrade_sealed_data
from kiosk.security.keys import OfficeKeys
from tests.helpers.stubs import FakeClock
from tests.kiosk.cards.conftest import CLERK_PIN
from tests.kiosk.cards.test_pins import legacy_hash

WRONG_PIN = "271828"


@pytest.fixture
def scrypt_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The `n` of every scrypt computed: each is the cost of one PIN check."""
    calls: list[int] = []
    real: Callable[..., bytes] = hashlib.scrypt

    def counting(*args: Any, **kwargs: Any) -> bytes:
        calls.append(kwargs["n"])
        return real(*args, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", counting)
    yield calls


def stored_hash(sessions: sessionmaker[Session], number: str) -> str:
    with sessions() as session:
        return session.scalars(
            select(StaffMember.pin_hash).where(StaffMember.staff_number == number)
        ).one()


def test_every_refusal_costs_exactly_one_default_scrypt(
    sessions: sessionmaker[Session],
    keys: OfficeKeys,
    clock: FakeClock,
    scrypt_calls: list[int],
) -> None:
    registry = CardRegistry(sessions, keys, clock)
    registry.add_staff("1001", "Siti", StaffRole.CLERK, CLERK_PIN)
    registry.add_staff("2002", "Joko", StaffRole.CLERK, "731904")
    registry.deactivate_staff("2002")
    scrypt_calls.clear()  # the decoy hash and the two PINs were made before this point

    attempts: list[tuple[str, type[Exception]]] = [
        ("9999", UnknownStaff),  # the first unknown number: no decoy made on the spot
        ("9998", UnknownStaff),
        ("2002", UnknownStaff),  # a deactivated member
        ("1001", WrongPin),
    ]
    for number, error in attempts:
        with pytest.raises(error):
            registry.sign_in(number, WRONG_PIN)
        assert scrypt_calls == [DEFAULT_COST.n], number
        scrypt_calls.clear()

    with pytest.raises(UnknownCard):  # a badge nobody has
        registry.sign_in_with_badge("FFFFFFFFFF", WRONG_PIN)
    assert scrypt_calls == [DEFAULT_COST.n]
    planted = legacy_hash(CLERK_PIN, DEFAULT_COST)
    scrypt_calls.clear()
    for damaged in ("", planted):  # a damaged hash, or one planted in the database
        with sessions() as session:
            session.execute(
                update(StaffMember)
                .where(StaffMember.staff_number == "2002")
                .values(pin_hash=damaged, active=True)
            )
            session.commit()
        with pytest.raises(WrongPin):
            registry.sign_in("2002", WRONG_PIN)
        assert scrypt_calls == [DEFAULT_COST.n], damaged[:10]
        scrypt_calls.clear()

    for _ in range(4):  # the account locks
        with pytest.raises((WrongPin, StaffLockedOut)):
            registry.sign_in("1001", WRONG_PIN)
    scrypt_calls.clear()
    clock.advance(minutes=1)
    with pytest.raises(StaffLockedOut):
        registry.sign_in("1001", CLERK_PIN)  # locked: as slow as any other answer
    assert scrypt_calls == [DEFAULT_COST.n]


def test_a_number_and_pin_typed_together_are_stored_nowhere(
    registry: CardRegistry, clerk: str, db_url: str, sessions: sessionmaker[Session]
) -> None:
    typed = f"{clerk}{CLERK_PIN}"  # the clerk typed the PIN into the number field
    with pytest.raises(UnknownStaff):
        registry.sign_in(typed, CLERK_PIN)
    path = Path(db_url.removeprefix("sqlite:///"))
    blob = b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
    assert typed.encode() not in blob
    assert CLERK_PIN.encode() not in blob


def test_a_pin_set_before_the_pepper_works_after_the_upgrade_and_is_then_rehashed(
    registry: CardRegistry, sessions: sessionmaker[Session], keys: OfficeKeys, clerk: str
) -> None:
    with sessions() as session:
        session.execute(update(StaffMember).values(pin_hash=legacy_hash(CLERK_PIN, DEFAULT_COST)))
        session.commit()
    with pytest.raises(WrongPin):  # never accepted as it is: the pepper must key it first
        registry.sign_in(clerk, CLERK_PIN)
    registry.set_pin(clerk, CLERK_PIN)  # lift the count this refusal made
    with sessions() as session:
        session.execute(update(StaffMember).values(pin_hash=legacy_hash(CLERK_PIN, DEFAULT_COST)))
        session.commit()

    assert upgrade_sealed_data(sessions, keys) == 1
    assert stored_hash(sessions, clerk).startswith("scrypt-wrapped$")
    registry.sign_in(clerk, CLERK_PIN)
    assert stored_hash(sessions, clerk).startswith("scrypt-hmac$")
    registry.sign_in(clerk, CLERK_PIN)


def test_a_pin_planted_in_the_database_never_works_even_after_a_restart(
    registry: CardRegistry,
    sessions: sessionmaker[Session],
    keys: OfficeKeys,
    clerk: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Anyone can compute scrypt of a PIN of their choice without a key; once the
    upgrade is done, such a hash is refused at every start and every sign-in."""
    assert upgrade_sealed_data(sessions, keys) == 0  # the kiosk's first start: nothing old
    planted = "135792"
    with sessions() as session:
        session.execute(update(StaffMember).values(pin_hash=legacy_hash(planted, DEFAULT_COST)))
        session.commit()
    assert upgrade_sealed_data(sessions, keys) is None  # a restart: never again
    with pytest.raises(WrongPin):
        registry.sign_in(clerk, planted)
    assert "without the pepper" in caplog.text and stored_hash(sessions, clerk).startswith(
        "scrypt$"
    )
