"""The SQLite engine: pragmas on every new connection, BEGIN IMMEDIATE on demand, UTC values."""

from __future__ import annotations

import logging
import os
import pwd
import sqlite3
import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import StatementError

from kiosk.db.engine import begin_write, create_engine_for, session_factory
from kiosk.queue.desk import QueueDesk
from kiosk.queue.models import TicketEvent
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


def test_datetimes_come_back_aware_utc(engine: Engine, queue: QueueDesk, clock: FakeClock) -> None:
    wib = timezone(timedelta(hours=7))
    clock.set(datetime(2024, 5, 6, 9, tzinfo=wib))
    ticket_id = queue.issue_ticket("A").ticket_id

    with session_factory(engine)() as session:
        query = select(TicketEvent.at).where(TicketEvent.ticket_id == ticket_id)
        times = session.scalars(query).all()  # printing, then issued
        raw = session.execute(text("SELECT issued_at FROM tickets")).scalar_one()

    assert times == [datetime(2024, 5, 6, 2, tzinfo=UTC)] * 2
    assert all(at.utcoffset() == timedelta(0) for at in times)
    assert raw.startswith("2024-05-06 02:00:00")  # stored as UTC, not as 09:00 local


def test_naive_datetimes_are_refused(engine: Engine) -> None:
    with session_factory(engine)() as session:
        event = TicketEvent(ticket_id=1, state=TicketState.ISSUED, at=datetime(2024, 5, 6, 9))
        session.add(event)
        with pytest.raises(StatementError, match="naive datetime"):
            session.flush()


@pytest.fixture(params=(0o022, 0o000), ids=("umask-022", "umask-000"))
def loose_umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def file_mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("loose_umask")
def test_the_data_folder_and_the_database_files_are_private(tmp_path: Path) -> None:
    """SQLite makes -wal and -shm itself, with the database file's mode."""
    data = tmp_path / "data"
    database = data / "anjungan.db"
    engine = create_engine_for(f"sqlite:///{database}")
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE notes (text TEXT)")
            connection.exec_driver_sql("INSERT INTO notes VALUES ('a')")
        with engine.connect():  # while a connection is open, -wal and -shm stay
            files = [database.with_name(database.name + end) for end in ("", "-wal", "-shm")]
            assert {path: file_mode(path) for path in files} == dict.fromkeys(files, 0o600)
    finally:
        engine.dispose()
    assert file_mode(data) == 0o700


def test_open_database_files_are_tightened_with_a_log_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    database = tmp_path / "anjungan.db"
    engine = create_engine_for(f"sqlite:///{database}")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE notes (text TEXT)")
    keeper = engine.connect()  # -wal and -shm exist while it is open
    files = [database.with_name(database.name + end) for end in ("", "-wal", "-shm")]
    for path in files:
        path.chmod(0o644)
    try:
        with caplog.at_level(logging.WARNING, logger="kiosk.private_files"):
            create_engine_for(f"sqlite:///{database}").dispose()
        assert [file_mode(path) for path in files] == [0o600] * 3
    finally:
        keeper.close()
        engine.dispose()
    assert f"{database}-wal was open to others (mode 0644); now 0600" in caplog.text


def test_an_existing_folder_of_the_database_is_left_as_it_is(tmp_path: Path) -> None:
    """Only the data folder is tightened (by the CLI): the database may sit in a shared one."""
    tmp_path.chmod(0o755)
    create_engine_for(f"sqlite:///{tmp_path / 'anjungan.db'}").dispose()
    assert file_mode(tmp_path) == 0o755
    assert file_mode(tmp_path / "anjungan.db") == 0o600


def test_root_creating_the_kiosks_database_gives_it_to_the_kiosks_user(tmp_path: Path) -> None:
    """A technician's `sudo kiosk keys init` on an appliance makes the database in the
    kiosk user's folder: the kiosk must still open it (and its -wal and -shm) after."""
    if os.geteuid() != 0:
        pytest.skip("a check of what root does")
    nobody = pwd.getpwnam("nobody")
    folder = tmp_path / "kiosk-data"
    folder.mkdir(mode=0o700)
    os.chown(folder, nobody.pw_uid, nobody.pw_gid)
    engine = create_engine_for(f"sqlite:///{folder / 'anjungan.db'}")
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE t (a INTEGER)")
            connection.exec_driver_sql("INSERT INTO t VALUES (1)")
            owners = {path.name: path.stat().st_uid for path in folder.iterdir()}
    finally:
        engine.dispose()
    assert {"anjungan.db", "anjungan.db-wal", "anjungan.db-shm"} <= set(owners)
    assert set(owners.values()) == {nobody.pw_uid}, owners
