"""A thread that blocks in the queue watcher and tells the GUI thread when to read again."""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QThread, Signal

from ui.counter.contracts import ChangeWatcher

log = logging.getLogger(__name__)

WAIT_SECONDS = 1.0  # one blocking wait; also how long a stop may take
RETRY_SECONDS = 1.0  # between two tries while the database is unreachable


class QueueWatch(QThread):
    """`changed` when the queue changed (and once when the database answers again);
    `reachable(False)` when the watcher lost it, `reachable(True)` when it is back.

    The watcher's wait blocks (LISTEN/NOTIFY, or SQLite's cheap poll), so this never
    spins; `stop` ends the loop within one wait and closes the watcher's connection.
    """

    changed = Signal()
    reachable = Signal(bool)

    def __init__(self, watcher: ChangeWatcher, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = watcher
        self._stopping = threading.Event()
        self._wanted = False
        self.finished.connect(self._again_if_wanted)  # on the GUI thread, once it ended

    def begin(self) -> None:
        """Watch (again); a watch still ending after `stop` goes on or starts anew."""
        self._wanted = True
        self._stopping.clear()
        if not self.isRunning():
            self.start()

    def stop(self, msecs: int | None = None) -> bool:
        """End the loop within one wait. Returns at once (a sign-out never waits for
        the watcher), or with `msecs` (closing the window) True once the thread ended."""
        self._wanted = False
        self._stopping.set()
        if msecs is None or not self.isRunning():
            return True
        return self.wait(msecs)

    def _again_if_wanted(self) -> None:
        """`begin` came while the loop was already leaving: start it again."""
        if self._wanted and not self.isRunning():
            self._stopping.clear()
            self.start()

    def run(self) -> None:
        lost = False
        while not self._stopping.is_set():
            try:
                changed = self._watcher.wait(WAIT_SECONDS)
            except ConnectionError:
                if not lost:
                    lost = True
                    self.reachable.emit(False)
                self._stopping.wait(RETRY_SECONDS)
                continue
            except Exception:  # a watcher bug must not end the counter's updates quietly
                log.exception("the queue watcher failed")
                self._stopping.wait(RETRY_SECONDS)
                continue
            if lost:  # back: what changed meanwhile is read again
                lost, changed = False, True
                self.reachable.emit(True)
            if changed:
                self.changed.emit()
        self._close()

    def _close(self) -> None:
        try:
            self._watcher.close()
        except Exception:
            log.debug("closing the queue watcher failed", exc_info=True)
