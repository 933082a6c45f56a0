"""Alembic environment: runs on the connection `central.migrate` hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from central import models as _models  # noqa: F401  (registers the tables)
from central.database import Base
from central.migrate import VERSION_TABLE


def run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        version_table=VERSION_TABLE,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run the centre's migrations through `central init`")
    run_on(connection)


main()
