"""Two kiosk processes issuing against one SQLite file: no duplicate, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from kiosk.db.engine import create_engine_for
from kiosk.db.migrate import current_revision, head_revision
from tests.helpers.database import (
    assert_numbers_one_to_k,
    assert_processes_interleaved,
    numbers_by_service,
    sqlite_url,
)
from tests.helpers.workers import run_kiosks, start_kiosks

pytestmark = pytest.mark.slow

ATTEMPTS_PER_PROCESS = 40


def test_two_processes_share_one_sqlite_file(db_url: str, engine: Engine) -> None:
    outcomes = run_kiosks(db_url, ATTEMPTS_PER_PROCESS)

    assert_numbers_one_to_k(engine, outcomes)
    assert_processes_interleaved(outcomes)


def test_two_kiosks_start_on_one_fresh_file_at_once(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "fresh.db")

    inserted = start_kiosks(url)

    assert sorted(code for codes in inserted for code in codes) == ["A", "B", "C"]
    engine = create_engine_for(url)
    try:
        assert current_revision(engine) == head_revision()
        assert numbers_by_service(engine) == {}
    finally:
        engine.dispose()
