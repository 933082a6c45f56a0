"""What the loket shows, read off the GUI thread: again whenever the queue changed, and
again soon while the database does not answer."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.queue.types import CounterTicket, QueueLine
from ui.counter.contracts import CounterParts, LinesPort
from ui.counter.watch import QueueWatch
from ui.queue_views import LineView as LineCount
from ui.tasks import Policy, Tasks

log = logging.getLogger(__name__)

SNAPSHOT, LINES = "snapshot", "lines"  # the kinds of read
RETRY_MS = 2_000  # a failed read is tried again this soon (the watcher may stay quiet)


@dataclass(frozen=True)
class Snapshot:
    """Who waits per line, the ticket at the desk and those set aside, read at once."""

    waiting: Sequence[LineCount]
    current: CounterTicket | None
    held: list[CounterTicket]


class LoketReads(QObject):
    """Reads for one loket at a time (`start(counter)` ... `stop()`).

    `read(snapshot, fresh)`: `fresh` is False when the loket acted (`acted`) after the
    read began, so the desk it shows may be older than the action's own answer.
    Asks made while a read runs join one more read after it, never a queue of them.
    """

    read = Signal(object, bool)  # Snapshot, fresh
    lines_read = Signal(object)  # list[QueueLine]
    unreachable = Signal()  # a read failed or the watcher lost the database

    def __init__(self, parts: CounterParts, lines: LinesPort, parent: QObject | None = None):
        super().__init__(parent)
        self._desk, self._waiting, self._lines = parts.desk, parts.waiting, lines
        self._counter = ""
        self._again = False
        self._acted = 0  # actions answered so far
        self._tasks = Tasks(self)
        self.watch = QueueWatch(parts.watcher, self)
        self.watch.changed.connect(self.refresh)
        self.watch.reachable.connect(lambda up: None if up else self.unreachable.emit())
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.refresh)

    def start(self, counter: str) -> None:
        """Read for loket `counter` now and whenever the queue changes."""
        self._counter = counter
        self.watch.begin()
        self.refresh()

    def stop(self) -> None:
        """No more reads or answers (sign-out)."""
        self._counter = ""
        self._retry.stop()
        self.watch.stop()
        self._tasks.drop()

    def acted(self) -> None:
        """The loket's own action answered: a read begun before it is not fresh."""
        self._acted += 1

    def refresh(self) -> None:
        counter = self._counter
        if not counter:
            return
        if self._tasks.running(SNAPSHOT):
            self._again = True
            return
        desk, waiting, acted = self._desk, self._waiting, self._acted
        self._tasks.add(
            lambda: Snapshot(waiting.read().lines, desk.at_counter(counter), desk.held(counter)),
            lambda snapshot: self.read.emit(snapshot, acted == self._acted),
            self._on_failed,
            policy=Policy.REFUSE_WHILE_BUSY,
            kind=SNAPSHOT,
            on_done=self._after,
        )

    def load_lines(self) -> None:
        self._tasks.add(
            self._lines.lines,
            self._on_lines,
            lambda error: log.warning("queue lines not read: %s", type(error).__name__),
            policy=Policy.REFUSE_WHILE_BUSY,
            kind=LINES,
        )

    def shutdown(self, msecs: int) -> bool:
        stopped = self.watch.stop(msecs)
        return self._tasks.wait_for_done(msecs) and stopped

    def _on_lines(self, lines: list[QueueLine]) -> None:
        self.lines_read.emit(lines)

    def _on_failed(self, error: Exception) -> None:
        log.warning("the counter could not read the queue: %s", type(error).__name__)
        self.unreachable.emit()
        self._retry.start()

    def _after(self) -> None:
        if self._again:
            self._again = False
            self.refresh()
