"""The guided flow: service list -> questions -> summary -> consent -> finishing -> proof,
and the status lookup; the window shows the screens it asks for."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from kiosk.catalogue.model import FieldType
from kiosk.errors import KioskError
from kiosk.submissions.errors import ReceiptNotPrinted
from kiosk.submissions.types import Receipt, StatusView
from kiosk.wizard import Stage, Wizard
from ui.contracts import ServicesPort, UiOptions
from ui.i18n import Tr
from ui.screens.base import Screen
from ui.theme import Palette
from ui.voice import Voice
from ui.wizard.consent import ConsentScreen
from ui.wizard.finishing import FinishingScreen
from ui.wizard.problem import NOT_SAVED, NOT_STARTED, SubmissionProblemScreen
from ui.wizard.question import QuestionScreen
from ui.wizard.services import GuidedServicesScreen
from ui.wizard.status import CANNOT_CHECK, StatusEntryScreen, StatusResultScreen
from ui.wizard.still_there import StillThereScreen
from ui.wizard.style import guided_stylesheet
from ui.wizard.submitted import SubmittedScreen
from ui.wizard.summary import SummaryScreen
from ui.wizard.worker import ServicesWorker

log = logging.getLogger(__name__)

COUNTDOWN_TICK_MS = 250
FORM_SCREENS = frozenset({"question", "summary", "consent", "submission_problem"})


class GuidedFlow(QObject):
    """Owns the wizard of the person at the screen; answers live only in its memory."""

    show_screen = Signal(str)  # the window switches its stack to this screen
    home_requested = Signal()  # back to the start (the person changed their mind)
    finished = Signal()  # done, cancelled or wiped: the start, for the next person
    still_there_answered = Signal()  # the person tapped "Ya, lanjutkan"
    submitted = Signal(object)  # Receipt (printed or not)
    finalise_failed = Signal(object)  # the exception; nothing was stored
    status_shown = Signal(object)  # StatusView, or the exception of a failed lookup
    form_wiped = Signal()  # an unfinished form was forgotten

    def __init__(
        self, services: ServicesPort, voice: Voice, options: UiOptions, parent: QObject | None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._voice = voice
        self._options = options
        self._tr = Tr()
        self._wizard: Wizard | None = None
        self._status_request: int | None = None
        self._resume_to = ""
        self._worker = ServicesWorker(services, self)
        self._build_screens()
        self._build_timers()
        self._connect()
        self._worker.load_catalogue()

    # -- public -------------------------------------------------------------

    @property
    def screens(self) -> list[Screen]:
        return list(self._screens.values())

    @property
    def wizard(self) -> Wizard | None:
        """The form being filled in (None when there is none)."""
        return self._wizard

    @property
    def busy(self) -> bool:
        """The application is being stored and printed: nobody may leave the screen."""
        return self._worker.finalising

    @property
    def in_form(self) -> bool:
        """Unfinished answers are held (the idle timeout asks before wiping them)."""
        return self._wizard is not None and not self.busy

    @property
    def asking_still_there(self) -> bool:
        return self._deadline.isActive()

    def open_services(self) -> None:
        if not self.services_screen.buttons:
            self._worker.load_catalogue()  # still starting, or it failed: ask again
        self.show_screen.emit(self.services_screen.name)

    def open_status(self, code: str = "") -> None:
        """The status screen, with `code` looked up at once when one is given."""
        self.status_entry.set_code(code)
        self.show_screen.emit(self.status_entry.name)
        if code:
            self._look_up(self.status_entry.code)

    def ask_still_there(self, current_screen: str) -> None:
        """Show "Masih di sini?"; the form is wiped when the countdown ends."""
        self._resume_to = current_screen if current_screen in FORM_SCREENS else ""
        self._countdown_clock.start()
        self._deadline.start()
        self._tick.start()
        self.still_there.show_seconds_left(self._options.still_there_seconds)
        self.show_screen.emit(self.still_there.name)
        self._voice.say(self.still_there.spoken_text())

    def reset(self) -> None:
        """Forget the unfinished form and any pending lookup (not while finishing)."""
        self._stop_countdown()
        self._status_request = None
        self.status_entry.set_searching(False)
        self.status_entry.set_code("")
        self._voice.stop()
        if self._wizard is not None and not self.busy:
            self._wipe()

    def use_language(self, _: Tr) -> None:
        """The language of the next form and of texts the flow writes (the window
        retranslates the screens themselves)."""
        self._tr = _

    def apply_theme(self, palette: Palette) -> None:
        sheet = guided_stylesheet(palette)
        for screen in self._screens.values():
            screen.setStyleSheet(sheet)

    def shutdown(self, msecs: int = 10_000) -> bool:
        return self._worker.wait_for_done(msecs)

    # -- building -----------------------------------------------------------

    def _build_screens(self) -> None:
        self.services_screen = GuidedServicesScreen()
        self.question = QuestionScreen()
        self.summary = SummaryScreen()
        self.consent = ConsentScreen()
        self.finishing = FinishingScreen()
        self.done = SubmittedScreen()
        self.problem = SubmissionProblemScreen()
        self.status_entry = StatusEntryScreen()
        self.status_result = StatusResultScreen()
        self.still_there = StillThereScreen()
        screens: list[Screen] = [
            self.services_screen,
            self.question,
            self.summary,
            self.consent,
            self.finishing,
            self.done,
            self.problem,
            self.status_entry,
            self.status_result,
            self.still_there,
        ]
        self._screens = {screen.name: screen for screen in screens}

    def _build_timers(self) -> None:
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(max(1, round(self._options.still_there_seconds * 1000)))
        self._tick = QTimer(self)
        self._tick.setInterval(COUNTDOWN_TICK_MS)
        self._countdown_clock = QElapsedTimer()
        self._slow_timer = QTimer(self)
        self._slow_timer.setSingleShot(True)
        slow_ms = round(self._options.printing_watchdog_seconds * 1000)
        self._slow_timer.setInterval(max(1, slow_ms))

    def _connect(self) -> None:
        self.services_screen.service_chosen.connect(self._start)
        self.services_screen.back.connect(self.home_requested)
        self.question.next.connect(self._on_next)
        self.question.back.connect(self._on_back)
        self.question.speak.connect(lambda: self._voice.say(self.question.spoken_text()))
        self.summary.next.connect(self._move_on)
        self.summary.back.connect(self._step_back)
        self.summary.edit.connect(self._edit)
        self.consent.back.connect(self._step_back)
        self.consent.cancel.connect(self._abandon)
        self.consent.agree.connect(self._agree)
        self.consent.speak.connect(lambda: self._voice.say(self.consent.spoken_text()))
        self.done.finished.connect(self.finished)
        self.problem.retry.connect(self._finalise)
        self.problem.back_to_start.connect(self._abandon)
        self.status_entry.look_up.connect(self._look_up)
        self.status_entry.back.connect(self.home_requested)
        self.status_result.another.connect(self.open_status)
        self.status_result.finished.connect(self.finished)
        self.still_there.resume.connect(self._resume)
        self._deadline.timeout.connect(self._on_still_there_expired)
        self._tick.timeout.connect(self._on_tick)
        self._slow_timer.timeout.connect(lambda: self.finishing.set_slow(True))
        self._worker.catalogue_loaded.connect(self.services_screen.set_services)
        self._worker.catalogue_failed.connect(self._on_catalogue_failed)
        self._worker.finalised.connect(self._on_finalised)
        self._worker.finalise_failed.connect(self._on_finalise_failed)
        self._worker.status_found.connect(self._on_status_found)
        self._worker.status_failed.connect(self._on_status_failed)

    # -- the form -----------------------------------------------------------

    def _start(self, service_id: str) -> None:
        if self._wizard is not None:
            return  # a second tap on the list: the first one already started
        try:
            self._wizard = self._services.start(
                service_id, self._tr.language, self._options.assisted
            )
        except Exception as error:  # not open yet, or gone from the catalogue
            log.warning("service could not start: %s", type(error).__name__)
            self.problem.show_message(NOT_STARTED, can_retry=False)
            self.show_screen.emit(self.problem.name)
            return
        self._voice.set_language(self._wizard.language)
        self._render()

    def _render(self, problems: list[str] | None = None) -> None:
        """Show the screen of the wizard's stage; `problems` under the question if any."""
        wizard = self._wizard
        if wizard is None:
            return
        self.question.speak_button.setVisible(self._voice.enabled)  # nothing that cannot work
        self.consent.speak_button.setVisible(self._voice.enabled)
        if wizard.stage is Stage.QUESTIONS and (step := wizard.current) is not None:
            self.question.show_step(step, self._tr, date.today())
            if problems:
                self.question.show_problems(problems)
            self.show_screen.emit(self.question.name)
            self._voice.say(" ".join([self.question.spoken_text(), *(problems or [])]))
        elif wizard.stage is Stage.SUMMARY:
            self.summary.show_rows(wizard.summary(), self._tr)
            self.show_screen.emit(self.summary.name)
            self._voice.say(self.summary.title.text())
        elif wizard.stage is Stage.CONSENT:
            self.consent.show_statement(wizard.consent_text())
            self.show_screen.emit(self.consent.name)
            self._voice.say(self.consent.spoken_text())

    def _answers_here(self) -> bool:
        """Whether the question screen holds an answer to give (not a note, not a proposal)."""
        step = self.question.step
        if step is None or step.read_only or step.type is FieldType.NOTE:
            return False
        return not self.question.showing_proposal

    def _on_next(self) -> None:
        wizard, step = self._wizard, self.question.step
        if wizard is None or step is None or wizard.stage is not Stage.QUESTIONS:
            return
        problems = wizard.answer(self.question.input.value()) if self._answers_here() else []
        problems = problems or wizard.next()
        current = wizard.current
        if problems and current is not None and current.name == step.name:
            self.question.show_problems(problems)
            self._voice.say(" ".join(problems))
        else:
            self._render(problems)

    def _on_back(self) -> None:
        wizard = self._wizard
        if wizard is None or wizard.stage is not Stage.QUESTIONS:
            return
        if self._answers_here() and self.question.input.dirty:
            wizard.answer(self.question.input.value())  # keep it if it is good; else dropped
        if wizard.back():
            self._render()
        else:  # before the first question: back to the list, the form forgotten
            self._wipe()
            self.show_screen.emit(self.services_screen.name)

    def _move_on(self) -> None:
        if self._wizard is not None:
            self._render(self._wizard.next())

    def _step_back(self) -> None:
        if self._wizard is not None and self._wizard.back():
            self._render()

    def _edit(self, field_name: str) -> None:
        if self._wizard is not None:
            self._wizard.edit(field_name)
            self._render()

    def _agree(self) -> None:
        if self._wizard is None or self._wizard.stage is not Stage.CONSENT:
            return
        self._wizard.accept_consent()
        self._finalise()

    def _finalise(self) -> None:
        if self._wizard is None or not self._worker.finalise(self._wizard):
            return  # a double tap: the first call is running
        self.finishing.set_slow(False)
        self._slow_timer.start()
        self.show_screen.emit(self.finishing.name)
        self._voice.say(self.finishing.message.text())

    def _on_finalised(self, receipt: Receipt) -> None:
        self._finish(receipt, printed=True)

    def _on_finalise_failed(self, error: Exception) -> None:
        if isinstance(error, ReceiptNotPrinted):  # stored; only the receipt did not print
            log.warning("receipt not printed: printer %s", error.problem.value)
            self._finish(error.receipt, printed=False)
            return
        self._slow_timer.stop()
        self.problem.show_message(NOT_SAVED, can_retry=self._wizard is not None)
        self.show_screen.emit(self.problem.name)
        self._voice.say(self.problem.message.text())
        self.finalise_failed.emit(error)

    def _finish(self, receipt: Receipt, printed: bool) -> None:
        self._slow_timer.stop()
        if self._wizard is not None:
            self._wizard.wipe()  # stored: the answers leave the screen's memory
            self._wizard = None
        self.done.show_receipt(receipt, printed)
        self.show_screen.emit(self.done.name)
        self._voice.say(self.done.spoken_text())
        self.submitted.emit(receipt)

    def _abandon(self) -> None:
        self._wipe()
        self.finished.emit()

    def _wipe(self) -> None:
        if self._wizard is not None:
            self._wizard.wipe()
            self._wizard = None
            log.info("an unfinished form was wiped")
            self.form_wiped.emit()

    # -- idle ---------------------------------------------------------------

    def _on_tick(self) -> None:
        elapsed = self._countdown_clock.elapsed() / 1000
        self.still_there.show_seconds_left(self._options.still_there_seconds - elapsed)

    def _resume(self) -> None:
        self._stop_countdown()
        self.still_there_answered.emit()
        if self._wizard is not None and self._resume_to:
            self.show_screen.emit(self._resume_to)
        else:
            self.finished.emit()

    def _on_still_there_expired(self) -> None:
        self._stop_countdown()
        self._abandon()

    def _stop_countdown(self) -> None:
        self._deadline.stop()
        self._tick.stop()

    # -- catalogue and status -----------------------------------------------

    def _on_catalogue_failed(self, _error: Exception) -> None:
        self.services_screen.set_services(None)

    def _look_up(self, code: str) -> None:
        if self._status_request is not None:
            return  # one lookup at a time; its answer comes soon
        self.status_entry.set_searching(True)
        self._status_request = self._worker.look_up(code)

    def _on_status_found(self, request: int, view: StatusView) -> None:
        if request != self._status_request:
            return  # the person has left the status screen
        self._status_request = None
        self.status_entry.set_searching(False)
        self.status_result.show_status(view)
        self.show_screen.emit(self.status_result.name)
        self._voice.say(self.status_result.spoken_text())
        self.status_shown.emit(view)

    def _on_status_failed(self, request: int, error: Exception) -> None:
        if request != self._status_request:
            return
        self._status_request = None
        self.status_entry.set_searching(False)
        explain = getattr(error, "text", None)
        if isinstance(error, KioskError) and callable(explain):
            message = str(explain(self._tr.language))
        else:
            message = self._tr(CANNOT_CHECK)
        self.status_entry.show_problem(message)
        self._voice.say(message)
        self.status_shown.emit(error)
