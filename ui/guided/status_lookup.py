"""Looking up an application's status by its tracking code, one lookup at a time."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.errors import KioskError
from kiosk.submissions.types import StatusView
from ui.guided.status import CANNOT_CHECK, StatusEntryScreen, StatusResultScreen
from ui.guided.worker import ServicesWorker
from ui.i18n import Tr
from ui.voice import Voice


class StatusLookup(QObject):
    """The code entry and result screens; answers of an abandoned lookup are dropped."""

    show_screen = Signal(str)
    home_requested = Signal()
    finished = Signal()
    status_shown = Signal(object)  # StatusView, or the exception of a failed lookup

    def __init__(self, worker: ServicesWorker, voice: Voice, parent: QObject | None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._voice = voice
        self._tr = Tr()
        self._request: int | None = None
        self.entry = StatusEntryScreen()
        self.result = StatusResultScreen()
        self.entry.look_up.connect(self._look_up)
        self.entry.back.connect(self.home_requested)
        self.result.another.connect(self.open)
        self.result.finished.connect(self.finished)
        worker.status_found.connect(self._on_found)
        worker.status_failed.connect(self._on_failed)

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
        self._request = None
        self.entry.set_searching(False)
        self.entry.set_code("")

    def _look_up(self, code: str) -> None:
        if self._request is not None:
            return  # one lookup at a time; its answer comes soon
        self.entry.set_searching(True)
        self._request = self._worker.look_up(code)

    def _answered(self, request: int) -> bool:
        """Whether `request` is the lookup the screen waits for (then no longer)."""
        if request != self._request:
            return False  # the person has left the status screen
        self._request = None
        self.entry.set_searching(False)
        return True

    def _on_found(self, request: int, view: StatusView) -> None:
        if not self._answered(request):
            return
        self.result.show_status(view)
        self.show_screen.emit(self.result.name)
        self._voice.say(self.result.spoken_text())
        self.status_shown.emit(view)

    def _on_failed(self, request: int, error: Exception) -> None:
        if not self._answered(request):
            return
        explain = getattr(error, "text", None)
        if isinstance(error, KioskError) and callable(explain):
            message = str(explain(self._tr.language))
        else:
            message = self._tr(CANNOT_CHECK)
        self.entry.show_problem(message)
        self._voice.say(message)
        self.status_shown.emit(error)
