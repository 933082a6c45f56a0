"""Errors of cards, badges and PINs; `kiosk.cards.messages` puts them in plain words."""

from __future__ import annotations

from datetime import datetime

from kiosk.errors import KioskError


class CardError(KioskError):
    """Base of the card and staff errors. Messages never hold a tag, a PIN or a NIK."""


class InvalidTag(CardError):
    """Not a card tag: a tag is ten hex digits (the reader's EM4100 id)."""

    def __init__(self) -> None:
        super().__init__("a card tag is 10 hex digits")


class UnknownCard(CardError):
    """A tag registered neither to a card holder nor as a staff badge."""

    def __init__(self) -> None:
        super().__init__("this card is not registered at this office")


class CardAlreadyRegistered(CardError):
    """The tag already belongs to a card holder or to a staff badge."""

    def __init__(self) -> None:
        super().__init__("this card is already registered")


class NameRequired(CardError):
    """A card holder or staff member without a name."""

    def __init__(self) -> None:
        super().__init__("a name is required")


class InvalidStaffNumber(CardError):
    """Staff numbers are typed on a digit keypad: 1 to 12 digits."""

    def __init__(self) -> None:
        super().__init__("a staff number is 1 to 12 digits")


class UnknownStaff(CardError):
    """No active staff member with that number (or that badge)."""

    def __init__(self) -> None:
        super().__init__("no active staff member with this number")


class StaffAlreadyExists(CardError):
    def __init__(self, staff_number: str) -> None:
        super().__init__(f"staff number {staff_number} is already registered")
        self.staff_number = staff_number


class WeakPin(CardError):
    """A PIN the policy refuses; `reason` says which rule."""

    NOT_SIX_DIGITS = "not_six_digits"
    ALL_SAME = "all_same"
    SEQUENCE = "sequence"
    MISMATCH = "mismatch"  # typed twice differently (CLI)

    def __init__(self, reason: str) -> None:
        super().__init__(f"PIN refused: {reason.replace('_', ' ')}")
        self.reason = reason


class WrongPin(CardError):
    """The PIN did not match; `remaining` tries are left before the account locks."""

    def __init__(self, remaining: int) -> None:
        super().__init__(f"wrong PIN ({remaining} attempts left before the account locks)")
        self.remaining = remaining


class StaffLockedOut(CardError):
    """Too many wrong PINs in a row; no PIN is checked before `until` (aware UTC)."""

    def __init__(self, until: datetime) -> None:
        super().__init__(f"too many wrong PINs: locked until {until:%Y-%m-%d %H:%M} UTC")
        self.until = until
