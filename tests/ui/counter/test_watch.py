"""The watch thread: a change in the database wakes it (the real SQLite watcher), a lost
database is told once and its return too, and a sign-out never waits for it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from kiosk.queue.desk import QueueDesk
from kiosk.queue.signals import watcher_for
from tests.ui.counter.steps import SIGNAL_MS
from ui.counter.watch import QueueWatch


class Scripted:
    """A watcher that answers from a script: True (changed), False (nothing), or an
    exception to raise (a lost database); then nothing, slowly, like a quiet queue."""

    def __init__(self, *answers: bool | Exception) -> None:
        self._answers = list(answers)
        self._lock = threading.Lock()
        self.closed = 0

    def wait(self, timeout: float) -> bool:
        with self._lock:
            answer = self._answers.pop(0) if self._answers else None
        if answer is None:
            time.sleep(min(timeout, 0.05))
            return False
        if isinstance(answer, Exception):
            raise answer
        return answer

    def close(self) -> None:
        self.closed += 1


@pytest.fixture
def watches(qtbot) -> Iterator[list[QueueWatch]]:
    made: list[QueueWatch] = []
    yield made
    for watch in made:
        assert watch.stop(SIGNAL_MS)


def test_a_ticket_issued_elsewhere_wakes_the_watch(
    qtbot, engine: Engine, kiosk_desk: QueueDesk, watches: list[QueueWatch]
) -> None:
    watch = QueueWatch(watcher_for(engine))
    watches.append(watch)
    watch.begin()

    with qtbot.waitSignal(watch.changed, timeout=SIGNAL_MS):
        kiosk_desk.issue_ticket("A")


def test_a_lost_database_is_told_once_and_its_return_too(qtbot, watches: list[QueueWatch]) -> None:
    lost = ConnectionError("the queue database cannot be reached")
    watch = QueueWatch(Scripted(lost, lost, lost, False))
    watches.append(watch)
    told: list[bool] = []
    watch.reachable.connect(told.append)

    with qtbot.waitSignal(watch.changed, timeout=SIGNAL_MS):  # back: read everything again
        watch.begin()

    assert told == [False, True]


def test_a_broken_watcher_does_not_end_the_watch(qtbot, watches: list[QueueWatch]) -> None:
    watch = QueueWatch(Scripted(RuntimeError("a bug"), True))
    watches.append(watch)

    with qtbot.waitSignal(watch.changed, timeout=SIGNAL_MS):
        watch.begin()


def test_a_sign_out_does_not_wait_and_the_next_sign_in_watches_again(
    qtbot, watches: list[QueueWatch]
) -> None:
    watcher = Scripted()
    watch = QueueWatch(watcher)
    watches.append(watch)
    watch.begin()

    started = time.monotonic()
    assert watch.stop()  # at once
    assert time.monotonic() - started < 0.5
    watch.begin()  # the next clerk, while the loop may still be leaving
    qtbot.wait(300)  # the old loop has ended by now, whatever it was doing

    assert watch.isRunning()
    assert watch.stop(SIGNAL_MS) and watcher.closed >= 1
