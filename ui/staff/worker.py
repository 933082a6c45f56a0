"""Staff calls off the GUI thread; results come back as queued Qt signals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

from ui.staff.contracts import StaffPort

IDENTIFY, SIGN_IN = "identify", "sign_in"


class _Relay(QObject):
    finished = Signal(str, int, object, object)  # kind, request number, result, exception


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


class StaffWorker(QObject):
    """One call at a time; only the answer to the latest request is passed on, so a
    cancelled sign-in or a second tap never shows a stale result."""

    identified = Signal(object)  # StaffBadge | CardHolder | None
    signed_in = Signal(object)  # StaffSession
    failed = Signal(str, object)  # kind, the exception

    def __init__(self, port: StaffPort, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._port = port
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._latest = 0
        self._busy = False

    @property
    def busy(self) -> bool:
        return self._busy

    def identify(self, tag: str) -> None:
        self._start(IDENTIFY, lambda: self._port.identify(tag))

    def sign_in(self, staff_number: str, pin: str) -> None:
        self._start(SIGN_IN, lambda: self._port.sign_in(staff_number, pin))

    def sign_in_with_badge(self, tag: str, pin: str) -> None:
        self._start(SIGN_IN, lambda: self._port.sign_in_with_badge(tag, pin))

    def drop_pending(self) -> None:
        """Whatever is still running, its answer is no longer wanted."""
        self._latest += 1
        self._busy = False

    def wait_for_done(self, msecs: int = 10_000) -> bool:
        return self._pool.waitForDone(msecs)

    def _start(self, kind: str, call: Callable[[], Any]) -> None:
        self._latest += 1
        self._busy = True
        self._pool.start(_Job(kind, self._latest, call, self._relay))

    def _on_finished(self, kind: str, number: int, result: object, error: object) -> None:
        if number != self._latest:
            return
        self._busy = False
        if error is not None:
            self.failed.emit(kind, error)
        elif kind == IDENTIFY:
            self.identified.emit(result)
        else:
            self.signed_in.emit(result)
