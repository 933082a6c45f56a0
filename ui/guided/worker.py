"""Calls into the guided services off the GUI thread; results come back as queued signals."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.wizard import Wizard
from ui.background import BackgroundCalls
from ui.contracts import ApplicationsPort

log = logging.getLogger(__name__)

CATALOGUE, FINALISE, STATUS = "catalogue", "finalise", "status"


class ServicesWorker(QObject):
    """One call at a time on its own thread, so a finalise never races a lookup; a second
    finalise while one runs is refused (a double tap stores one submission)."""

    catalogue_loaded = Signal(object)  # list[ServiceDefinition]
    catalogue_failed = Signal(object)  # the exception
    finalised = Signal(object)  # Receipt
    finalise_failed = Signal(object)  # the exception
    status_found = Signal(int, object)  # request number, StatusView
    status_failed = Signal(int, object)  # request number, the exception

    def __init__(self, services: ApplicationsPort, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._calls = BackgroundCalls(self)  # one call at a time, in order
        self._calls.finished.connect(self._on_finished)
        self._finalising = False
        self._loading_catalogue = False

    @property
    def finalising(self) -> bool:
        return self._finalising

    def load_catalogue(self) -> None:
        """Ask for the services; a second ask while one is on its way waits for that one."""
        if self._loading_catalogue:
            return
        self._loading_catalogue = True
        self._start(CATALOGUE, self._services.catalogue)

    def finalise(self, wizard: Wizard) -> bool:
        """Start storing and printing; False (and nothing started) if one is running."""
        if self._finalising:
            return False
        self._finalising = True
        services = self._services
        self._start(FINALISE, lambda: services.finalise(wizard))
        return True

    def look_up(self, tracking_code: str) -> int:
        """Start a status lookup; returns its number, which its answer carries."""
        services = self._services
        return self._start(STATUS, lambda: services.status(tracking_code))

    def wait_for_done(self, msecs: int = 10_000) -> bool:
        return self._calls.wait_for_done(msecs)

    def _start(self, kind: str, call: Callable[[], Any]) -> int:
        return self._calls.start(kind, call)

    def _on_finished(self, kind: str, number: int, result: object, error: object) -> None:
        if error is not None:
            log.warning("%s call failed: %s", kind, type(error).__name__)
        if kind == CATALOGUE:
            self._loading_catalogue = False
            if error is None:
                self.catalogue_loaded.emit(result)
            else:
                self.catalogue_failed.emit(error)
        elif kind == FINALISE:
            self._finalising = False
            if error is None:
                self.finalised.emit(result)
            else:
                self.finalise_failed.emit(error)
        elif error is None:
            self.status_found.emit(number, result)
        else:
            self.status_failed.emit(number, error)
