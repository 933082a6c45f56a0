"""Schema migrations run from code: the app upgrades its database at start-up."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.engine import URL

from kiosk.db.engine import BEGIN_MODE_OPTION, create_engine_for

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# The newest revision in migrations/versions; a test keeps it equal to Alembic's head.
# A kiosk whose database is already there starts without importing Alembic at all.
HEAD_REVISION = "0007"
VERSION_TABLE = "alembic_version"
MIGRATION_LOCK_KEY = 0x616E6A756E67  # "anjung": any constant shared by all kiosks


def alembic_config(connection: Connection | None = None) -> Config:
    """A Config without alembic.ini: the scripts live inside the package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(target: str | URL | Engine, revision: str = "head") -> None:
    """Bring the database to `revision` in one transaction; a no-op when already there.

    Several kiosks may start at once against one database: the transaction first takes a
    lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock), so the others wait and
    then find the schema already current.
    """
    engine = target if isinstance(target, Engine) else create_engine_for(target)
    try:
        if revision == "head" and stored_revision(engine) == HEAD_REVISION:
            return
        from alembic import command

        with engine.connect() as connection:
            connection.execution_options(**{BEGIN_MODE_OPTION: "IMMEDIATE"})
            with connection.begin():
                _lock_for_migration(connection)
                command.upgrade(alembic_config(connection), revision)
    finally:
        if engine is not target:
            engine.dispose()


def _lock_for_migration(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})


def stored_revision(engine: Engine) -> str | None:
    """The revision recorded in the database, read with plain SQL; None if there is none."""
    with engine.connect() as connection:
        if not inspect(connection).has_table(VERSION_TABLE):
            return None
        rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).all()
    return str(rows[0][0]) if len(rows) == 1 else None


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    """The newest revision shipped with this version of the kiosk."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError(f"no migration scripts in {MIGRATIONS_DIR}")
    return head
