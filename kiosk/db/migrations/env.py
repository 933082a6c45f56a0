"""Alembic environment: runs on the connection `kiosk.db.migrate` hands over, or on a URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from kiosk.applications import models as _submission_models  # noqa: F401  (registers tables)
from kiosk.cards import models as _card_models  # noqa: F401  (registers tables)
from kiosk.db.base import Base
from kiosk.db.engine import create_engine_for
from kiosk.security import models as _security_models  # noqa: F401  (registers tables)
from kiosk.sync import models as _sync_models  # noqa: F401  (registers tables)


def run_on(connection: Connection) -> None:
    """Batch mode on SQLite, whose ALTER TABLE cannot change or drop most things."""
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline(url: str) -> None:
    context.configure(url=url, target_metadata=Base.metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def configured_url() -> str:
    """The alembic.ini / -x url, else the kiosk's own settings."""
    url = context.config.get_main_option("sqlalchemy.url")
    if url:
        return url
    from kiosk.config import load_settings

    return load_settings().database.url


def main() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
    elif context.is_offline_mode():
        run_offline(configured_url())
    else:
        engine = create_engine_for(configured_url())
        try:
            with engine.begin() as own_connection:
                run_on(own_connection)
        finally:
            engine.dispose()


main()
