"""Card holders, staff badges and staff PINs: a card tag identifies, a PIN authenticates.

The registry itself is `kiosk.cards.registry.CardRegistry`; this package exports only the
light types and errors, so that the screens can import them without the database layer.
"""

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
from kiosk.cards.types import CardHolder, StaffBadge, StaffInfo, StaffRole, StaffSession

__all__ = [
    "CardAlreadyRegistered",
    "CardError",
    "CardHolder",
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
