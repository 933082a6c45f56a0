"""One-off upgrades of stored data that need the office keys, each done exactly once.

Re-sealing old-format applications, or keying old PIN hashes with the pepper, must not
run at every start: whoever can write the database could then plant an old-format blob
or a plain scrypt hash of a PIN they know, and the next start would adopt it. So each
upgrade runs in one transaction with the row that records it; once that row exists,
data of the old format is only ever refused.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.clock import Clock
from kiosk.db.engine import begin_write
from kiosk.security.models import DataUpgrade

log = logging.getLogger(__name__)


def run_once(
    sessions: sessionmaker[Session], name: str, clock: Clock, work: Callable[[Session], int]
) -> int | None:
    """Run `work` in one write transaction unless upgrade `name` was done; the count it
    returns, or None when it had been done (here or by a kiosk starting at the same time)."""
    with sessions() as session:
        begin_write(session)
        if session.get(DataUpgrade, name) is not None:
            return None
        session.add(DataUpgrade(name=name, done_at=clock.now()))
        try:
            session.flush()  # PostgreSQL: a second kiosk waits here, then finds it taken
        except IntegrityError:
            session.rollback()
            return None
        done = work(session)
        session.commit()
    log.info("data upgrade %s done (%d rows)", name, done)
    return done
