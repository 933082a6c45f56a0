"""Learning of calls: news of a change from a thread, the picture read off the GUI thread."""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from ui.board.contracts import BoardPicture, BoardSource, ChangeWatcher
from ui.tasks import Policy, Tasks

log = logging.getLogger(__name__)

WAIT_SECONDS = 1.0  # one wait of the watcher: also how long stopping may take
READ = "read"


class BoardFeed(QObject):
    """Hands each fresh picture to `arrived`; `failed` when the database did not answer,
    and then it asks again every `retry_seconds` until it does.

    Every answer comes on the GUI thread. Nothing is read on it: the watcher's thread
    only says "read again", and the read runs on the application's pool.
    """

    arrived = Signal(object)  # a BoardPicture
    failed = Signal()
    _changed = Signal()  # emitted on the watcher's thread, delivered on the GUI thread
    _lost = Signal()

    def __init__(
        self,
        source: BoardSource,
        watcher: ChangeWatcher,
        retry_seconds: float = 5.0,
        refresh_seconds: float = 30.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._source, self._watcher = source, watcher
        self._tasks = Tasks(self)
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="board-watcher", daemon=True)
        self._changed.connect(self.refresh, Qt.ConnectionType.QueuedConnection)
        self._lost.connect(self._on_lost, Qt.ConnectionType.QueuedConnection)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(round(retry_seconds * 1000))
        self._retry.timeout.connect(self.refresh)
        self._refresh = QTimer(self)  # a change the watcher missed shows within this
        self._refresh.setInterval(round(refresh_seconds * 1000))
        self._refresh.timeout.connect(self.refresh)
        self._down = False  # the last read failed: logged once until one succeeds
        self._again = False  # a change came while a read was on its way

    def start(self) -> None:
        self.refresh()
        self._refresh.start()
        self._thread.start()

    def refresh(self) -> None:
        """Read the picture again: now, or once the read on its way ends (reads never pile
        up behind a database that takes long to answer)."""
        if self._stopping.is_set():
            return
        if self._tasks.running(READ):
            self._again = True
            return
        self._tasks.add(
            self._source.read,
            self._on_read,
            self._on_error,
            policy=Policy.REFUSE_WHILE_BUSY,
            kind=READ,
            on_done=self._read_done,
        )

    def _read_done(self) -> None:
        if self._again:
            self._again = False
            self.refresh()

    def stop(self, msecs: int = 5_000) -> bool:
        """Stop watching and reading; True when the thread and the last read ended in time."""
        self._stopping.set()
        self._retry.stop()
        self._refresh.stop()
        self._tasks.drop()
        if self._thread.is_alive():
            self._thread.join(msecs / 1000)
        ended = not self._thread.is_alive() and self._tasks.wait_for_done(msecs)
        if not self._thread.is_alive():
            self._watcher.close()
        return ended

    def _on_read(self, state: BoardPicture) -> None:
        if self._down:
            self._down = False
            log.warning("the board reads the queue again")
        self._retry.stop()
        self.arrived.emit(state)

    def _on_error(self, error: Exception) -> None:
        if not self._down:
            self._down = True
            log.warning("the board cannot read the queue: %s", type(error).__name__)
        self._retry.start()
        self.failed.emit()

    def _on_lost(self) -> None:
        """The watcher cannot reach the database: read, which shows whether it answers."""
        self.refresh()

    def _watch(self) -> None:
        try:
            self._watch_until_stopped()
        except RuntimeError:  # the feed was deleted without `stop` (its signals with it)
            log.debug("the board's feed went away while its watcher ran")

    def _watch_until_stopped(self) -> None:
        """On the watcher's thread: blocks in `wait`, never spins."""
        lost = False
        while not self._stopping.is_set():
            try:
                changed = self._watcher.wait(WAIT_SECONDS)
            except Exception as error:  # ConnectionError, or a watcher gone wrong
                if not lost:
                    lost = True
                    log.debug("the queue watcher failed: %s", type(error).__name__)
                self._lost.emit()  # each time: the board asks until the database answers
                self._stopping.wait(WAIT_SECONDS)  # a file watcher raises at once
                continue
            if changed or lost:  # after an outage, changes may have gone unnoticed
                lost = False
                self._changed.emit()
