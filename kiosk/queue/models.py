"""The queue's tables: services, daily counters, tickets and their state history."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.db.base import Base
from kiosk.db.timestamps import UTCDateTime
from kiosk.queue.types import Priority, TicketState


def _enum_of(enum_class: type[Priority] | type[TicketState], name: str) -> Enum:
    """Stored as its plain value in a VARCHAR: portable, and readable in a SQL shell."""
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=False,
        length=16,
        values_callable=lambda members: [member.value for member in members],
    )


PRIORITY = _enum_of(Priority, "priority")
TICKET_STATE = _enum_of(TicketState, "ticket_state")


class Line(Base):
    """A queue service (layanan), e.g. A = Administrasi Kependudukan. Texts are per language."""

    __tablename__ = "services"
    __table_args__ = (
        CheckConstraint("range_start >= 1 AND range_end >= range_start", name="number_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    prefix: Mapped[str] = mapped_column(String(4))
    names: Mapped[dict[str, str]] = mapped_column(JSON)
    descriptions: Mapped[dict[str, str]] = mapped_column(JSON)
    where_to_wait: Mapped[dict[str, str]] = mapped_column(JSON)
    range_start: Mapped[int] = mapped_column(Integer, default=1)
    range_end: Mapped[int] = mapped_column(Integer, default=999)
    avg_service_minutes: Mapped[int] = mapped_column(Integer, default=10)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class DailyCounter(Base):
    """The last number handed out for a service on one office-local day; its row is the lock."""

    __tablename__ = "daily_counters"

    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), primary_key=True)
    business_date: Mapped[date] = mapped_column(Date, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer)


class Ticket(Base):
    """One queue number. Timestamps record the first time each state was reached."""

    __tablename__ = "tickets"
    __table_args__ = (
        UniqueConstraint("service_id", "business_date", "number"),
        Index(None, "service_id", "business_date", "state"),
        Index(None, "state"),  # start-up finds the few PRINTING tickets
        Index(None, "business_date", "state"),  # "call next" and the board, per day
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    business_date: Mapped[date] = mapped_column(Date)
    number: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(16))
    priority: Mapped[Priority | None] = mapped_column(PRIORITY, nullable=True)
    state: Mapped[TicketState] = mapped_column(TICKET_STATE)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    serving_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    counter: Mapped[str | None] = mapped_column(String(32), nullable=True)  # loket name
    # A ticket transferred to one loket waits for that loket alone.
    assigned_counter: Mapped[str | None] = mapped_column(String(32), nullable=True)
    transferred_from_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"), nullable=True)
    # The process that printed it (kiosk.queue.printing_owner): start-up voids a ticket
    # left PRINTING only when this process is provably dead.
    printing_host: Mapped[str | None] = mapped_column(String(255), nullable=True)
    printing_boot_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    printing_pid: Mapped[int | None] = mapped_column(Integer, nullable=True)
    printing_process_start: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class TicketEvent(Base):
    """One state change of a ticket, with its time: the audit trail and the statistics."""

    __tablename__ = "ticket_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    state: Mapped[TicketState] = mapped_column(TICKET_STATE)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    counter: Mapped[str | None] = mapped_column(String(32), nullable=True)
    note: Mapped[str | None] = mapped_column(String(200), nullable=True)
    actor: Mapped[str | None] = mapped_column(String(64), nullable=True)  # the clerk's number
    action: Mapped[str | None] = mapped_column(String(16), nullable=True)  # recall, reprint...
