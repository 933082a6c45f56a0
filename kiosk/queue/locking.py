"""Turning database lock trouble into errors a person can act on."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from kiosk.errors import QueueBusy, TicketNotRecorded

log = logging.getLogger(__name__)

# SQLite: "database is locked" after busy_timeout; PostgreSQL: lock_not_available (55P03).
LOCK_TIMEOUT_SQLSTATES = frozenset({"55P03"})


def _is_lock_timeout(error: DBAPIError) -> bool:
    sqlstate = getattr(error.orig, "sqlstate", None)
    return sqlstate in LOCK_TIMEOUT_SQLSTATES or "database is locked" in str(error.orig)


@contextmanager
def waiting_for_lock() -> Iterator[None]:
    """Raise QueueBusy instead of a driver error when the queue's lock wait runs out."""
    try:
        yield
    except OperationalError as error:
        if _is_lock_timeout(error):
            raise QueueBusy("the queue is busy; try again in a moment") from error
        raise


def commit_printed(session: Session, code: str) -> None:
    """Commit a ticket that is already on paper; if that fails, staff must know."""
    try:
        session.commit()
    except DBAPIError as error:
        log.critical("ticket %s printed but not saved: %s", code, type(error).__name__)
        raise TicketNotRecorded(code) from error
