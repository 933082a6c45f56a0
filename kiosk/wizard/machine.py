"""The wizard: one question per screen, then a summary, consent, and a finished form.

Qt-free: the screens call `answer`, `next`, `back`, `edit` and render `current`,
`summary()` and `consent_text`. Answers live in memory only until `result()`; the
idle timeout calls `wipe()`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date, datetime

from kiosk.catalogue.errors import InvalidAnswer
from kiosk.catalogue.model import ASKED_TYPES, Field, FieldType, ServiceDefinition
from kiosk.catalogue.validators import NikInfo, check_nik
from kiosk.clock import Clock
from kiosk.office_time import business_date, office_zone
from kiosk.wizard.consent import consent_text
from kiosk.wizard.conversion import Answer, convert, to_json
from kiosk.wizard.display import display_value, unmasked_value
from kiosk.wizard.errors import WizardWiped, WrongStage
from kiosk.wizard.form import CompletedForm
from kiosk.wizard.messages import CONSENT_NEEDED, READ_ONLY, text_in, translated
from kiosk.wizard.sheet import SELECT_TYPES, AnswerSheet
from kiosk.wizard.validation import problems_of
from kiosk.wizard.views import Stage, Step, SummaryRow, step_view

log = logging.getLogger(__name__)

DEFAULT_TIMEZONE = "Asia/Jakarta"
EDITABLE_STAGES = frozenset({Stage.SUMMARY, Stage.CONSENT})


class Wizard:
    """One citizen's pass through one service definition."""

    def __init__(
        self,
        definition: ServiceDefinition,
        language: str,
        clock: Clock,
        assisted: bool = False,
        timezone: str = DEFAULT_TIMEZONE,
    ) -> None:
        self.definition = definition
        self.language = language
        self.assisted = assisted
        self._clock = clock
        self._zone = office_zone(timezone)
        self._sheet = AnswerSheet(definition)
        self._stage = Stage.QUESTIONS
        self._position: str | None = None
        self._visited: set[str] = set()
        self._rejected: dict[str, tuple[str, ...]] = {}
        self._editing = False
        self._consented_at: datetime | None = None
        self._faults_logged: set[str] = set()  # definition faults told the technician
        self._sheet.recompute(self._today())
        self._go_to(self._steps()[0] if self._steps() else None)

    def __repr__(self) -> str:
        return f"Wizard({self.definition.id!r}, stage={self._stage.value})"

    @property
    def stage(self) -> Stage:
        return self._stage

    @property
    def today(self) -> date:
        """The office's date now (its time zone, not the machine's): where a date
        question starts, and what "not in the future" means."""
        return self._today()

    @property
    def current(self) -> Step | None:
        """The step on screen, or None outside the questions stage."""
        self._check_alive()
        if self._stage is not Stage.QUESTIONS:
            return None
        return self._step_view(self._current_field())

    def answer(self, value: object) -> list[str]:
        """Give the current step's answer; returns problems in plain words (empty: kept).

        A refused answer changes nothing stored, and Next stays refused until a good
        answer is given. An empty answer clears an optional question.
        """
        field = self._current_field_for_action()
        problems = self._accept(field, value)
        if problems and not field.read_only:  # a read-only value stays good for Next
            self._rejected[field.name] = tuple(problems)
        else:
            self._rejected.pop(field.name, None)
            self._refresh()
        return problems

    def rehearse(self, value: object) -> None:
        """Work out now what `answer(value)` would: the current question's checks and,
        for a good answer, everything that follows from it. Nothing changes; the results
        are remembered, so that the `answer` and Next that follow find them ready.

        The screens call it while the citizen is still looking for Next (cel-python
        takes 0.2-0.8 ms an expression; a tap on Next should not wait for it).
        """
        self._check_alive()
        if self._stage is not Stage.QUESTIONS:
            return
        field = self._current_field()
        if field.type is FieldType.NOTE or field.read_only:
            return
        today = self._today()
        converted, nik, problems = self._checked(field, value, today)
        if problems:
            return
        draft = self._sheet.draft()
        try:
            draft.set_answer(field, converted, nik)
            draft.recompute(today)
        finally:
            draft.discard()

    def prefill(self, values: Mapping[str, object]) -> list[str]:
        """Fill answers from a registered card (e.g. ``nik``, ``nama``); returns the names
        filled, in the form's order.

        Only a field that is shown now, not read-only, not answered yet and for which the
        value is a good answer is filled; anything else is ignored. A filled answer is
        shown on its own step for the citizen to confirm (Next) or change, and the summary
        sends the citizen back to it until then. A prefilled NIK proposes the birth date
        and sex as a typed one does.
        """
        self._check_alive()
        if self._stage is not Stage.QUESTIONS:
            raise WrongStage(f"prefill() needs the questions, not {self._stage.value}")
        filled = []
        for field in self._steps():
            if field.name not in values or not self._prefillable(field):
                continue
            if self._prefill_one(field, values[field.name]):
                filled.append(field.name)
                self._refresh()
        return filled

    def next(self) -> list[str]:
        """Move on when the current answer is good; returns the problems otherwise."""
        self._check_alive()
        if self._stage is Stage.QUESTIONS:
            return self._next_question()
        if self._stage is Stage.SUMMARY:
            return self._leave_summary()
        if self._stage is Stage.CONSENT:
            return [translated(CONSENT_NEEDED, self.language)]
        return []

    def back(self) -> bool:
        """One step back (from the summary to the last question); False if there is none."""
        self._check_alive()
        if self._stage is Stage.QUESTIONS:
            return self._previous_question()
        if self._stage is Stage.SUMMARY and self._steps():
            self._editing = False
            self._stage = Stage.QUESTIONS
            self._go_to(self._steps()[-1])
            return True
        if self._stage is Stage.CONSENT:
            self._stage = Stage.SUMMARY
            return True
        return False

    def summary(self) -> list[SummaryRow]:
        """Every relevant question with its answer in words; NIK and KK masked (each row
        carries the whole number apart, for the screen to show on the citizen's tap)."""
        self._check_alive()
        return [
            SummaryRow(
                field_name=field.name,
                label=text_in(field.label, self.language),
                value=display_value(field, self._sheet.answers.get(field.name), self.language),
                editable=not field.read_only,
                unmasked=unmasked_value(field, self._sheet.answers.get(field.name)),
            )
            for field in self._steps()
            if field.type is not FieldType.NOTE
        ]

    def edit(self, field_name: str) -> None:
        """Reopen one answer from the summary (or consent); Next returns to the summary
        once every question this change brought in has been seen."""
        self._check_alive()
        if self._stage not in EDITABLE_STAGES:
            raise WrongStage(f"edit() needs the summary, not {self._stage.value}")
        field = next((f for f in self._steps() if f.name == field_name), None)
        if field is None or field.type is FieldType.NOTE or field.read_only:
            raise KeyError(field_name)
        self._stage = Stage.QUESTIONS
        self._editing = True
        self._go_to(field)

    def consent_text(self) -> str:
        """The UU PDP statement in the wizard's language, naming this form's questions."""
        return consent_text(self.language, [row.label for row in self.summary()])

    def accept_consent(self) -> None:
        self._check_alive()
        if self._stage is not Stage.CONSENT:
            raise WrongStage(f"accept_consent() needs the consent stage, not {self._stage.value}")
        self._consented_at = self._clock.now()
        self._stage = Stage.COMPLETE

    def result(self) -> CompletedForm:
        """The finished form, only after consent."""
        self._check_alive()
        if self._stage is not Stage.COMPLETE or self._consented_at is None:
            raise WrongStage("result() needs the citizen's consent first")
        answers = self._sheet.answers
        kept = [f for f in self._sheet.relevant if f.type is not FieldType.NOTE]
        niks = [f.name for f in kept if f.type is FieldType.NIK and f.name in answers]
        nik = answers.get(niks[0]) if niks else None
        return CompletedForm(
            service_id=self.definition.id,
            service_version=self.definition.version,
            answers={f.name: to_json(answers[f.name]) for f in kept if f.name in answers},
            assisted=self.assisted,
            language=self.language,
            nik=nik if isinstance(nik, str) else None,
            consented_at=self._consented_at,
        )

    def wipe(self) -> None:
        """Forget every answer (idle timeout, or done); the wizard cannot be used again."""
        self._sheet.wipe()
        self._visited.clear()
        self._rejected.clear()
        self._position = None
        self._consented_at = None
        self._stage = Stage.WIPED

    # -- answers

    def _accept(self, field: Field, value: object) -> list[str]:
        if field.type is FieldType.NOTE:
            return []
        if field.read_only:
            return [translated(READ_ONLY, self.language)]
        converted, nik, problems = self._checked(field, value, self._today())
        if not problems:
            self._sheet.set_answer(field, converted, nik)
        return problems

    def _checked(
        self, field: Field, value: object, today: date
    ) -> tuple[Answer | None, NikInfo | None, list[str]]:
        """The answer as stored and what its NIK says, or the problems with it."""
        try:
            converted = convert(field, value, self._sheet.choices.get(field.name, ()), today)
        except InvalidAnswer as error:
            return None, None, [error.text(self.language)]
        problems = self._problems(field, converted)
        if problems:
            return None, None, problems
        nik = None
        if field.type is FieldType.NIK and isinstance(converted, str):
            nik = check_nik(converted, today)  # valid: convert() checked it
        return converted, nik, []

    def _prefillable(self, field: Field) -> bool:
        return (
            field.type in ASKED_TYPES
            and not field.read_only
            and field.name not in self._sheet.answers
            and field.name in {f.name for f in self._steps()}  # still shown after earlier fills
        )

    def _prefill_one(self, field: Field, value: object) -> bool:
        converted, nik, problems = self._checked(field, value, self._today())
        if problems or converted is None:
            return False
        self._sheet.prefill(field, converted, nik)
        return True

    def _problems(self, field: Field, value: Answer | None) -> list[str]:
        variables = self._sheet.variables(self._today())
        return problems_of(field, value, variables, self.language, self._sheet.memo)

    def _held_problems(self, field: Field) -> list[str]:
        """What keeps the citizen from leaving `field` with the answer held now.

        Nothing the citizen cannot fix does: a read-only value whose calculation gave
        nothing or breaks its own constraint, or a choice list a cascade left empty.
        That is the definition's fault, logged for the technician (the name, never the
        value) instead of a dead end."""
        problems = self._problems(field, self._sheet.answers.get(field.name))
        if not problems:
            return []
        if field.read_only:
            fault = "is read-only and fails its own checks"
        elif field.type in SELECT_TYPES and not self._sheet.choices.get(field.name):
            fault = "has no choice left to pick"
        else:
            return problems
        if field.name not in self._faults_logged:  # once a form, not at every Next
            self._faults_logged.add(field.name)
            log.warning(
                "service %s: field %s %s; not held against the citizen",
                self.definition.id,
                field.name,
                fault,
            )
        return []

    def _refresh(self) -> None:
        """Settle derived values; fields dropped or re-proposed are to be seen again."""
        self._visited -= self._sheet.recompute(self._today())
        if self._stage is Stage.QUESTIONS:
            self._go_to(self._current_field_or_none())

    # -- moving

    def _next_question(self) -> list[str]:
        field = self._current_field()
        problems = list(self._rejected.get(field.name, ()))
        problems = problems or self._held_problems(field)
        if problems:
            return problems
        self._visited.add(field.name)
        self._sheet.unconfirmed.discard(field.name)  # Next on a NIK proposal confirms it
        later = self._steps_after(field)
        if self._editing:
            later = [f for f in later if f.name not in self._visited]
        if later:
            self._go_to(later[0])
        else:
            self._editing = False
            self._stage = Stage.SUMMARY
        return []

    def _previous_question(self) -> bool:
        field = self._current_field()
        steps = self._steps()
        index = steps.index(field)
        if index == 0:
            return False
        self._rejected.pop(field.name, None)
        self._go_to(steps[index - 1])
        return True

    def _leave_summary(self) -> list[str]:
        """On to consent, unless a question still needs an answer or a confirmation."""
        for field in self._steps():
            problems = self._held_problems(field)
            if problems or field.name in self._sheet.unconfirmed:
                self._stage = Stage.QUESTIONS
                self._editing = True
                self._go_to(field)
                return problems
        self._stage = Stage.CONSENT
        return []

    def _go_to(self, field: Field | None) -> None:
        if field is None:
            self._position = None
            self._stage = Stage.SUMMARY
        else:
            self._position = field.name

    # -- where we are

    def _steps(self) -> list[Field]:
        """The relevant fields shown, in order: every asked type, and notes."""
        return [
            field
            for field in self._sheet.relevant
            if field.type in ASKED_TYPES or field.type is FieldType.NOTE
        ]

    def _steps_after(self, field: Field) -> list[Field]:
        order = {f.name: index for index, f in enumerate(self.definition.fields)}
        return [f for f in self._steps() if order[f.name] > order[field.name]]

    def _current_field_or_none(self) -> Field | None:
        """The step at the position; if it is no longer shown, the next one that is."""
        if self._position is None:
            return None
        steps = self._steps()
        for field in steps:
            if field.name == self._position:
                return field
        return next(iter(self._steps_after(self.definition.field(self._position))), None)

    def _current_field(self) -> Field:
        field = self._current_field_or_none()
        if field is None:
            raise WrongStage("no question is open")
        return field

    def _current_field_for_action(self) -> Field:
        self._check_alive()
        if self._stage is not Stage.QUESTIONS:
            raise WrongStage(f"answer() needs a question, not {self._stage.value}")
        return self._current_field()

    def _step_view(self, field: Field) -> Step:
        steps = self._steps()
        return step_view(
            field,
            self._sheet,
            self.language,
            assisted=self.assisted,
            problems=self._rejected.get(field.name, ()),
            position=(steps.index(field) + 1, len(steps)),
        )

    def _today(self) -> date:
        return business_date(self._clock.now(), self._zone)

    def _check_alive(self) -> None:
        if self._stage is Stage.WIPED:
            raise WizardWiped("this form was wiped")
