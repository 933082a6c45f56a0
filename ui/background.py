"""Blocking calls (database, printers, keyring) off the GUI thread, on one thread pool
shared by every worker of the screens (queue, guided services, staff, documents), with
each result handed back to the GUI thread as a queued Qt signal."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

# Enough for every worker to have a call running at once: a ticket call the printer
# never answers must not hold up a staff sign-in or a status lookup.
POOL_THREADS = 8
_pool: QThreadPool | None = None


def shared_pool() -> QThreadPool:
    """The one pool every worker's calls run on (made on first use)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(POOL_THREADS)
    return _pool


class _Relay(QObject):
    """Lives in the GUI thread; the pool thread emits on it and Qt queues the delivery."""

    finished = Signal(str, int, object, object)  # kind, call number, result, exception


class _Lane:
    """One worker's calls, one at a time and in order, on the shared pool. Plain Python
    (no Qt object), so a pool thread may still use it while the worker is deleted."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._waiting: deque[_Job] = deque()
        self._outstanding = 0

    def add(self, job: _Job) -> None:
        with self._changed:
            self._outstanding += 1
            if self._outstanding > 1:
                self._waiting.append(job)  # started when the one before it ends
                return
        shared_pool().start(job)

    def ended(self) -> None:
        """On the pool thread, once a call's answer is on its way to the GUI thread."""
        with self._changed:
            self._outstanding -= 1
            after = self._waiting.popleft() if self._waiting else None
            self._changed.notify_all()
        if after is not None:
            shared_pool().start(after)

    def wait_for_done(self, msecs: int) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: self._outstanding == 0, msecs / 1000)


class _Job(QRunnable):
    def __init__(
        self, kind: str, number: int, call: Callable[[], Any], relay: _Relay, lane: _Lane
    ) -> None:
        super().__init__()
        self._kind, self._number, self._call = kind, number, call
        self._relay, self._lane = relay, lane

    def run(self) -> None:
        try:
            result = self._call()
        except Exception as exc:  # handed to the GUI thread, which decides what to show
            self._relay.finished.emit(self._kind, self._number, None, exc)
        else:
            self._relay.finished.emit(self._kind, self._number, result, None)
        finally:
            self._lane.ended()


class BackgroundCalls(QObject):
    """One call at a time, in order, on the shared pool, so a worker's calls never overlap.

    `finished(kind, number, result, exception)` arrives on the GUI thread; `number` is
    the one `start` returned, so a worker can drop answers it no longer wants.
    """

    finished = Signal(str, int, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lane = _Lane()
        self._relay = _Relay(self)
        self._relay.finished.connect(self.finished, Qt.ConnectionType.QueuedConnection)
        self._started = 0

    def start(self, kind: str, call: Callable[[], Any]) -> int:
        self._started += 1
        self._lane.add(_Job(kind, self._started, call, self._relay, self._lane))
        return self._started

    def wait_for_done(self, msecs: int = 10_000) -> bool:
        """Block until none of this worker's calls is running or waiting."""
        return self._lane.wait_for_done(msecs)
