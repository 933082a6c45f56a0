"""The counter on the office's shared PostgreSQL: a ticket issued at a kiosk reaches the
loket through LISTEN/NOTIFY, and the loket's call lands with who and where."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from kiosk.db.engine import create_engine_for
from kiosk.queue.desk import QueueDesk
from kiosk.queue.signals import PostgresWatcher
from tests.helpers.postgres import NEEDS_POSTGRES, empty_url, pg_url
from tests.ui.counter.steps import SIGNAL_MS, open_loket, press, trail
from tests.ui.fakes import NUMBER
from tests.ui.helpers import text
from ui.counter.contracts import CounterParts
from ui.window import KioskWindow

pytestmark = NEEDS_POSTGRES
__all__ = ["empty_url", "pg_url"]  # a fresh, migrated schema per test
LABEL = "waiting_B"


@pytest.fixture
def engine(pg_url: str) -> Iterator[Engine]:
    """The counter's fixtures (conftest.py) on PostgreSQL instead of SQLite."""
    engine = create_engine_for(pg_url)
    yield engine
    engine.dispose()


def test_the_loket_calls_on_postgres_with_who_and_where(
    qtbot, counter_window: KioskWindow, kiosk_desk: QueueDesk, parts: CounterParts, sessions
) -> None:
    assert isinstance(parts.watcher, PostgresWatcher)
    kiosk_desk.issue_ticket("B")
    open_loket(qtbot, counter_window, 3, "B")
    assert text(counter_window, LABEL) == "1"

    press(qtbot, counter_window, "call")

    assert text(counter_window, "counter_code") == "B-001"
    assert trail(sessions, "B-001") == [("called", "call", "3", NUMBER)]
    qtbot.waitUntil(lambda: text(counter_window, LABEL) == "0", timeout=SIGNAL_MS)


def test_a_kiosks_ticket_reaches_the_loket_through_listen_notify(
    qtbot, counter_window: KioskWindow, kiosk_desk: QueueDesk
) -> None:
    open_loket(qtbot, counter_window, 3, "B")

    kiosk_desk.issue_ticket("B")  # another station: only a notification can tell the loket

    qtbot.waitUntil(lambda: text(counter_window, LABEL) == "1", timeout=5_000)
