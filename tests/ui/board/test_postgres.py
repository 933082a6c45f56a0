"""The board on PostgreSQL: it learns of a call through LISTEN/NOTIFY (no polling there).

Runs when KIOSK_TEST_POSTGRES_URL is set (tests/helpers/postgres.py): the board's
fixtures then stand on a fresh, migrated schema instead of a SQLite file.
"""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from kiosk.queue.signals import PostgresWatcher
from tests.helpers import postgres
from tests.ui.board import test_board as on_sqlite
from tests.ui.board.fakes import SwitchableWatcher

pytestmark = postgres.NEEDS_POSTGRES
empty_url, pg_url, pg_engine = postgres.empty_url, postgres.pg_url, postgres.pg_engine


@pytest.fixture
def engine(pg_engine: Engine) -> Engine:
    """Every board fixture (sessions, queue, counter, reader, watcher) on PostgreSQL."""
    return pg_engine


def test_the_board_listens_on_postgresql(watcher: SwitchableWatcher) -> None:
    assert isinstance(watcher.watcher, PostgresWatcher)


# The SQLite tests again, their fixtures now on PostgreSQL.
test_on_postgresql_a_call_shows_and_is_said_twice = (
    on_sqlite.test_a_call_shows_large_and_is_said_twice
)
test_on_postgresql_calls_together_are_said_in_turn = (
    on_sqlite.test_calls_that_arrive_together_are_said_one_after_the_other
)
test_on_postgresql_the_board_recovers = (
    on_sqlite.test_the_board_keeps_its_picture_while_the_database_is_away_and_recovers
)
