"""One way to run blocking calls (database, printers, keyring) off the GUI thread.

`Tasks.add(call, on_success, on_error, policy=...)` runs `call` on the one thread pool
of the application and hands its answer to `on_success` (or its exception to
`on_error`) on the GUI thread, in the spirit of Electrum's `TaskThread`. Each `Tasks`
is one owner's lane: its calls run one at a time and in order, while other lanes' calls
run beside them (a ticket call the printer never answers holds up no staff sign-in).
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

log = logging.getLogger(__name__)

# Enough for every lane to have a call running at once: a ticket call the printer
# never answers must not hold up a staff sign-in or a status lookup.
POOL_THREADS = 8
_pool: QThreadPool | None = None

T = TypeVar("T")


class Policy(Enum):
    """What a call does to the calls of the same kind already on their way."""

    REFUSE_WHILE_BUSY = "refuse while busy"  # refused while one runs: one ticket per tap
    LATEST_ONLY = "latest only"  # supersedes them: their late answers are dropped


def shared_pool() -> QThreadPool:
    """The application's one pool every lane's calls run on (made on first use, kept
    for the life of the process: deleting a pool would wait for a hung printer call)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(POOL_THREADS)
    return _pool


@dataclass
class _Call:
    """A call on its way: what to do with its answer, and whether it is still wanted."""

    kind: str
    on_success: Callable[[Any], object]
    on_error: Callable[[Exception], object] | None
    on_done: Callable[[], object] | None
    wanted: bool = True


class Tasks(QObject):
    """One owner's lane (a child of the owner, so a deleted screen gets no answer).

    Answers arrive on the GUI thread, through the event loop: never inside `add`.
    `on_done` runs once the call has ended, whether its answer was wanted or dropped.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lane = _Lane()
        self._relay = _Relay(self)
        self._relay.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._calls: dict[int, _Call] = {}
        self._started = 0

    def add(
        self,
        call: Callable[[], T],
        on_success: Callable[[T], object],
        on_error: Callable[[Exception], object] | None = None,
        *,
        policy: Policy,
        kind: str = "",
        on_done: Callable[[], object] | None = None,
    ) -> bool:
        """Start `call` after this lane's earlier calls; False (nothing started) when the
        policy refuses it. `kind` groups the calls the policy weighs against each other."""
        if policy is Policy.REFUSE_WHILE_BUSY and self.running(kind):
            return False
        if policy is Policy.LATEST_ONLY:
            self.drop(kind)
        self._started += 1
        self._calls[self._started] = _Call(kind, on_success, on_error, on_done)
        self._lane.add(_Job(self._started, call, self._relay, self._lane))
        return True

    def running(self, kind: str | None = None) -> bool:
        """A call (of `kind`, or any) has not ended, even if its answer was dropped."""
        return any(kind in (None, call.kind) for call in self._calls.values())

    def awaiting(self, kind: str | None = None) -> bool:
        """An answer (of `kind`, or any) is still wanted and has not come."""
        return any(call.wanted and kind in (None, call.kind) for call in self._calls.values())

    def drop(self, kind: str | None = None) -> None:
        """The answers of the calls (of `kind`, or all) not ended yet are not wanted."""
        for call in self._calls.values():
            if kind in (None, call.kind):
                call.wanted = False

    def wait_for_done(self, msecs: int = 10_000) -> bool:
        """Block until none of this lane's calls is running or waiting (shutdown, tests)."""
        return self._lane.wait_for_done(msecs)

    def _deliver(self, number: int, result: object, error: object) -> None:
        call = self._calls.pop(number, None)
        if call is None:
            return
        try:
            if not call.wanted:
                return
            if not isinstance(error, Exception):
                call.on_success(result)
            elif call.on_error is not None:
                call.on_error(error)
            else:
                log.warning("a background call failed: %s", type(error).__name__)
        finally:
            if call.on_done is not None:
                call.on_done()


class _Relay(QObject):
    """Lives in the GUI thread; the pool thread emits on it and Qt queues the delivery."""

    finished = Signal(int, object, object)  # call number, result, exception


class _Lane:
    """One lane's calls, one at a time and in order, on the shared pool. Plain Python
    (no Qt object), so a pool thread may still use it while its owner is deleted."""

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
    def __init__(self, number: int, call: Callable[[], Any], relay: _Relay, lane: _Lane) -> None:
        super().__init__()
        self._number, self._call, self._relay, self._lane = number, call, relay, lane

    def run(self) -> None:
        try:
            try:
                result, error = self._call(), None
            except Exception as exc:  # handed to the GUI thread, which decides what to show
                result, error = None, exc
            self._relay.finished.emit(self._number, result, error)
        except RuntimeError:  # the owner, and its relay with it, was deleted meanwhile
            log.debug("an answer for a deleted owner was dropped")
        finally:
            self._lane.ended()
