"""Schema migrations run from code, at `central init` and before `central serve`.

Several hosts may start at once against one PostgreSQL: the upgrade runs in one
transaction holding an advisory lock, so the others wait and then find the schema
current. On SQLite the transaction begins IMMEDIATE, which does the same.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, text

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
VERSION_TABLE = "central_alembic_version"
LOCK_KEY = 0x63656E747265  # "centre": the same constant in every process


def alembic_config(connection: Connection | None = None) -> Config:
    """A Config without alembic.ini: the scripts live in the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    with engine.connect() as connection, connection.begin():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
        command.upgrade(alembic_config(connection), revision)
