"""A StaffPort fake: one clerk with a badge, scripted failures, calls recorded."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from kiosk.cards import (
    CardHolder,
    StaffBadge,
    StaffLockedOut,
    StaffRole,
    StaffSession,
    UnknownCard,
    UnknownStaff,
    WrongPin,
)

NUMBER, PIN, BADGE, HOLDER_CARD = "1001", "482915", "0A1B2C3D4E", "1F00A1B2C3"
NOW = datetime(2024, 5, 6, 2, 0, tzinfo=UTC)
LOCKED_UNTIL = datetime(2024, 5, 6, 2, 15, tzinfo=UTC)  # 09:15 WIB


class FakeStaffPort:
    def __init__(self) -> None:
        self.calls: list[tuple[str, ...]] = []
        self.locked = False
        self.threads: set[str] = set()
        self._lock = threading.Lock()

    def _record(self, *call: str) -> None:
        with self._lock:
            self.calls.append(call)
            self.threads.add(threading.current_thread().name)

    def sign_in(self, staff_number: str, pin: str) -> StaffSession:
        self._record("sign_in", staff_number, pin)
        if staff_number != NUMBER:
            raise UnknownStaff()
        return self._check(pin)

    def sign_in_with_badge(self, tag: str, pin: str) -> StaffSession:
        self._record("sign_in_with_badge", tag, pin)
        if tag != BADGE:
            raise UnknownCard()
        return self._check(pin)

    def identify_staff(self, tag: str) -> StaffBadge | None:
        self._record("identify_staff", tag)
        found = self._identify(tag)
        return found if isinstance(found, StaffBadge) else None

    def identify(self, tag: str) -> StaffBadge | CardHolder | None:
        self._record("identify", tag)
        return self._identify(tag)

    def _identify(self, tag: str) -> StaffBadge | CardHolder | None:
        if tag == BADGE:
            return StaffBadge(NUMBER, "Siti Aminah", StaffRole.CLERK)
        if tag == HOLDER_CARD:
            return CardHolder("3273011708850001", "Budi Santoso", NOW)
        return None

    def _check(self, pin: str) -> StaffSession:
        if self.locked:
            raise StaffLockedOut(LOCKED_UNTIL)
        if pin != PIN:
            raise WrongPin(4)
        return StaffSession(NUMBER, "Siti Aminah", StaffRole.CLERK, NOW)
