"""Turning database lock trouble into errors a person can act on."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, OperationalError

from kiosk.queue.errors import InvalidTransition, QueueBusy, TicketNotRecorded

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


@contextmanager
def recording_printed(code: str) -> Iterator[None]:
    """Record a ticket that is already on paper; if that fails, staff must know.

    A database error (disk full, lock wait ran out, connection lost) or a ticket that is
    no longer PRINTING (another kiosk judged it stale and voided it) become
    TicketNotRecorded. Left PRINTING, the ticket is voided at the next start-up.
    """
    try:
        yield
    except (DBAPIError, InvalidTransition, QueueBusy) as error:
        log.critical("ticket %s printed but not saved: %s", code, type(error).__name__)
        raise TicketNotRecorded(code) from error
