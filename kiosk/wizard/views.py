"""What the screens are given: the stage, the current step, the summary rows."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum

from kiosk.catalogue.model import Field, FieldType
from kiosk.wizard.conversion import Answer, answer_text
from kiosk.wizard.messages import optional_text_in, text_in
from kiosk.wizard.sheet import AnswerSheet, Origin


class Stage(StrEnum):
    QUESTIONS = "questions"  # one step at a time
    SUMMARY = "summary"  # every answer, each one can be changed
    CONSENT = "consent"  # the UU PDP statement, to be accepted
    COMPLETE = "complete"  # consented: result() is ready
    WIPED = "wiped"  # forgotten (idle timeout or done): unusable


@dataclass(frozen=True)
class ChoiceView:
    value: str
    label: str


@dataclass(frozen=True)
class Step:
    """One question (or note) in the wizard's language, as "Langkah `index` dari `total`"."""

    field: Field
    label: str
    hint: str | None
    staff_hint: str | None  # only when a clerk is filling the form in (assisted)
    audio: str | None  # path of a recording in this language, relative to the catalogue
    choices: tuple[ChoiceView, ...]  # what the choice filter leaves
    answer: Answer | None = dataclasses.field(repr=False)  # the answer held now (typed value)
    answer_text: str = dataclasses.field(repr=False)  # the same for an input box ("" when none)
    problems: tuple[str, ...]  # why the last answer given was refused, if it was
    proposed_from_nik: bool  # taken from the NIK: ask "is this right?", not to type it
    prefilled_from_card: bool  # from the citizen's registered card, shown to be confirmed
    from_card: bool  # the answer held is still the card's, confirmed or not (shown masked)
    index: int  # 1-based
    total: int

    @property
    def name(self) -> str:
        return self.field.name

    @property
    def type(self) -> FieldType:
        return self.field.type

    @property
    def required(self) -> bool:
        return self.field.required or self.field.type is FieldType.ACKNOWLEDGE

    @property
    def read_only(self) -> bool:
        return self.field.read_only


@dataclass(frozen=True)
class SummaryRow:
    """One answer on the summary screen; NIK and KK numbers already masked."""

    field_name: str  # for Wizard.edit()
    label: str
    value: str = dataclasses.field(repr=False)
    editable: bool
    # The whole NIK or KK number behind a masked value, for the citizen's own "Show"
    # tap; "" for every other answer.
    unmasked: str = dataclasses.field(default="", repr=False)


def step_view(
    field: Field,
    sheet: AnswerSheet,
    language: str,
    assisted: bool,
    problems: tuple[str, ...],
    position: tuple[int, int],
) -> Step:
    """The step for `field` as it stands in `sheet`; `position` is (index, total)."""
    answer = sheet.answers.get(field.name)
    return Step(
        field=field,
        label=text_in(field.label, language),
        hint=optional_text_in(field.hint, language),
        staff_hint=optional_text_in(field.staff_hint, language) if assisted else None,
        audio=field.audio.get(language),
        choices=tuple(
            ChoiceView(choice.value, text_in(choice.label, language))
            for choice in sheet.choices.get(field.name, ())
        ),
        answer=answer,
        answer_text=answer_text(answer),
        problems=problems,
        proposed_from_nik=field.name in sheet.unconfirmed
        and sheet.origin(field.name) is Origin.NIK,
        prefilled_from_card=field.name in sheet.unconfirmed
        and sheet.origin(field.name) is Origin.CARD,
        from_card=sheet.origin(field.name) is Origin.CARD,
        index=position[0],
        total=position[1],
    )
