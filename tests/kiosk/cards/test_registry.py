"""The card registry: staff and PINs, lockout, badges that only say who, card holders."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.cards import (
    CardAlreadyRegistered,
    CardHolder,
    InvalidStaffNumber,
    InvalidTag,
    StaffAlreadyExists,
    StaffBadge,
    StaffLockedOut,
    StaffRole,
    StaffSession,
    UnknownCard,
    UnknownStaff,
    WeakPin,
    WrongPin,
)
from kiosk.cards.models import StaffEvent, StaffMember
from kiosk.cards.registry import LOCKOUT, CardRegistry
from kiosk.catalogue.errors import InvalidAnswer
from kiosk.security.keys import OfficeKeys, new_key
from kiosk.security.sealing import SealBroken
from tests.helpers.definitions import FEMALE_NIK, MALE_NIK
from tests.helpers.stubs import FakeClock
from tests.kiosk.applications.test_no_plaintext import planted_name, planted_nik
from tests.kiosk.cards.conftest import CLERK_BADGE, CLERK_NUMBER, CLERK_PIN, HOLDER_TAG

WRONG_PIN = "271828"


def events(sessions: sessionmaker[Session]) -> list[tuple[str, str | None]]:
    with sessions() as session:
        rows = session.execute(select(StaffEvent.kind, StaffEvent.staff_number).order_by("id"))
        return [(kind, number) for kind, number in rows]


def test_a_staff_member_signs_in_with_number_and_pin(
    registry: CardRegistry, clerk: str, clock: FakeClock, sessions: sessionmaker[Session]
) -> None:
    signed_in = registry.sign_in(clerk, CLERK_PIN)
    assert signed_in == StaffSession(CLERK_NUMBER, "Siti Aminah", StaffRole.CLERK, clock.now())
    assert events(sessions)[-1] == ("signed_in", CLERK_NUMBER)


def test_the_listing_shows_the_badge_as_yes_or_no_and_no_pin(registry: CardRegistry) -> None:
    registry.add_staff("2002", "Joko", StaffRole.TECHNICIAN, "731904")
    registry.add_staff("1001", "Siti", StaffRole.CLERK, "482915", CLERK_BADGE)
    listed = registry.list_staff()
    assert [(s.staff_number, s.role, s.has_badge) for s in listed] == [
        ("1001", StaffRole.CLERK, True),
        ("2002", StaffRole.TECHNICIAN, False),
    ]
    assert "482915" not in repr(listed) and CLERK_BADGE not in repr(listed)


@pytest.mark.parametrize("pin", ["111111", "123456", "654321", "12345", "abcdef"])
def test_a_weak_pin_registers_nobody(registry: CardRegistry, pin: str) -> None:
    with pytest.raises(WeakPin):
        registry.add_staff("3003", "Budi", StaffRole.CLERK, pin)
    assert registry.list_staff() == []


def test_staff_numbers_are_digits_and_unique(registry: CardRegistry, clerk: str) -> None:
    with pytest.raises(StaffAlreadyExists):
        registry.add_staff(clerk, "Another", StaffRole.CLERK, "731904")
    with pytest.raises(InvalidStaffNumber):
        registry.add_staff("A-12", "Budi", StaffRole.CLERK, "731904")
    assert len(registry.list_staff()) == 1


def test_wrong_pins_count_down_and_the_fifth_locks_for_fifteen_minutes(
    registry: CardRegistry, clerk: str, clock: FakeClock, sessions: sessionmaker[Session]
) -> None:
    remaining = []
    for _ in range(4):
        with pytest.raises(WrongPin) as wrong:
            registry.sign_in(clerk, WRONG_PIN)
        remaining.append(wrong.value.remaining)
    assert remaining == [4, 3, 2, 1]
    with pytest.raises(StaffLockedOut) as locked:
        registry.sign_in(clerk, WRONG_PIN)
    assert locked.value.until == clock.now() + LOCKOUT

    clock.advance(minutes=14, seconds=59)
    with pytest.raises(StaffLockedOut):
        registry.sign_in(clerk, CLERK_PIN)  # even the right PIN waits for the lock

    clock.advance(seconds=1)
    assert registry.sign_in(clerk, CLERK_PIN).staff_number == clerk
    kinds = [kind for kind, _ in events(sessions)]
    assert kinds.count("wrong_pin") == 5 and kinds.count("locked_out") == 1
    assert kinds[-1] == "signed_in"


def test_a_right_pin_resets_the_count(registry: CardRegistry, clerk: str) -> None:
    for _ in range(4):
        with pytest.raises(WrongPin):
            registry.sign_in(clerk, WRONG_PIN)
    registry.sign_in(clerk, CLERK_PIN)
    with pytest.raises(WrongPin) as wrong:
        registry.sign_in(clerk, WRONG_PIN)
    assert wrong.value.remaining == 4


def test_after_a_lockout_there_are_five_tries_again(
    registry: CardRegistry, clerk: str, clock: FakeClock
) -> None:
    for _ in range(5):
        with pytest.raises((WrongPin, StaffLockedOut)):
            registry.sign_in(clerk, WRONG_PIN)
    clock.advance(minutes=15)
    with pytest.raises(WrongPin) as wrong:
        registry.sign_in(clerk, WRONG_PIN)
    assert wrong.value.remaining == 4


def test_a_new_pin_lifts_the_lockout(registry: CardRegistry, clerk: str) -> None:
    for _ in range(5):
        with pytest.raises((WrongPin, StaffLockedOut)):
            registry.sign_in(clerk, WRONG_PIN)
    registry.set_pin(clerk, "905172")
    assert registry.sign_in(clerk, "905172").staff_number == clerk
    with pytest.raises(WrongPin):
        registry.sign_in(clerk, CLERK_PIN)  # the old one is gone


def test_a_badge_alone_never_signs_in(registry: CardRegistry, clerk: str) -> None:
    seen = registry.identify(CLERK_BADGE)
    assert seen == StaffBadge(CLERK_NUMBER, "Siti Aminah", StaffRole.CLERK)
    assert not isinstance(seen, StaffSession)
    with pytest.raises(WrongPin):
        registry.sign_in_with_badge(CLERK_BADGE, WRONG_PIN)
    with pytest.raises(WrongPin):
        registry.sign_in_with_badge(CLERK_BADGE, "")  # an empty PIN is a wrong PIN
    assert registry.sign_in_with_badge(CLERK_BADGE.lower(), CLERK_PIN).staff_number == clerk


def test_badge_and_number_share_one_failure_count(registry: CardRegistry, clerk: str) -> None:
    for _ in range(4):
        with pytest.raises(WrongPin):
            registry.sign_in_with_badge(CLERK_BADGE, WRONG_PIN)
    with pytest.raises(StaffLockedOut):
        registry.sign_in(clerk, WRONG_PIN)


def test_an_unknown_badge_or_number_signs_in_nobody(
    registry: CardRegistry, clerk: str, sessions: sessionmaker[Session]
) -> None:
    with pytest.raises(UnknownCard):
        registry.sign_in_with_badge("FFFFFFFFFF", CLERK_PIN)
    with pytest.raises(UnknownStaff):
        registry.sign_in("9999", CLERK_PIN)
    assert events(sessions)[-1] == ("unknown_number", None)  # audited, but not what was typed


def test_a_deactivated_member_cannot_sign_in_and_the_badge_is_freed(
    registry: CardRegistry, clerk: str
) -> None:
    registry.deactivate_staff(clerk)
    with pytest.raises(UnknownStaff):
        registry.sign_in(clerk, CLERK_PIN)
    assert registry.identify(CLERK_BADGE) is None
    registry.add_holder(CLERK_BADGE, MALE_NIK, "Budi")  # the card can be given out again
    assert isinstance(registry.identify(CLERK_BADGE), CardHolder)
    assert registry.list_staff()[0].active is False


def test_a_card_holder_is_identified_with_nik_and_name_hidden_in_repr(
    registry: CardRegistry, clock: FakeClock
) -> None:
    registry.add_holder(HOLDER_TAG, "3273 0117 0885 0001", "  Budi   Santoso ")
    holder = registry.identify(f" {HOLDER_TAG.lower()} ")
    assert holder == CardHolder(MALE_NIK, "Budi Santoso", clock.now())
    assert MALE_NIK not in repr(holder) and "Budi" not in repr(holder)
    assert registry.count_holders() == 1


def test_a_card_is_registered_once_as_holder_or_badge(registry: CardRegistry, clerk: str) -> None:
    registry.add_holder(HOLDER_TAG, MALE_NIK, "Budi")
    with pytest.raises(CardAlreadyRegistered):
        registry.add_holder(HOLDER_TAG, FEMALE_NIK, "Sari")
    with pytest.raises(CardAlreadyRegistered):
        registry.add_holder(CLERK_BADGE, FEMALE_NIK, "Sari")
    with pytest.raises(CardAlreadyRegistered):
        registry.set_badge(clerk, HOLDER_TAG)
    assert registry.count_holders() == 1


def test_an_invalid_nik_or_tag_registers_nothing(registry: CardRegistry) -> None:
    with pytest.raises(InvalidAnswer):
        registry.add_holder(HOLDER_TAG, "3273011708850", "Budi")
    with pytest.raises(InvalidTag):
        registry.add_holder("12345", MALE_NIK, "Budi")
    with pytest.raises(InvalidTag):
        registry.identify("GGGGGGGGGG")
    assert registry.count_holders() == 0


def test_removing_cards(registry: CardRegistry, clerk: str) -> None:
    registry.add_holder(HOLDER_TAG, MALE_NIK, "Budi")
    assert registry.remove_card(HOLDER_TAG) == "holder"
    assert registry.remove_card(CLERK_BADGE) == "badge"
    assert registry.identify(HOLDER_TAG) is None and registry.identify(CLERK_BADGE) is None
    assert registry.count_holders() == 0
    with pytest.raises(UnknownCard):
        registry.remove_card(HOLDER_TAG)
    registry.set_badge(clerk, HOLDER_TAG)
    assert registry.identify(HOLDER_TAG) == StaffBadge(clerk, "Siti Aminah", StaffRole.CLERK)


def test_fingerprints_depend_on_the_card_key(
    registry: CardRegistry, sessions: sessionmaker[Session], keys: OfficeKeys, clerk: str
) -> None:
    assert registry.identify(CLERK_BADGE) is not None
    other = CardRegistry(sessions, replace(keys, card=new_key()), FakeClock())
    assert other.identify(CLERK_BADGE) is None  # another key: the badge is not recognised


def test_the_audit_trail_names_staff_only(
    registry: CardRegistry, clerk: str, sessions: sessionmaker[Session]
) -> None:
    registry.add_holder(HOLDER_TAG, MALE_NIK, "Budi", by_staff=clerk)
    registry.remove_card(HOLDER_TAG, by_staff=clerk)
    assert events(sessions) == [
        ("staff_added", clerk),
        ("badge_set", clerk),
        ("card_enrolled", clerk),
        ("card_removed", clerk),
    ]


def test_raw_tags_pins_niks_and_names_are_not_in_the_database_file(
    registry: CardRegistry, db_url: str, sessions: sessionmaker[Session]
) -> None:
    nik, name = planted_nik(), planted_name()
    registry.add_staff("4004", "Petugas Uji", StaffRole.CLERK, "904217", "ABCDEF1234")
    registry.add_holder("5566778899", nik, name)
    registry.sign_in_with_badge("ABCDEF1234", "904217")
    assert registry.identify("5566778899") == CardHolder(nik, name, FakeClock().now())
    with sessions() as session:
        stored = session.scalar(select(StaffMember.badge_fingerprint))
    assert stored is not None and len(stored) == 64
    path = Path(db_url.removeprefix("sqlite:///"))
    blob = b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
    assert stored.encode() in blob  # guard: the bytes read are the stored ones
    for needle in ("ABCDEF1234", "abcdef1234", "5566778899", "904217", nik, name):
        assert needle.encode() not in blob, needle


def test_identifying_a_staff_badge_never_opens_a_citizens_card(
    registry: CardRegistry, sessions: sessionmaker[Session], keys: OfficeKeys, clerk: str
) -> None:
    registry.add_holder(HOLDER_TAG, MALE_NIK, "Budi Santoso")
    badge = registry.identify_staff(CLERK_BADGE)
    assert badge is not None and badge.staff_number == clerk
    # The same tags, but another data key: opening the citizen's record is impossible here.
    other = CardRegistry(sessions, replace(keys, data=new_key()), FakeClock())
    assert other.identify_staff(HOLDER_TAG) is None  # answered without opening it
    with pytest.raises(SealBroken):
        other.identify(HOLDER_TAG)
