"""The documents port's calls on their own thread; results come back as queued signals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

from ui.documents.contracts import DocumentsPort

LOOKUP, PROOF, LETTER = "lookup", "proof", "letter"


class _Relay(QObject):
    """Lives in the GUI thread; the pool thread emits on it and Qt queues the delivery."""

    finished = Signal(str, object, object)  # kind, result, exception


class _Job(QRunnable):
    def __init__(self, kind: str, call: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._kind, self._call, self._relay = kind, call, relay

    def run(self) -> None:
        try:
            result = self._call()
        except Exception as exc:  # handed to the GUI thread, which explains it
            self._relay.finished.emit(self._kind, None, exc)
        else:
            self._relay.finished.emit(self._kind, result, None)


class DocumentsWorker(QObject):
    """One call at a time; while one runs, another request is refused (a double tap
    prints one copy)."""

    done = Signal(str, object)  # kind (LOOKUP, PROOF, LETTER), result
    failed = Signal(str, object)  # kind, the exception

    def __init__(self, port: DocumentsPort, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._port = port
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._busy = False

    @property
    def busy(self) -> bool:
        return self._busy

    def lookup(self, code: str) -> bool:
        return self._start(LOOKUP, lambda: self._port.lookup(code))

    def print_proof(self, code: str, language: str) -> bool:
        return self._start(PROOF, lambda: self._port.print_proof(code, language))

    def print_letter(self, code: str, language: str) -> bool:
        return self._start(LETTER, lambda: self._port.print_letter(code, language))

    def wait_for_done(self, msecs: int = 10_000) -> bool:
        return self._pool.waitForDone(msecs)

    def _start(self, kind: str, call: Callable[[], Any]) -> bool:
        if self._busy:
            return False
        self._busy = True
        self._pool.start(_Job(kind, call, self._relay))
        return True

    def _on_finished(self, kind: str, result: object, error: object) -> None:
        self._busy = False
        if error is None:
            self.done.emit(kind, result)
        else:
            self.failed.emit(kind, error)
