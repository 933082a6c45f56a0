"""Who waits per line: refreshed when another kiosk issues a ticket (through the real
queue watcher, no timer), and a database that stops answering is said calmly and
recovered from by itself."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from kiosk.queue.board import BoardReader, BoardState
from kiosk.queue.counter import CounterDesk
from kiosk.queue.desk import QueueDesk
from kiosk.queue.signals import QueueWatcher, watcher_for
from tests.helpers.stubs import FakeClock
from tests.ui.counter.conftest import ZONE
from tests.ui.counter.steps import SIGNAL_MS, open_loket
from tests.ui.helpers import text
from ui.counter.contracts import CounterParts
from ui.window import KioskWindow


class Unplugged:
    """The real watcher and board, behind a cable the test can pull: while `down` is set
    they fail as a lost database does (the watcher with ConnectionError)."""

    def __init__(self, watcher: QueueWatcher, board: BoardReader) -> None:
        self.down = threading.Event()
        self._watcher, self._board = watcher, board

    def wait(self, timeout: float) -> bool:
        if self.down.is_set():
            raise ConnectionError("the queue database cannot be reached")
        return self._watcher.wait(timeout)

    def close(self) -> None:
        self._watcher.close()

    def read(self) -> BoardState:
        if self.down.is_set():
            raise OSError("connection refused")
        return self._board.read()


@pytest.fixture
def cable(engine: Engine, sessions: sessionmaker[Session], clock: FakeClock) -> Unplugged:
    return Unplugged(watcher_for(engine), BoardReader(sessions, clock, ZONE))


@pytest.fixture
def parts(
    sessions: sessionmaker[Session], clock: FakeClock, cable: Unplugged, loket_file
) -> CounterParts:
    return CounterParts(CounterDesk(sessions, clock, ZONE), cable, cable, loket_file)


def waiting(window: KioskWindow, line: str) -> str:
    return text(window, f"waiting_{line}")


def test_a_ticket_issued_at_a_kiosk_shows_at_the_loket(
    qtbot, counter_window: KioskWindow, kiosk_desk: QueueDesk
) -> None:
    open_loket(qtbot, counter_window, 1, "A")
    assert waiting(counter_window, "B") == "0"

    kiosk_desk.issue_ticket("B")  # another kiosk, another connection: only the watcher knows
    kiosk_desk.issue_ticket("B")

    qtbot.waitUntil(lambda: waiting(counter_window, "B") == "2", timeout=SIGNAL_MS)
    assert text(counter_window, "waiting_name_B") == "Certificates and Letters"


def test_a_lost_database_is_said_calmly_and_the_loket_recovers(
    qtbot, counter_window: KioskWindow, kiosk_desk: QueueDesk, cable: Unplugged
) -> None:
    open_loket(qtbot, counter_window, 1, "B")

    cable.down.set()
    qtbot.waitUntil(lambda: bool(text(counter_window, "counter_offline")), timeout=SIGNAL_MS)
    assert "cannot be reached" in text(counter_window, "counter_offline")
    kiosk_desk.issue_ticket("B")  # meanwhile, at the kiosk
    cable.down.clear()

    qtbot.waitUntil(lambda: not text(counter_window, "counter_offline"), timeout=SIGNAL_MS)
    qtbot.waitUntil(lambda: waiting(counter_window, "B") == "1", timeout=SIGNAL_MS)
