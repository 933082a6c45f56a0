"""One person's form: questions -> summary -> consent -> finishing -> proof (or a problem)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.catalogue.model import FieldType
from kiosk.wizard import Stage, Wizard
from ui.base.screen import Screen
from ui.contracts import ApplicationsPort, UiOptions
from ui.guided.confirm import WipeConfirmation
from ui.guided.consent import ConsentScreen
from ui.guided.intro import ServiceIntroScreen
from ui.guided.problem import NOT_STARTED
from ui.guided.question import QuestionScreen
from ui.guided.receipt_flow import ReceiptFlow
from ui.guided.summary import SummaryScreen
from ui.i18n import Tr
from ui.tasks import Tasks
from ui.voice import Voice

log = logging.getLogger(__name__)


class FormFlow(QObject):
    """Owns the wizard of the person at the screen; answers live only in its memory."""

    show_screen = Signal(str)
    back_to_list = Signal()  # Back before the first question: the form is forgotten
    finished = Signal()  # the proof was closed, or the form abandoned
    submitted = Signal(object)  # Receipt (printed or not)
    finalise_failed = Signal(object)  # the exception; nothing was stored
    form_wiped = Signal()  # an unfinished form was forgotten

    def __init__(
        self,
        services: ApplicationsPort,
        tasks: Tasks,
        voice: Voice,
        options: UiOptions,
        parent: QObject | None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._voice = voice
        self._options = options
        self._tr = Tr()
        self.wizard: Wizard | None = None
        self._card_answers: dict[str, object] = {}  # from a citizen's card, until used
        self._answered = False  # the citizen moved on from a question they answered
        self._introducing = False  # the intro shows: no question yet
        self.confirmation = WipeConfirmation(voice, self)
        self.receipts = ReceiptFlow(services, tasks, voice, self, options.printing_watchdog_seconds)
        self._build_screens()
        self._rehearsal = QTimer(self)  # the answer shown, worked out on the next turn
        self._rehearsal.setSingleShot(True)
        self._rehearsal.setInterval(0)
        self._connect()

    @property
    def screens(self) -> list[Screen]:
        shown = [self.intro, self.question, self.summary, self.consent, self.finishing, self.done]
        return [*shown, self.problem, self.confirmation.screen]

    def use_language(self, tr: Tr) -> None:
        self._tr = tr

    def start(self, service_id: str) -> None:
        if self.wizard is not None:
            return  # a second tap on the list: the first one already started
        try:
            self.wizard = self._services.start(
                service_id, self._tr.language, self._options.assisted
            )
        except Exception as error:  # not open yet, or gone from the catalogue
            log.warning("service could not start: %s", type(error).__name__)
            self.problem.show_message(NOT_STARTED, can_retry=False)
            self.show_screen.emit(self.problem.name)
            return
        self._answered = False
        self._voice.set_language(self.wizard.language)
        self._apply_card_answers()
        self._show_intro(self.wizard)

    @property
    def finalising(self) -> bool:
        """The application is being stored and printed."""
        return self.receipts.finalising

    @property
    def holding_code(self) -> bool:
        """A stored application's code shows, its receipt not printed."""
        return self.receipts.holding_code

    @property
    def holds_card_answers(self) -> bool:
        return bool(self._card_answers)

    @property
    def holds_answers(self) -> bool:
        """Leaving would lose what the citizen gave: a question answered (or a proposal
        confirmed) and moved on from, or a change to the one shown. A card's answers
        not confirmed yet do not count: the card gives them again."""
        if self.wizard is None:
            return False
        return self._answered or (self._answers_here() and self.question.input.dirty)

    def prefill(self, answers: dict[str, object]) -> None:
        """A registered citizen's card was tapped: its NIK and name fill the form being
        filled in now, or the next one started, for the citizen to confirm."""
        self._card_answers = dict(answers)
        if self.wizard is not None and self.wizard.stage is Stage.QUESTIONS:
            self._apply_card_answers()
            if not self._introducing:  # on the intro, the first question shows them
                self._render()

    def wipe(self) -> None:
        """Forget the form, and every answer of it still held by a hidden screen."""
        self._card_answers = {}
        self._answered = False
        self._introducing = False
        self._rehearsal.stop()
        self.intro.forget()
        self.confirmation.forget()
        self.question.forget()
        self.summary.forget()
        self.receipts.forget()
        if self.wizard is not None:
            self.wizard.wipe()
            self.wizard = None
            log.info("an unfinished form was wiped")
            self.form_wiped.emit()

    def abandon(self) -> None:
        self.wipe()
        self.finished.emit()

    def _ask_before(self, screen: str, wipe: Callable[[], None]) -> None:
        """A tap that would wipe the form: at once when nothing would be lost, else once
        the citizen said "Ya, hapus" (the idle timeout does not come here)."""
        if self.holds_answers:
            self.confirmation.ask(screen, wipe)
        else:
            wipe()

    def _show_intro(self, wizard: Wizard) -> None:
        step = wizard.current
        self._introducing = True
        self.intro.show_service(wizard.definition, step.total if step else 0, self._tr)
        self.intro.speak_button.setVisible(self._voice.enabled)
        self.show_screen.emit(self.intro.name)
        self._voice.say(self.intro.spoken_text())

    def _begin(self) -> None:
        """ "Mulai": the first question (or the one the citizen came back from)."""
        self._introducing = False
        self._render()

    def _leave_to_list(self) -> None:
        self.wipe()
        self.back_to_list.emit()

    def _apply_card_answers(self) -> None:
        if self.wizard is not None and self._card_answers:
            filled = self.wizard.prefill(self._card_answers)
            log.info("answers from a card filled in: %d", len(filled))
        self._card_answers = {}

    # -- building -----------------------------------------------------------

    def _build_screens(self) -> None:
        self.intro = ServiceIntroScreen()
        self.question = QuestionScreen()
        self.question.tell_card_reader(self._options.card_reader)
        self.summary = SummaryScreen()
        self.consent = ConsentScreen()
        self.finishing = self.receipts.finishing
        self.done, self.problem = self.receipts.done, self.receipts.problem

    def _connect(self) -> None:
        self.intro.start.connect(self._begin)
        self.intro.back.connect(lambda: self._ask_before(self.intro.name, self._leave_to_list))
        self.intro.speak.connect(lambda: self._voice.say(self.intro.spoken_text()))
        self.question.next.connect(self._on_next)
        self.question.back.connect(self._on_back)
        self.question.speak.connect(self._speak_question)
        self.question.answer_changed.connect(self._rehearsal.start)
        self._rehearsal.timeout.connect(self._rehearse)
        self.summary.next.connect(self._move_on)
        self.summary.back.connect(self._step_back)
        self.summary.edit.connect(self._edit)
        self.consent.back.connect(self._step_back)
        self.consent.cancel.connect(lambda: self._ask_before(self.consent.name, self.abandon))
        self.consent.agree.connect(self._agree)
        self.consent.speak.connect(lambda: self._voice.say(self.consent.spoken_text()))
        self.problem.back_to_start.connect(
            lambda: self._ask_before(self.problem.name, self.abandon)
        )
        self.confirmation.show_screen.connect(self.show_screen)
        receipts = self.receipts
        receipts.show_screen.connect(self.show_screen)
        receipts.stored.connect(self._on_stored)
        receipts.closed.connect(self.finished)
        receipts.submitted.connect(self.submitted)
        receipts.finalise_failed.connect(self.finalise_failed)

    # -- the stages ---------------------------------------------------------

    def _render(self, problems: list[str] | None = None) -> None:
        """Show the screen of the wizard's stage; `problems` under the question if any."""
        wizard = self.wizard
        if wizard is None:
            return
        self.question.set_voice_available(self._voice.enabled)  # nothing that cannot work
        self.consent.speak_button.setVisible(self._voice.enabled)
        if wizard.stage is Stage.QUESTIONS and (step := wizard.current) is not None:
            self.question.show_step(step, self._tr, wizard.today)
            if problems:
                self.question.show_problems(problems)
            self.show_screen.emit(self.question.name)
            self._speak_question(problems or [])
            self._rehearsal.start()  # Next may keep the answer held or proposed
        elif wizard.stage is Stage.SUMMARY:
            self.summary.show_rows(wizard.summary(), self._tr, wizard.definition)
            self.show_screen.emit(self.summary.name)
            self._voice.say(self.summary.spoken_text())  # never an answer: no NIK aloud
        elif wizard.stage is Stage.CONSENT:
            self.consent.show_statement(wizard.consent_text())
            self.show_screen.emit(self.consent.name)
            self._voice.say(self.consent.spoken_text())

    def _speak_question(self, problems: list[str] | None = None) -> None:
        """The question's recording when it has one, else its text; problems and a
        proposal are always read."""
        question, step, problems = self.question, self.question.step, problems or []
        text = " ".join([question.spoken_text(), *problems])
        if step is None or not step.audio:
            self._voice.say(text)
            return
        after = " ".join(part for part in (question.spoken_extras(), *problems) if part)
        self._voice.play(self._options.recordings / step.audio, text, after)

    def _answers_here(self) -> bool:
        """Whether the question screen holds an answer to give (not a note, not a proposal)."""
        step = self.question.step
        if step is None or step.read_only or step.type is FieldType.NOTE:
            return False
        return not self.question.showing_proposal

    def _rehearse(self) -> None:
        """Work out the answer on screen before the citizen taps Next, while they look
        for it (`Wizard.rehearse`): Next then finds the checks and calculations done.
        Only a head start: if it fails, Next does all the work itself."""
        wizard, step = self.wizard, self.question.step
        if wizard is None or step is None or wizard.stage is not Stage.QUESTIONS:
            return
        if self._answers_here():
            value = self.question.input.value()
        elif self.question.showing_proposal:
            value = step.answer
        else:
            return
        try:
            wizard.rehearse(value)
        except Exception as error:  # never in the citizen's way
            log.warning("an answer could not be worked out ahead: %s", type(error).__name__)

    def _on_next(self) -> None:
        wizard, step = self.wizard, self.question.step
        if wizard is None or step is None or wizard.stage is not Stage.QUESTIONS:
            return
        problems = wizard.answer(self.question.input.value()) if self._answers_here() else []
        problems = problems or wizard.next()
        current = wizard.current
        if problems and current is not None and current.name == step.name:
            self.question.show_problems(problems)
            self._voice.say(" ".join(problems))
        else:
            self._answered |= not step.read_only and step.type is not FieldType.NOTE
            self._render(problems)

    def _on_back(self) -> None:
        wizard = self.wizard
        if wizard is None or wizard.stage is not Stage.QUESTIONS:
            return
        if self._answers_here() and self.question.input.dirty:
            wizard.answer(self.question.input.value())  # keep it if it is good; else dropped
        if wizard.back():
            self._render()
        else:  # before the first question: back to the list, the form forgotten
            self._ask_before(self.question.name, self._leave_to_list)

    def _move_on(self) -> None:
        if self.wizard is not None and self.summary.read_to_end:  # every answer was seen
            self._render(self.wizard.next())

    def _step_back(self) -> None:
        if self.wizard is not None and self.wizard.back():
            self._render()

    def _edit(self, field_name: str) -> None:
        if self.wizard is not None:
            self.wizard.edit(field_name)
            self._render()

    # -- finishing ----------------------------------------------------------

    def _agree(self) -> None:
        if self.wizard is None or self.wizard.stage is not Stage.CONSENT:
            return
        self.wizard.accept_consent()
        self.receipts.finalise(self.wizard)

    def _on_stored(self) -> None:
        """Stored: the wizard is the receipt flow's now (wiped there)."""
        self.wizard = None
