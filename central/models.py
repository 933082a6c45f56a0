"""The centre's tables: kiosks, codes, applications, status changes, definitions, health."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from central.database import Base, UtcDateTime

SHA256_HEX = 64


class Kiosk(Base):
    __tablename__ = "kiosks"
    __table_args__ = (UniqueConstraint("token_sha256", name="uq_kiosks_token_sha256"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    token_sha256: Mapped[str] = mapped_column(String(SHA256_HEX))
    enrolled_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    software_version: Mapped[str | None] = mapped_column(String(40))


class EnrolmentCode(Base):
    """Only the code's SHA-256 is kept: a copy of the database enrols nothing."""

    __tablename__ = "enrolment_codes"

    code_sha256: Mapped[str] = mapped_column(String(SHA256_HEX), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    kiosk_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("kiosks.id"))


class Application(Base):
    """The envelope is kept as received: sealed for the centre's key, opened on demand."""

    __tablename__ = "applications"
    __table_args__ = (Index("ix_applications_status", "status", "received_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)  # the kiosk's UUID
    kiosk_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("kiosks.id"), index=True)
    tracking_code: Mapped[str] = mapped_column(String(32), index=True)
    service_id: Mapped[str] = mapped_column(String(100))
    service_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)  # at the kiosk
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    content_sha256: Mapped[str] = mapped_column(String(SHA256_HEX))
    envelope: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(20))
    status_message: Mapped[dict[str, str] | None] = mapped_column(JSON)
    status_changed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class StatusChange(Base):
    """`seq` comes from `StatusCounter`, so changes commit in the order of their seq."""

    __tablename__ = "status_changes"
    __table_args__ = (Index("ix_status_changes_kiosk_seq", "kiosk_id", "seq"),)

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("applications.id"), index=True)
    kiosk_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("kiosks.id"))
    status: Mapped[str] = mapped_column(String(20))
    message: Mapped[dict[str, str] | None] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class StatusCounter(Base):
    """One row; its lock, held to commit, puts status changes in commit order."""

    __tablename__ = "status_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(BigInteger)


class ServedDefinition(Base):
    """Every definition the centre has served: applications made with it stay checkable."""

    __tablename__ = "definitions"

    service_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    source: Mapped[str] = mapped_column(Text)
    first_served_at: Mapped[datetime] = mapped_column(UtcDateTime)


class HealthReport(Base):
    __tablename__ = "health_reports"
    __table_args__ = (Index("ix_health_reports_kiosk", "kiosk_id", "id"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    kiosk_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("kiosks.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime)  # the kiosk's clock
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    report: Mapped[dict[str, Any]] = mapped_column(JSON)
