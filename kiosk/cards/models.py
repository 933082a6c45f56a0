"""ORM models of cards: staff members, registered card holders and the staff audit trail.

No tag is stored raw: `fingerprint` is an HMAC of the tag (see `kiosk.cards.tags`). A
card holder's NIK and name are only inside `sealed`. The audit trail names staff by
their staff number and never holds anything about a citizen.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Enum, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.cards.types import StaffRole
from kiosk.db.base import Base
from kiosk.db.timestamps import UTCDateTime

FINGERPRINT_LENGTH = 64  # HMAC-SHA256 as hex

STAFF_ROLE = Enum(
    StaffRole,
    name="staff_role",
    native_enum=False,
    create_constraint=False,
    length=16,
    values_callable=lambda members: [member.value for member in members],
)


class StaffMember(Base):
    """A clerk or technician; `pin_hash` holds scrypt's parameters, salt and hash."""

    __tablename__ = "staff_members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    staff_number: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[StaffRole] = mapped_column(STAFF_ROLE)
    pin_hash: Mapped[str] = mapped_column(String(200))
    badge_fingerprint: Mapped[str | None] = mapped_column(
        String(FINGERPRINT_LENGTH), unique=True, nullable=True
    )
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CardHolderRecord(Base):
    """A citizen's card registered at the office; NIK and name sealed, bound to the tag."""

    __tablename__ = "card_holders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(FINGERPRINT_LENGTH), unique=True)
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StaffEvent(Base):
    """One sign-in, wrong PIN, lockout or card change, by staff number (if any) and time."""

    __tablename__ = "staff_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))
    staff_number: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
