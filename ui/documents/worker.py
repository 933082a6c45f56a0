"""The documents port's calls on their own thread; results come back as queued signals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from ui.background import BackgroundCalls
from ui.documents.contracts import DocumentsPort

LOOKUP, PROOF, LETTER = "lookup", "proof", "letter"


class DocumentsWorker(QObject):
    """One call at a time; while one runs, another request is refused (a double tap
    prints one copy). After `drop_pending` the answer of a call still running is not
    passed on (the next clerk never sees the last one's lookup), but the worker stays
    busy until that call has ended: a letter still printing is never forgotten."""

    done = Signal(str, object)  # kind (LOOKUP, PROOF, LETTER), result
    failed = Signal(str, object)  # kind, the exception
    released = Signal()  # a call ended, whether or not its answer was wanted

    def __init__(self, port: DocumentsPort, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._port = port
        self._calls = BackgroundCalls(self)  # one call at a time, in order
        self._calls.finished.connect(self._on_finished)
        self._busy = False
        self._latest = 0

    @property
    def busy(self) -> bool:
        return self._busy

    def lookup(self, code: str) -> bool:
        return self._start(LOOKUP, lambda: self._port.lookup(code))

    def print_proof(self, code: str, language: str) -> bool:
        return self._start(PROOF, lambda: self._port.print_proof(code, language))

    def print_letter(self, code: str, language: str) -> bool:
        return self._start(LETTER, lambda: self._port.print_letter(code, language))

    def drop_pending(self) -> None:
        self._latest = 0  # no call has this number: its answer is dropped

    def wait_for_done(self, msecs: int = 10_000) -> bool:
        return self._calls.wait_for_done(msecs)

    def _start(self, kind: str, call: Callable[[], Any]) -> bool:
        if self._busy:
            return False
        self._busy = True
        self._latest = self._calls.start(kind, call)
        return True

    def _on_finished(self, kind: str, number: int, result: object, error: object) -> None:
        self._busy = False
        self.released.emit()
        if number != self._latest:
            return
        if error is None:
            self.done.emit(kind, result)
        else:
            self.failed.emit(kind, error)
