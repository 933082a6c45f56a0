"""Reserving the next queue number of a service for a day, under a lock."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.queue.errors import QueueFull
from kiosk.queue.models import DailyCounter, Line


def reserve_next_number(session: Session, service: Line, day: date) -> int:
    """The next number of `service` on `day`, held until the session's transaction ends.

    The day's counter row is the lock: SQLite already holds the database write lock
    (``BEGIN IMMEDIATE``, see :func:`kiosk.db.engine.begin_write`); PostgreSQL locks the row
    with ``SELECT ... FOR UPDATE``, so a second kiosk waits here until the first commits or
    rolls back. A rollback (printer failed) gives the number back. Raises QueueFull past
    the service's range.
    """
    counter = _locked_counter(session, service, day)
    number = counter.last_number + 1
    if number > service.range_end:
        raise QueueFull(service.code)
    counter.last_number = number
    session.flush()
    return number


def _locked_counter(session: Session, service: Line, day: date) -> DailyCounter:
    """Lock the day's counter row, creating it first if this is the day's first ticket."""
    counter = _select_for_update(session, service.id, day)
    if counter is not None:
        return counter
    try:
        with session.begin_nested():
            session.add(
                DailyCounter(
                    service_id=service.id, business_date=day, last_number=service.range_start - 1
                )
            )
    except IntegrityError:
        pass  # another kiosk created it between our SELECT and INSERT; lock theirs
    counter = _select_for_update(session, service.id, day)
    if counter is None:
        raise RuntimeError(f"daily counter of service {service.code} vanished")
    return counter


def _select_for_update(session: Session, service_id: int, day: date) -> DailyCounter | None:
    query = (
        select(DailyCounter)
        .where(DailyCounter.service_id == service_id, DailyCounter.business_date == day)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return session.scalars(query).one_or_none()
