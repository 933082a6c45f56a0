"""Engines and sessions: SQLite tuned for a kiosk that must never lose a ticket, or PostgreSQL."""

from __future__ import annotations

import os
import sqlite3
import time
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from kiosk.private_files import (
    PRIVATE_FILE_MODE,
    create_private_file,
    ensure_private_dir,
    tighten,
)

BUSY_TIMEOUT_MS = 15_000  # a printer may hold the write lock 1-2 s; waiters queue, not fail
SQLITE_PRAGMAS: tuple[tuple[str, str], ...] = (
    ("synchronous", "FULL"),  # a power cut right after COMMIT keeps the ticket
    ("foreign_keys", "ON"),
    ("secure_delete", "ON"),  # freed pages are zeroed: deleted answers leave no trace
)
JOURNAL_MODE = "wal"  # readers (the display) never wait for the kiosk's writes
SQLITE_FILE_SUFFIXES = ("", "-wal", "-shm", "-journal")  # the database and its companions
BEGIN_MODE_OPTION = "kiosk_sqlite_begin"  # execution option read by the `begin` hook
# PostgreSQL: one stuck kiosk (a hung printer, a dropped network mid-print) must not freeze
# every other kiosk waiting on the same counter row, so waits and idle transactions end.
IDLE_IN_TRANSACTION_MS = 60_000


def postgres_connect_args(lock_timeout_ms: int) -> dict[str, Any]:
    options = f"-c lock_timeout={lock_timeout_ms}"
    options += f" -c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_MS}"
    return {
        "connect_timeout": 10,
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 5,
        "keepalives_count": 3,
        "options": options,
    }


def create_engine_for(url: str | URL, lock_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """An engine for `url`: SQLite files get WAL and our own BEGIN; anything else is plain.

    A bare ``postgresql://`` URL means psycopg 3, the driver the kiosk ships with. Waiting
    for another kiosk's lock ends after `lock_timeout_ms` on both (then QueueBusy).
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, lock_timeout_ms)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "postgresql":
        connect_args = postgres_connect_args(lock_timeout_ms)
        given = parsed.query.get("options")  # e.g. a search_path set in the URL: keep it
        if given:
            given_text = given if isinstance(given, str) else " ".join(given)
            connect_args["options"] = f"{given_text} {connect_args['options']}"
            parsed = parsed.difference_update_query(["options"])
        return create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)
    return create_engine(parsed, pool_pre_ping=True)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose objects stay readable after commit (values are copied out anyway)."""
    return sessionmaker(engine, expire_on_commit=False)


def begin_write(session: Session) -> None:
    """Start `session`'s transaction holding the database write lock.

    SQLite: ``BEGIN IMMEDIATE``, so two kiosks never both read a counter and then race to
    upgrade to a write lock (which fails at once instead of waiting). PostgreSQL: a normal
    BEGIN; callers lock the rows they change with ``SELECT ... FOR UPDATE``. Must be the
    session's first use.
    """
    session.connection(execution_options={BEGIN_MODE_OPTION: "IMMEDIATE"})


def _sqlite_engine(url: URL, lock_timeout_ms: int) -> Engine:
    _prepare_sqlite_file(url)
    engine = create_engine(url, connect_args={"timeout": lock_timeout_ms / 1000})
    event.listen(engine, "connect", partial(_on_sqlite_connect, lock_timeout_ms))
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def _prepare_sqlite_file(url: URL) -> None:
    """Create the database file 0600 (in a new folder 0700) before SQLite opens it, or
    tighten an existing one; SQLite gives its -wal and -shm files the database's mode."""
    database = url.database or ""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database).expanduser()
    if not path.parent.is_dir():
        ensure_private_dir(path.parent)
    if create_private_file(path):
        _give_to_folder_owner(path)
        return
    for suffix in SQLITE_FILE_SUFFIXES:
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            tighten(companion, PRIVATE_FILE_MODE)


def _give_to_folder_owner(path: Path) -> None:
    """Root (a technician's `sudo kiosk keys init` on an appliance) creating the kiosk's
    database in the kiosk user's folder gives the file to that user, or the kiosk could
    no longer open it. SQLite gives its -wal and -shm files the database file's owner
    when it runs as root, so the database file is the one to hand over."""
    if os.geteuid() != 0:
        return
    folder = path.parent.stat()
    if folder.st_uid != 0:
        os.chown(path, folder.st_uid, folder.st_gid)


def _on_sqlite_connect(lock_timeout_ms: int, dbapi_connection: Any, _record: Any) -> None:
    """Take BEGIN away from the sqlite3 module (it would defer it) and set the pragmas."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={int(lock_timeout_ms)}")
        for name, value in SQLITE_PRAGMAS:
            cursor.execute(f"PRAGMA {name}={value}")
        _use_wal(cursor)
    finally:
        cursor.close()


def _use_wal(cursor: Any) -> None:
    """Switch the file to WAL (it stays so), retrying while another kiosk holds a lock.

    On a brand-new file two kiosks may race to switch it, and SQLite answers "locked" at
    once instead of waiting for busy_timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute(f"PRAGMA journal_mode={JOURNAL_MODE}")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _on_sqlite_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get(BEGIN_MODE_OPTION, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")
