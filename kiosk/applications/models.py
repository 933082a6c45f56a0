"""ORM models of submissions: the sealed record, its status history and its outbox row.

Only what is not personal is stored in the clear: service, status, dates, whether a
clerk helped, and a snapshot of the service's title, requirements and output, so that
status and reprints work offline even after the catalogue changed. Every answer, the
NIK included, is inside `sealed` (see kiosk.security.sealing).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.applications.types import ApplicationStatus
from kiosk.catalogue.model import Output
from kiosk.db.base import Base
from kiosk.db.timestamps import UTCDateTime

OUTBOX_KIND_SUBMISSION = "submission"

SUBMISSION_STATUS = Enum(
    ApplicationStatus,
    name="submission_status",
    native_enum=False,
    create_constraint=False,
    length=16,
    values_callable=lambda members: [member.value for member in members],
)
OUTPUT = Enum(
    Output,
    name="output",
    native_enum=False,
    create_constraint=False,
    length=16,
    values_callable=lambda members: [member.value for member in members],
)


class Application(Base):
    """One finished service form; `id` is a UUID, also the sync idempotency key."""

    __tablename__ = "submissions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    tracking_code: Mapped[str] = mapped_column(String(9), unique=True)
    service_id: Mapped[str] = mapped_column(String(64))
    service_version: Mapped[int] = mapped_column(Integer)
    service_title: Mapped[dict[str, str]] = mapped_column(JSON)
    requirements: Mapped[list[dict[str, str]]] = mapped_column(JSON)
    output: Mapped[Output] = mapped_column(OUTPUT)
    status: Mapped[ApplicationStatus] = mapped_column(SUBMISSION_STATUS)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ready_on: Mapped[date] = mapped_column(Date)
    assisted: Mapped[bool] = mapped_column(Boolean)
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    # The centre's message with its last status, per language (needs_citizen, rejected).
    status_message: Mapped[dict[str, str] | None] = mapped_column(JSON, nullable=True)
    # When the answers were deleted after the retention period (only the masked NIK stays).
    answers_deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class ApplicationEvent(Base):
    """One status change of a submission, with its time."""

    __tablename__ = "submission_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.id"), index=True)
    status: Mapped[ApplicationStatus] = mapped_column(SUBMISSION_STATUS)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class OutboxItem(Base):
    """Something to send to the central API; the payload is read (sealed) from its row."""

    __tablename__ = "outbox"
    __table_args__ = (Index(None, "sent_at", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # The centre's answer, committed together with sent_at (kiosk.sync.outbox).
    outcome: Mapped[str | None] = mapped_column(String(16), nullable=True)
    reason_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    reason: Mapped[str | None] = mapped_column(String(500), nullable=True)
