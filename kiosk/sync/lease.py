"""One sender per office: stations sharing a database take turns, never sync at once.

Every station of an office (kiosks, counters) shares one enrolment, one outbox and one
status cursor, because they share the database. Two rounds at once would send the same
applications twice (the centre answers "duplicate": no harm, but a slow line's bytes
spent twice) and race on the cursor. So a round first takes the office's sync lease,
without waiting: PostgreSQL's session advisory lock on a connection of its own (released
when the round ends, or by the server when the process dies); on SQLite, an exclusive
`flock` on a file beside the database (released by the kernel when the process dies).
A station that finds the lease taken skips its round: another one is sending.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, text

from kiosk.private_files import PRIVATE_FILE_MODE

LEASE_KEY = 0x616E6A73796E63  # "anjsync": any constant shared by all stations
LOCK_SUFFIX = "-sync.lock"


@contextlib.contextmanager
def sync_lease(engine: Engine) -> Iterator[bool]:
    """Yields True while this process holds the office's sync lease, False if another does."""
    if engine.dialect.name == "postgresql":
        with _advisory_lease(engine) as held:
            yield held
    elif engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
        with _file_lease(Path(str(engine.url.database) + LOCK_SUFFIX)) as held:
            yield held
    else:  # an in-memory database belongs to one process
        yield True


@contextlib.contextmanager
def _advisory_lease(engine: Engine) -> Iterator[bool]:
    with engine.connect() as connection:
        connection = connection.execution_options(isolation_level="AUTOCOMMIT")
        held = bool(
            connection.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": LEASE_KEY})
        )
        try:
            yield held
        finally:
            if held:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": LEASE_KEY})


@contextlib.contextmanager
def _file_lease(path: Path) -> Iterator[bool]:
    descriptor = os.open(
        path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, PRIVATE_FILE_MODE
    )
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)
