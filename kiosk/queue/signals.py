"""Telling the other stations that the queue changed: LISTEN/NOTIFY on PostgreSQL, a cheap
poll of SQLite's data version on one PC.

A writer calls :func:`changed` inside its transaction; PostgreSQL delivers the
notification only if that transaction commits. A board or counter holds a
:class:`QueueWatcher` in a background thread and blocks in :meth:`QueueWatcher.wait`,
which returns as soon as something changed (or at its timeout), never spinning.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from typing import Any, Protocol
from urllib.parse import quote

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

CHANNEL = "anjungan_queue"
SQLITE_POLL_SECONDS = 0.1  # one PRAGMA on a local file: microseconds, ten times a second


def changed(session: Session) -> None:
    """Announce, on commit, that the queue changed (a no-op on SQLite: watchers poll)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": CHANNEL})


class QueueWatcher(Protocol):
    def wait(self, timeout: float) -> bool:
        """Block until the queue changed (True) or `timeout` seconds passed (False)."""

    def close(self) -> None: ...


def watcher_for(engine: Engine) -> QueueWatcher:
    """The cheapest way to learn of changes on `engine`'s database."""
    if engine.dialect.name == "postgresql":
        return PostgresWatcher(engine)
    if engine.dialect.name == "sqlite" and engine.url.database:
        return SqliteWatcher(engine.url.database)
    raise ValueError(f"no queue watcher for {engine.dialect.name}")


class PostgresWatcher:
    """A connection of its own that LISTENs; reconnects by itself after a lost server."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._connection: Any = None
        self._lock = threading.Lock()

    def wait(self, timeout: float) -> bool:
        try:
            connection = self._listening()
            for _ in connection.notifies(timeout=timeout, stop_after=1):
                return True
            return False
        except Exception as error:
            log.warning("queue watcher lost the database: %s", type(error).__name__)
            self.close()
            time.sleep(min(timeout, 1.0))
            raise ConnectionError("the queue database cannot be reached") from error

    def _listening(self) -> Any:
        with self._lock:
            if self._connection is None:
                raw = self._engine.raw_connection()
                connection: Any = raw.driver_connection
                connection.autocommit = True
                connection.execute(f"LISTEN {CHANNEL}")
                self._raw = raw
                self._connection = connection
            return self._connection

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                try:
                    self._raw.invalidate()
                except Exception:
                    log.debug("closing the watcher's connection failed", exc_info=True)
            self._connection = None


class SqliteWatcher:
    """SQLite's ``PRAGMA data_version`` changes when another connection commits."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._connection: sqlite3.Connection | None = None
        self._version: int | None = None
        try:  # from now on, a commit by anyone else counts as a change
            self._version = self._read()
        except ConnectionError:
            log.warning("queue watcher cannot read the database yet")

    def wait(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while True:
            version = self._read()
            if self._version is not None and version != self._version:
                self._version = version
                return True
            self._version = version
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            time.sleep(min(SQLITE_POLL_SECONDS, left))

    def _read(self) -> int:
        try:
            if self._connection is None:
                uri = f"file:{quote(self._path)}?mode=ro"  # a '?' or '#' in a folder name
                self._connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            row = self._connection.execute("PRAGMA data_version").fetchone()
            return int(row[0])
        except sqlite3.Error as error:
            self.close()
            raise ConnectionError("the queue database cannot be read") from error

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
        self._connection = None
