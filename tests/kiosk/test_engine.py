"""The SQLite engine: pragmas on every new connection, BEGIN IMMEDIATE on demand, UTC values."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import StatementError

from kiosk.db.engine import begin_write, create_engine_for, session_factory
from kiosk.db.models import TicketEvent
from kiosk.queue.service import QueueService
from kiosk.queue.types import TicketState
from tests.helpers.stubs import FakeClock


def test_pragmas_are_set_on_every_new_connection(tmp_path: Path) -> None:
    engine = create_engine_for(f"sqlite:///{tmp_path / 'deep' / 'er' / 'kiosk.db'}")
    try:
        for _ in range(2):
            with engine.connect() as connection:
                pragma = connection.exec_driver_sql
                assert pragma("PRAGMA journal_mode").scalar() == "wal"
                assert pragma("PRAGMA synchronous").scalar() == 2  # FULL
                assert pragma("PRAGMA foreign_keys").scalar() == 1
                assert pragma("PRAGMA busy_timeout").scalar() == 15000
            engine.dispose()  # the next round opens a brand-new DBAPI connection
    finally:
        engine.dispose()
    assert (tmp_path / "deep" / "er" / "kiosk.db").exists()


def test_begin_write_takes_the_write_lock_at_begin(engine: Engine, db_url: str) -> None:
    """While a session holds BEGIN IMMEDIATE, another writer cannot even begin."""
    with session_factory(engine)() as session:
        begin_write(session)
        other = sqlite3.connect(db_url.removeprefix("sqlite:///"), timeout=0, isolation_level=None)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            assert other.execute("SELECT count(*) FROM services").fetchone() == (3,)  # reads go on
        finally:
            other.close()


def test_plain_sessions_begin_deferred(engine: Engine, db_url: str) -> None:
    with session_factory(engine)() as session:
        session.execute(text("SELECT 1"))
        other = sqlite3.connect(db_url.removeprefix("sqlite:///"), timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
        finally:
            other.close()


def test_datetimes_come_back_aware_utc(
    engine: Engine, queue: QueueService, clock: FakeClock
) -> None:
    wib = timezone(timedelta(hours=7))
    clock.set(datetime(2024, 5, 6, 9, tzinfo=wib))
    ticket_id = queue.issue_ticket("A").ticket_id

    with session_factory(engine)() as session:
        at = session.scalars(select(TicketEvent.at).where(TicketEvent.ticket_id == ticket_id)).one()
        raw = session.execute(text("SELECT issued_at FROM tickets")).scalar_one()

    assert at == datetime(2024, 5, 6, 2, tzinfo=UTC)
    assert at.utcoffset() == timedelta(0)
    assert raw.startswith("2024-05-06 02:00:00")  # stored as UTC, not as 09:00 local


def test_naive_datetimes_are_refused(engine: Engine) -> None:
    with session_factory(engine)() as session:
        event = TicketEvent(ticket_id=1, state=TicketState.ISSUED, at=datetime(2024, 5, 6, 9))
        session.add(event)
        with pytest.raises(StatementError, match="naive datetime"):
            session.flush()
