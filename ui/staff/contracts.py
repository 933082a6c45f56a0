"""What the staff screens need from the core (`kiosk.cards.CardRegistry` is one)."""

from __future__ import annotations

from typing import Protocol

from kiosk.cards import CardHolder, StaffBadge, StaffSession


class StaffPort(Protocol):
    """Signing staff in. Every call touches the database (and `sign_in` runs scrypt),
    so the screens call them off the GUI thread (see `ui.tasks`)."""

    def sign_in(self, staff_number: str, pin: str) -> StaffSession:
        """Raises kiosk.cards errors: UnknownStaff, WrongPin, StaffLockedOut."""
        ...

    def sign_in_with_badge(self, tag: str, pin: str) -> StaffSession:
        """The badge says who, the PIN decides; raises UnknownCard too."""
        ...

    def identify_staff(self, tag: str) -> StaffBadge | None:
        """Whose badge a tag is, without opening citizens' card records."""
        ...

    def identify(self, tag: str) -> StaffBadge | CardHolder | None:
        """Whose card a tag is; proves nothing."""
        ...
