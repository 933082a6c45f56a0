"""Looking up an application's status by its tracking code, one lookup at a time."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from kiosk.applications.types import StatusView
from kiosk.errors import KioskError
from ui.contracts import ApplicationsPort
from ui.guided.status import CANNOT_CHECK, StatusEntryScreen, StatusResultScreen
from ui.i18n import Tr
from ui.tasks import Policy, Tasks
from ui.voice import Voice

log = logging.getLogger(__name__)

STATUS = "status"  # the kind of call a lookup is


class StatusLookup(QObject):
    """The code entry and result screens; answers of an abandoned lookup are dropped."""

    show_screen = Signal(str)
    home_requested = Signal()
    finished = Signal()
    status_shown = Signal(object)  # StatusView, or the exception of a failed lookup

    def __init__(
        self, services: ApplicationsPort, tasks: Tasks, voice: Voice, parent: QObject | None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self._voice = voice
        self._tr = Tr()
        self.entry = StatusEntryScreen()
        self.result = StatusResultScreen()
        self.entry.look_up.connect(self._look_up)
        self.entry.back.connect(self.home_requested)
        self.result.another.connect(self.open)
        self.result.finished.connect(self.finished)

    def use_language(self, tr: Tr) -> None:
        self._tr = tr

    def open(self, code: str = "") -> None:
        """The entry screen, with `code` looked up at once when one is given."""
        self.entry.set_code(code)
        self.show_screen.emit(self.entry.name)
        if code:
            self._look_up(self.entry.code)

    def cancel(self) -> None:
        """Forget the code and any lookup on its way."""
        self._tasks.drop(STATUS)
        self.entry.set_searching(False)
        self.entry.set_code("")

    def _look_up(self, code: str) -> None:
        if self._tasks.awaiting(STATUS):
            return  # one lookup at a time; its answer comes soon
        self.entry.set_searching(True)
        services = self._services
        self._tasks.add(
            lambda: services.status(code),
            self._on_found,
            self._on_failed,
            policy=Policy.LATEST_ONLY,  # after `cancel`, the abandoned answer is dropped
            kind=STATUS,
        )

    def _on_found(self, view: StatusView) -> None:
        self.entry.set_searching(False)
        self.result.show_status(view)
        self.show_screen.emit(self.result.name)
        self._voice.say(self.result.spoken_text())
        self.status_shown.emit(view)

    def _on_failed(self, error: Exception) -> None:
        log.warning("status call failed: %s", type(error).__name__)
        self.entry.set_searching(False)
        explain = getattr(error, "text", None)
        if isinstance(error, KioskError) and callable(explain):
            message = str(explain(self._tr.language))
        else:
            message = self._tr(CANNOT_CHECK)
        self.entry.show_problem(message)
        self._voice.say(message)
        self.status_shown.emit(error)
