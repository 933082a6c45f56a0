"""The card registry: staff members with PINs and badges, citizens' registered cards.

A tag only ever says who: `identify` names a staff badge or opens a card holder's
sealed NIK and name, and signing in always takes the PIN. Five wrong PINs in a row
lock the account for fifteen minutes; every sign-in, wrong PIN, lockout and card
change is written to the staff audit trail in the same transaction.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.cards.errors import (
    CardAlreadyRegistered,
    InvalidStaffNumber,
    NameRequired,
    StaffAlreadyExists,
    StaffLockedOut,
    UnknownCard,
    UnknownStaff,
    WrongPin,
)
from kiosk.cards.keys import holder_binding
from kiosk.cards.models import CardHolderRecord, StaffEvent, StaffMember
from kiosk.cards.pins import PinHasher, check_pin_policy, is_legacy, needs_rehash
from kiosk.cards.tags import TagFingerprinter
from kiosk.cards.types import CardHolder, StaffBadge, StaffInfo, StaffRole, StaffSession
from kiosk.catalogue.validators import check_nik
from kiosk.clock import Clock
from kiosk.db.engine import begin_write
from kiosk.security.keys import OfficeKeys
from kiosk.security.sealing import Sealer

log = logging.getLogger(__name__)

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=15)
STAFF_NUMBER_MAX_DIGITS = 12


class StaffEventKind(StrEnum):
    SIGNED_IN = "signed_in"
    WRONG_PIN = "wrong_pin"
    LOCKED_OUT = "locked_out"
    STAFF_ADDED = "staff_added"
    PIN_CHANGED = "pin_changed"
    STAFF_DEACTIVATED = "staff_deactivated"
    BADGE_SET = "badge_set"
    CARD_ENROLLED = "card_enrolled"  # a citizen's card; the citizen is not named
    CARD_REMOVED = "card_removed"  # a citizen's card or a staff badge
    UNKNOWN_NUMBER = "unknown_number"  # a sign-in with a number nobody has (not stored:
    # a number and PIN typed together would land in the clear)


class CardRegistry:
    """Staff, badges, PINs and card holders over one database and the SecretStore."""

    def __init__(
        self, session_factory: sessionmaker[Session], keys: OfficeKeys, clock: Clock
    ) -> None:
        self._sessions = session_factory
        self._sealer = Sealer(keys.data)
        self._tags = TagFingerprinter(keys.card)
        self._pins = PinHasher(keys.pin_pepper)
        self._clock = clock
        # Checked when the number is unknown or the account locked, so that these take
        # the time of a wrong PIN. Made now, not at the first unknown number (which would
        # then take twice as long).
        self._decoy_hash = self._pins.hash(f"{secrets.randbelow(10**6):06d}")

    def __repr__(self) -> str:
        return "CardRegistry()"

    # -- staff

    def add_staff(
        self,
        staff_number: str,
        name: str,
        role: StaffRole,
        pin: str,
        badge_tag: str | None = None,
    ) -> StaffInfo:
        number, name = _staff_number(staff_number), _name(name)
        check_pin_policy(pin)
        badge = self._tags.fingerprint(badge_tag) if badge_tag is not None else None
        pin_hash = self._pins.hash(pin)
        with self._sessions() as session:
            begin_write(session)
            if _staff(session, number) is not None:
                raise StaffAlreadyExists(number)
            if badge is not None:
                _check_free(session, badge)
            now = self._clock.now()
            member = StaffMember(
                staff_number=number,
                name=name,
                role=StaffRole(role),
                pin_hash=pin_hash,
                badge_fingerprint=badge,
                failed_attempts=0,
                active=True,
                created_at=now,
            )
            session.add(member)
            _audit(session, StaffEventKind.STAFF_ADDED, number, now)
            if badge is not None:
                _audit(session, StaffEventKind.BADGE_SET, number, now)
            session.commit()
            return _info(member)

    def set_badge(self, staff_number: str, tag: str) -> None:
        """Give an active staff member a badge (replacing the old one)."""
        badge = self._tags.fingerprint(tag)
        with self._sessions() as session:
            begin_write(session)
            member = _active_staff(session, _staff_number(staff_number))
            if member.badge_fingerprint != badge:
                _check_free(session, badge)
            member.badge_fingerprint = badge
            _audit(session, StaffEventKind.BADGE_SET, member.staff_number, self._clock.now())
            session.commit()

    def set_pin(self, staff_number: str, pin: str) -> None:
        """A new PIN (set by a technician); it also lifts a lockout."""
        check_pin_policy(pin)
        pin_hash = self._pins.hash(pin)
        with self._sessions() as session:
            begin_write(session)
            member = _active_staff(session, _staff_number(staff_number))
            member.pin_hash = pin_hash
            member.failed_attempts = 0
            member.locked_until = None
            _audit(session, StaffEventKind.PIN_CHANGED, member.staff_number, self._clock.now())
            session.commit()

    def deactivate_staff(self, staff_number: str) -> None:
        """The member can no longer sign in; the badge is freed. The row stays for the audit."""
        with self._sessions() as session:
            begin_write(session)
            member = _active_staff(session, _staff_number(staff_number))
            member.active = False
            member.badge_fingerprint = None
            now = self._clock.now()
            _audit(session, StaffEventKind.STAFF_DEACTIVATED, member.staff_number, now)
            session.commit()

    def list_staff(self) -> list[StaffInfo]:
        with self._sessions() as session:
            members = session.scalars(select(StaffMember).order_by(StaffMember.staff_number))
            return [_info(member) for member in members]

    # -- card holders

    def add_holder(self, tag: str, nik: str, name: str, by_staff: str | None = None) -> None:
        """Register a citizen's card; NIK and name are sealed to the card's fingerprint."""
        fingerprint = self._tags.fingerprint(tag)
        info = check_nik(nik, self._clock.now().date())
        sealed = self._sealer.seal(
            {"nik": info.nik, "name": _name(name)}, holder_binding(fingerprint)
        )
        with self._sessions() as session:
            begin_write(session)
            _check_free(session, fingerprint)
            now = self._clock.now()
            session.add(CardHolderRecord(fingerprint=fingerprint, sealed=sealed, created_at=now))
            _audit(session, StaffEventKind.CARD_ENROLLED, by_staff, now)
            session.commit()

    def remove_card(self, tag: str, by_staff: str | None = None) -> str:
        """Forget a card: a holder's record, or a staff badge. Returns "holder" or "badge"."""
        fingerprint = self._tags.fingerprint(tag)
        with self._sessions() as session:
            begin_write(session)
            now = self._clock.now()
            holder = _holder(session, fingerprint)
            member = _badge_owner(session, fingerprint)
            if holder is not None:
                session.delete(holder)
                removed = "holder"
            elif member is not None:
                member.badge_fingerprint = None
                removed = "badge"
            else:
                raise UnknownCard()
            _audit(session, StaffEventKind.CARD_REMOVED, by_staff, now)
            session.commit()
            return removed

    def count_holders(self) -> int:
        with self._sessions() as session:
            return session.scalar(select(func.count()).select_from(CardHolderRecord)) or 0

    def identify(self, tag: str) -> StaffBadge | CardHolder | None:
        """Whose card this is; None for a card not registered here. Proves nothing."""
        fingerprint = self._tags.fingerprint(tag)
        with self._sessions() as session:
            member = _badge_owner(session, fingerprint)
            if member is not None and member.active:
                return StaffBadge(member.staff_number, member.name, member.role)
            holder = _holder(session, fingerprint)
            if holder is None:
                return None
            opened = self._sealer.unseal(holder.sealed, holder_binding(fingerprint))
            return CardHolder(str(opened["nik"]), str(opened["name"]), holder.created_at)

    def identify_staff(self, tag: str) -> StaffBadge | None:
        """The staff member whose badge this is; never opens a citizen's card record."""
        fingerprint = self._tags.fingerprint(tag)
        with self._sessions() as session:
            member = _badge_owner(session, fingerprint)
            if member is None or not member.active:
                return None
            return StaffBadge(member.staff_number, member.name, member.role)

    # -- signing in

    def sign_in(self, staff_number: str, pin: str) -> StaffSession:
        """The PIN decides; raises UnknownStaff, WrongPin or StaffLockedOut otherwise."""
        number = staff_number.strip()
        with self._sessions() as session:
            begin_write(session)
            member = session.scalar(
                select(StaffMember).where(StaffMember.staff_number == number).with_for_update()
            )
            if member is None or not member.active:
                self._refuse_unknown(session, pin)
            return self._check_pin(session, member, pin)

    def sign_in_with_badge(self, tag: str, pin: str) -> StaffSession:
        """The badge says who; the PIN is still required."""
        fingerprint = self._tags.fingerprint(tag)
        with self._sessions() as session:
            begin_write(session)
            member = session.scalar(
                select(StaffMember)
                .where(StaffMember.badge_fingerprint == fingerprint)
                .with_for_update()
            )
            if member is None:
                self._pins.verify(pin, self._decoy_hash)  # as slow as a wrong PIN
                raise UnknownCard()
            return self._check_pin(session, member, pin)

    def _refuse_unknown(self, session: Session, pin: str) -> None:
        """Audited without what was typed (a number and PIN typed together would be
        stored in the clear), and as slow as a wrong PIN, so that neither the time taken
        nor the screen (see ui.staff.sign_in) tells which numbers exist."""
        self._pins.verify(pin, self._decoy_hash)
        _audit(session, StaffEventKind.UNKNOWN_NUMBER, None, self._clock.now())
        session.commit()
        raise UnknownStaff()

    def _check_pin(self, session: Session, member: StaffMember | None, pin: str) -> StaffSession:
        now = self._clock.now()
        if member is None or not member.active:
            self._pins.verify(pin, self._decoy_hash)
            raise UnknownStaff()
        if member.locked_until is not None and now < member.locked_until:
            self._pins.verify(pin, self._decoy_hash)  # as slow as a wrong PIN; decides nothing
            raise StaffLockedOut(member.locked_until)
        if is_legacy(member.pin_hash):  # only ever written by hand since the pepper came
            log.critical(
                "staff %s has a PIN hash without the pepper (written into the database?): "
                "refused; set a new PIN with `kiosk staff pin %s`",
                member.staff_number,
                member.staff_number,
            )
        if self._pins.verify(pin, member.pin_hash):
            member.failed_attempts = 0
            member.locked_until = None
            if needs_rehash(member.pin_hash):  # a hash wrapped at start-up: now the PIN is known
                member.pin_hash = self._pins.hash(pin)
            _audit(session, StaffEventKind.SIGNED_IN, member.staff_number, now)
            session.commit()
            return StaffSession(member.staff_number, member.name, member.role, now)
        error = self._count_failure(session, member, now)
        session.commit()
        raise error

    def _count_failure(
        self, session: Session, member: StaffMember, now: datetime
    ) -> WrongPin | StaffLockedOut:
        _audit(session, StaffEventKind.WRONG_PIN, member.staff_number, now)
        member.failed_attempts += 1
        if member.failed_attempts < MAX_FAILED_ATTEMPTS:
            return WrongPin(MAX_FAILED_ATTEMPTS - member.failed_attempts)
        member.failed_attempts = 0  # after the lockout, five tries again
        member.locked_until = now + LOCKOUT
        _audit(session, StaffEventKind.LOCKED_OUT, member.staff_number, now)
        return StaffLockedOut(member.locked_until)


def _staff_number(text: str) -> str:
    number = text.strip()
    if not number.isascii() or not number.isdigit() or len(number) > STAFF_NUMBER_MAX_DIGITS:
        raise InvalidStaffNumber()
    return number


def _name(text: str) -> str:
    name = " ".join(text.split())
    if not name:
        raise NameRequired()
    return name


def _staff(session: Session, number: str) -> StaffMember | None:
    return session.scalar(select(StaffMember).where(StaffMember.staff_number == number))


def _active_staff(session: Session, number: str) -> StaffMember:
    member = _staff(session, number)
    if member is None or not member.active:
        raise UnknownStaff()
    return member


def _badge_owner(session: Session, fingerprint: str) -> StaffMember | None:
    return session.scalar(select(StaffMember).where(StaffMember.badge_fingerprint == fingerprint))


def _holder(session: Session, fingerprint: str) -> CardHolderRecord | None:
    query = select(CardHolderRecord).where(CardHolderRecord.fingerprint == fingerprint)
    return session.scalar(query)


def _check_free(session: Session, fingerprint: str) -> None:
    if _holder(session, fingerprint) is not None or _badge_owner(session, fingerprint):
        raise CardAlreadyRegistered()


def _audit(session: Session, kind: StaffEventKind, staff_number: str | None, at: datetime) -> None:
    session.add(StaffEvent(kind=kind.value, staff_number=staff_number, at=at))


def _info(member: StaffMember) -> StaffInfo:
    return StaffInfo(
        staff_number=member.staff_number,
        name=member.name,
        role=member.role,
        has_badge=member.badge_fingerprint is not None,
        active=member.active,
        locked_until=member.locked_until,
    )
