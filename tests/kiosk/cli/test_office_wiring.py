"""A counter PC's parts from its settings: the loket's desk with the office's rhythm, and a
watcher made only when first waited on."""

from __future__ import annotations

import threading
from pathlib import Path

from kiosk.cli.office_wiring import LazyWatcher, build_counter
from kiosk.cli.wiring import open_database
from kiosk.clock import SystemClock
from kiosk.config.settings import load_settings
from kiosk.queue.desk import QueueDesk
from kiosk.queue.types import Priority
from tests.helpers.stubs import RecordingPrinter


def test_the_counter_calls_with_the_offices_priority_rhythm(tmp_path: Path, db_url: str) -> None:
    (tmp_path / "kiosk.toml").write_text("[queue]\nregular_per_priority = 0\n")
    settings = load_settings(tmp_path / "kiosk.toml", {"KIOSK_DATABASE_URL": db_url})
    database = open_database(settings)
    desk, board = build_counter(settings, database)
    queue = QueueDesk(
        database.sessions, RecordingPrinter(), SystemClock(), "Kantor", "Asia/Jakarta"
    )
    regular = queue.issue_ticket("B")
    elderly = queue.issue_ticket("B", Priority.ELDERLY)

    first = desk.call_next("1", ["B"], actor="1001")

    assert first is not None and first.code == elderly.code  # strict priority, as set
    assert regular.code != elderly.code
    assert board.read().serving == {"1": elderly.code}


def test_the_watcher_is_made_on_its_first_wait_and_wakes_on_a_commit(
    queue: QueueDesk, db_url: str
) -> None:
    watcher = LazyWatcher(db_url)
    try:
        assert watcher.wait(0.2) is False
        timer = threading.Timer(0.2, queue.issue_ticket, args=("B",))
        timer.start()
        assert watcher.wait(30) is True
        timer.join()
    finally:
        watcher.close()


def test_an_unreachable_database_is_a_connection_error(tmp_path: Path) -> None:
    watcher = LazyWatcher("postgresql+psycopg://nobody@127.0.0.1:1/none")
    try:
        watcher.wait(0.1)
    except ConnectionError:
        pass
    else:
        raise AssertionError("a server that is not there must read as unreachable")
    finally:
        watcher.close()
