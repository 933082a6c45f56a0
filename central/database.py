"""Engines and sessions: PostgreSQL for a district, SQLite (one file, WAL) for the demo."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, DateTime, Engine, create_engine, event, text
from sqlalchemy.dialects.postgresql import insert as postgres_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import URL, Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

from central.errors import SetupError
from kiosk.private_files import create_private_file, ensure_private_dir

SQLITE_BUSY_MS = 15_000
POSTGRES_OPTIONS = "-c lock_timeout=15000 -c idle_in_transaction_session_timeout=60000"
# Connections a worker process keeps open to PostgreSQL, and no more: see _postgres_engine.
POSTGRES_POOL = 10
POSTGRES_POOL_WAIT_S = 30.0


class Base(DeclarativeBase):
    """The centre's own tables (never the kiosk's metadata)."""


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out, also on SQLite (which stores them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database")
        moment = value.astimezone(UTC)
        return moment.replace(tzinfo=None) if dialect.name == "sqlite" else moment

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def insert_or_skip(session: Session, table: type[Base]) -> Any:
    """INSERT ... ON CONFLICT DO NOTHING, in the dialect of `session`'s database, to run
    with the rows as parameters: two workers inserting the same key both succeed, the
    second inserting nothing. Compiled once per process, where a statement holding its
    rows' values is compiled again for every batch (about 0.2 ms per row)."""
    bind = session.get_bind()
    insert = postgres_insert if bind.dialect.name == "postgresql" else sqlite_insert
    return insert(table).on_conflict_do_nothing()


def insert_ignoring_duplicates(
    session: Session, table: type[Base], rows: list[dict[str, Any]]
) -> Any:
    """`insert_or_skip` with the rows in the statement (for a one-off insert)."""
    return insert_or_skip(session, table).values(rows)


def create_engine_for(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    return _postgres_engine(url)


def _postgres_engine(url: URL) -> Engine:
    """A fixed pool: a worker runs up to 40 requests at once (anyio's threads), more than
    its share of the cores can serve. SQLAlchemy's default pool (5, and 10 more closed
    again when returned) opened a new PostgreSQL connection, a server process, for most
    requests past the fifth; here requests past POSTGRES_POOL wait for a connection."""
    given = url.query.get("options")  # e.g. a search_path in the URL: keep it
    options = f"{given} {POSTGRES_OPTIONS}" if isinstance(given, str) else POSTGRES_OPTIONS
    connect_args = {"connect_timeout": 10, "options": options}
    return create_engine(
        url.difference_update_query(["options"]),
        pool_pre_ping=True,
        pool_size=POSTGRES_POOL,
        max_overflow=0,
        pool_timeout=POSTGRES_POOL_WAIT_S,
        connect_args=connect_args,
    )


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A connection for one read statement, which is consistent on its own: on PostgreSQL
    outside a transaction, so it costs its round trip and no BEGIN and ROLLBACK (a
    session's read is four round trips with the pool's ping; this is two). On SQLite as
    any connection (its BEGIN is ours, see _on_sqlite_begin)."""
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execution_options(isolation_level="AUTOCOMMIT")
        yield connection


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def check_reachable(engine: Engine) -> None:
    """SetupError in one line when the database does not answer."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except DBAPIError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else "no answer"
        where = engine.url.render_as_string(hide_password=True)
        raise SetupError(f"cannot reach the database {where}: {reason}") from None


def _sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        path = Path(database).expanduser()
        ensure_private_dir(path.parent)
        create_private_file(path)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000})
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def _on_sqlite_connect(connection: sqlite3.Connection, _record: Any) -> None:
    connection.isolation_level = None  # our own BEGIN, below
    connection.execute("PRAGMA journal_mode=wal")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")


def _on_sqlite_begin(connection: Any) -> None:
    """BEGIN IMMEDIATE: writers queue for the lock instead of failing on an upgrade."""
    connection.exec_driver_sql("BEGIN IMMEDIATE")
