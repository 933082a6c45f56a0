"""Staff calls off the GUI thread; results come back as queued Qt signals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from ui.background import BackgroundCalls
from ui.staff.contracts import StaffPort

IDENTIFY, SIGN_IN = "identify", "sign_in"


class StaffWorker(QObject):
    """One call at a time; only the answer to the latest request is passed on, so a
    cancelled sign-in or a second tap never shows a stale result."""

    identified = Signal(object)  # StaffBadge | CardHolder | None
    signed_in = Signal(object)  # StaffSession
    failed = Signal(str, object)  # kind, the exception

    def __init__(self, port: StaffPort, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._port = port
        self._calls = BackgroundCalls(self)  # one call at a time, in order
        self._calls.finished.connect(self._on_finished)
        self._latest = 0
        self._busy = False

    @property
    def busy(self) -> bool:
        return self._busy

    def identify_staff(self, tag: str) -> None:
        self._start(IDENTIFY, lambda: self._port.identify_staff(tag))

    def identify(self, tag: str) -> None:
        self._start(IDENTIFY, lambda: self._port.identify(tag))

    def sign_in(self, staff_number: str, pin: str) -> None:
        self._start(SIGN_IN, lambda: self._port.sign_in(staff_number, pin))

    def sign_in_with_badge(self, tag: str, pin: str) -> None:
        self._start(SIGN_IN, lambda: self._port.sign_in_with_badge(tag, pin))

    def drop_pending(self) -> None:
        """Whatever is still running, its answer is no longer wanted."""
        self._latest = 0  # no call has this number
        self._busy = False

    def wait_for_done(self, msecs: int = 10_000) -> bool:
        return self._calls.wait_for_done(msecs)

    def _start(self, kind: str, call: Callable[[], Any]) -> None:
        self._busy = True
        self._latest = self._calls.start(kind, call)

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
