"""Blocking calls (database, printers, keyring) on one thread of their own, with each
result handed back to the GUI thread as a queued Qt signal. Every worker of the screens
(queue, guided services, staff, documents) is built on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal


class _Relay(QObject):
    """Lives in the GUI thread; the pool thread emits on it and Qt queues the delivery."""

    finished = Signal(str, int, object, object)  # kind, call number, result, exception


class _Job(QRunnable):
    def __init__(self, kind: str, number: int, call: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._kind, self._number, self._call, self._relay = kind, number, call, relay

    def run(self) -> None:
        try:
            result = self._call()
        except Exception as exc:  # handed to the GUI thread, which decides what to show
            self._relay.finished.emit(self._kind, self._number, None, exc)
        else:
            self._relay.finished.emit(self._kind, self._number, result, None)


class BackgroundCalls(QObject):
    """One call at a time, in order, on one pool thread, so calls never overlap.

    `finished(kind, number, result, exception)` arrives on the GUI thread; `number` is
    the one `start` returned, so a worker can drop answers it no longer wants.
    """

    finished = Signal(str, int, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.finished.connect(self.finished, Qt.ConnectionType.QueuedConnection)
        self._started = 0

    def start(self, kind: str, call: Callable[[], Any]) -> int:
        self._started += 1
        self._pool.start(_Job(kind, self._started, call, self._relay))
        return self._started

    def wait_for_done(self, msecs: int = 10_000) -> bool:
        return self._pool.waitForDone(msecs)
