"""The guided services: the service list, one person's form (`ui.guided.form`), the
status lookup (`ui.guided.status_lookup`) and "Masih di sini?" (`ui.guided.countdown`);
the window shows the screens they ask for."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from kiosk.wizard import Wizard
from ui.base.screen import Screen
from ui.contracts import ApplicationsPort, UiOptions
from ui.guided.countdown import StillThereCountdown
from ui.guided.form import FormFlow
from ui.guided.services import GuidedServicesScreen
from ui.guided.status_lookup import StatusLookup
from ui.guided.style import guided_stylesheet
from ui.i18n import Tr
from ui.tasks import Policy, Tasks
from ui.theme import Palette
from ui.voice import Voice

log = logging.getLogger(__name__)


class GuidedFlow(QObject):
    """Joins the guided parts and speaks for them to the window."""

    show_screen = Signal(str)  # the window switches its stack to this screen
    home_requested = Signal()  # back to the start (the person changed their mind)
    finished = Signal()  # done, cancelled or wiped: the start, for the next person
    still_there_answered = Signal()  # the person tapped "Ya, lanjutkan"
    submitted = Signal(object)  # Receipt (printed or not)
    finalise_failed = Signal(object)  # the exception; nothing was stored
    status_shown = Signal(object)  # StatusView, or the exception of a failed lookup
    form_wiped = Signal()  # an unfinished form was forgotten

    def __init__(
        self, services: ApplicationsPort, voice: Voice, options: UiOptions, parent: QObject | None
    ) -> None:
        super().__init__(parent)
        self._voice = voice
        self._services = services
        # One call at a time, in order: a finalise never races a lookup.
        self._tasks = Tasks(self)
        self.services_screen = GuidedServicesScreen()
        self.form = FormFlow(services, self._tasks, voice, options, self)
        self.lookup = StatusLookup(services, self._tasks, voice, self)
        self.countdown = StillThereCountdown(options.still_there_seconds, voice, self)
        self._name_screens()
        self._connect()
        self._load_catalogue()

    # -- public -------------------------------------------------------------

    @property
    def screens(self) -> list[Screen]:
        return [
            self.services_screen,
            *self.form.screens,
            self.status_entry,
            self.status_result,
            self.still_there,
        ]

    @property
    def wizard(self) -> Wizard | None:
        """The form being filled in (None when there is none)."""
        return self.form.wizard

    @property
    def busy(self) -> bool:
        """Nobody may leave the screen, nor the idle timeout take it away: the
        application is being stored and printed, or its receipt did not print and its
        tracking code shows until a clerk or the citizen dismisses it."""
        return self.form.finalising or self.form.holding_code

    @property
    def in_form(self) -> bool:
        """Unfinished answers are held (the idle timeout asks before wiping them)."""
        return self.form.wizard is not None and not self.busy

    @property
    def holds_card_answers(self) -> bool:
        """A citizen's card was read and waits for their form (wiped on idle)."""
        return self.form.holds_card_answers

    @property
    def asking_still_there(self) -> bool:
        return self.countdown.running

    def open_services(self) -> None:
        if not self.services_screen.buttons:
            self._load_catalogue()  # still starting, or it failed: ask again
        self.show_screen.emit(self.services_screen.name)

    def open_status(self, code: str = "") -> None:
        """The status screen, with `code` looked up at once when one is given."""
        self.lookup.open(code)

    def prefill(self, answers: object) -> None:
        """Answers from a citizen's card (a dict): into the open form, or the next one.
        A card tapped while "Masih di sini?" counts down answers it: they are here."""
        if isinstance(answers, dict):
            self.countdown.resume()
            self.form.prefill(answers)

    def ask_still_there(self, current_screen: str) -> None:
        """Show "Masih di sini?"; the form is wiped when the countdown ends."""
        self.countdown.start(current_screen)

    def reset(self) -> None:
        """Forget the unfinished form and any pending lookup (not while finishing)."""
        self.countdown.stop()
        self.lookup.cancel()
        self._voice.stop()
        if not self.busy:
            self.form.wipe()

    def use_language(self, tr: Tr) -> None:
        """The language of the next form and of texts the flow writes (the window
        retranslates the screens themselves)."""
        self.form.use_language(tr)
        self.lookup.use_language(tr)

    def apply_theme(self, palette: Palette) -> None:
        sheet = guided_stylesheet(palette)
        for screen in self.screens:
            screen.setStyleSheet(sheet)

    def shutdown(self, msecs: int = 10_000) -> bool:
        return self._tasks.wait_for_done(msecs)

    # -- building -----------------------------------------------------------

    def _name_screens(self) -> None:
        """The screens by their old names, for the window and the tests."""
        self.question, self.summary = self.form.question, self.form.summary
        self.consent, self.finishing = self.form.consent, self.form.finishing
        self.done, self.problem = self.form.done, self.form.problem
        self.status_entry, self.status_result = self.lookup.entry, self.lookup.result
        self.still_there = self.countdown.screen

    def _connect(self) -> None:
        self.services_screen.service_chosen.connect(self.form.start)
        self.services_screen.back.connect(self.home_requested)
        form, lookup, countdown = self.form, self.lookup, self.countdown
        for part in (form, lookup, countdown):
            part.show_screen.connect(self.show_screen)
        form.back_to_list.connect(lambda: self.show_screen.emit(self.services_screen.name))
        for mine, theirs in (
            (self.finished, form.finished),
            (self.submitted, form.submitted),
            (self.finalise_failed, form.finalise_failed),
            (self.form_wiped, form.form_wiped),
            (self.home_requested, lookup.home_requested),
            (self.finished, lookup.finished),
            (self.status_shown, lookup.status_shown),
        ):
            theirs.connect(mine)
        countdown.resumed.connect(self._resume)
        countdown.expired.connect(form.abandon)

    def _load_catalogue(self) -> None:
        """Ask for the guided services; an ask while one is on its way waits for that one."""
        self._tasks.add(
            self._services.catalogue,
            self.services_screen.set_services,
            self._on_catalogue_failed,
            policy=Policy.REFUSE_WHILE_BUSY,
            kind="catalogue",
        )

    def _on_catalogue_failed(self, error: Exception) -> None:
        log.warning("catalogue call failed: %s", type(error).__name__)
        self.services_screen.set_services(None)

    def _resume(self, form_screen: str) -> None:
        self.still_there_answered.emit()
        if self.form.wizard is not None and form_screen:
            self.show_screen.emit(form_screen)
        else:
            self.finished.emit()
