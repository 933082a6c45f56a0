"""What the card registry hands out: who a tag belongs to, staff rows, signed-in sessions."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class StaffRole(StrEnum):
    CLERK = "clerk"  # serves citizens at the counter
    TECHNICIAN = "technician"  # settings, devices, enrolment


@dataclass(frozen=True)
class StaffBadge:
    """A tapped staff badge: it says who, never lets anyone in (the PIN does)."""

    staff_number: str
    name: str
    role: StaffRole


@dataclass(frozen=True)
class CardHolder:
    """A citizen's registered card, opened in memory only; repr hides NIK and name."""

    nik: str = dataclasses.field(repr=False)  # Nomor Induk Kependudukan, the ID number
    name: str = dataclasses.field(repr=False)
    registered_at: datetime


@dataclass(frozen=True)
class StaffInfo:
    """One staff member as listed: no PIN, and the badge only as yes or no."""

    staff_number: str
    name: str
    role: StaffRole
    has_badge: bool
    active: bool
    locked_until: datetime | None


@dataclass(frozen=True)
class StaffSession:
    """A staff member who proved who they are with their PIN."""

    staff_number: str
    name: str
    role: StaffRole
    signed_in_at: datetime
