"""Calls into the queue off the GUI thread; results come back as queued Qt signals."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.queue.types import Priority
from ui.background import BackgroundCalls
from ui.contracts import QueuePort

log = logging.getLogger(__name__)


class QueueWorker(QObject):
    """One queue call at a time, on its own thread; a second ticket request while one
    prints is refused, so a double tap can never issue two tickets."""

    ticket_issued = Signal(object)  # IssuedTicket
    ticket_failed = Signal(object)  # the exception
    lines_loaded = Signal(object)  # list[QueueLine]
    lines_failed = Signal(object)  # the exception (the list stays as it was)

    def __init__(self, queue: QueuePort, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue = queue
        self._calls = BackgroundCalls(self)  # one call at a time, in order
        self._calls.finished.connect(self._on_finished)
        self._issuing = False
        self._refreshes_pending = 0

    @property
    def issuing(self) -> bool:
        return self._issuing

    @property
    def refreshing(self) -> bool:
        """True while a requested service list has not come back yet."""
        return self._refreshes_pending > 0

    def issue_ticket(self, line_code: str, priority: Priority | None, language: str) -> bool:
        """Start printing a ticket; False (and nothing started) if one is already printing."""
        if self._issuing:
            return False
        self._issuing = True
        queue = self._queue

        def call() -> Any:
            return queue.issue_ticket(line_code, priority=priority, language=language)

        self._calls.start("ticket", call)
        return True

    def refresh_lines(self) -> None:
        """Fetch the list again; a request already waiting covers this one too."""
        if self._refreshes_pending:
            return  # e.g. many visits home while a hung ticket call holds the thread
        self._refreshes_pending += 1
        self._calls.start("services", self._queue.lines)

    def wait_for_done(self, msecs: int = 10_000) -> bool:
        """Block until no call is running (for shutdown and tests)."""
        return self._calls.wait_for_done(msecs)

    def _on_finished(self, kind: str, _number: int, result: object, error: object) -> None:
        if kind == "services":
            self._refreshes_pending -= 1
            if error is None:
                self.lines_loaded.emit(result)
            else:
                log.warning("could not refresh the service list: %s", type(error).__name__)
                self.lines_failed.emit(error)
            return
        self._issuing = False
        if error is None:
            self.ticket_issued.emit(result)
        else:
            self.ticket_failed.emit(error)
