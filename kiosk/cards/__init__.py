"""Card holders, staff badges and staff PINs: a card tag identifies, a PIN authenticates."""

from kiosk.cards.errors import (
    CardAlreadyRegistered,
    CardError,
    InvalidStaffNumber,
    InvalidTag,
    NameRequired,
    StaffAlreadyExists,
    StaffLockedOut,
    UnknownCard,
    UnknownStaff,
    WeakPin,
    WrongPin,
)
from kiosk.cards.service import CardRegistry
from kiosk.cards.types import CardHolder, StaffBadge, StaffInfo, StaffRole, StaffSession

__all__ = [
    "CardAlreadyRegistered",
    "CardError",
    "CardHolder",
    "CardRegistry",
    "InvalidStaffNumber",
    "InvalidTag",
    "NameRequired",
    "StaffAlreadyExists",
    "StaffBadge",
    "StaffInfo",
    "StaffLockedOut",
    "StaffRole",
    "StaffSession",
    "UnknownCard",
    "UnknownStaff",
    "WeakPin",
    "WrongPin",
]
