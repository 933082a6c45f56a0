"""Fixtures of the core: a migrated and seeded SQLite file, a fake clock and printer, a queue."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from kiosk.db.engine import create_engine_for, session_factory
from kiosk.queue.desk import QueueDesk
from tests.helpers.database import copy_template, migrate_and_seed, sqlite_url
from tests.helpers.postgres import empty_url, pg_engine, pg_url  # noqa: F401 (fixtures)
from tests.helpers.stubs import FakeClock, RecordingPrinter

OFFICE_NAME = "Kantor Desa Sukamaju"


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated, seeded database file; tests copy it instead of migrating again."""
    path = tmp_path_factory.mktemp("template") / "anjungan.db"
    migrate_and_seed(sqlite_url(path))
    return path


@pytest.fixture
def db_url(seeded_template: Path, tmp_path: Path) -> str:
    return copy_template(seeded_template, tmp_path)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = create_engine_for(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    return session_factory(engine)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def printer() -> RecordingPrinter:
    return RecordingPrinter()


@pytest.fixture
def queue(
    sessions: sessionmaker[Session], printer: RecordingPrinter, clock: FakeClock
) -> QueueDesk:
    return QueueDesk(sessions, printer, clock, OFFICE_NAME, "Asia/Jakarta")
