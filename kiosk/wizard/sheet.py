"""The answers of one form, in memory only, and everything that follows from them.

After every change the whole definition is walked in order: relevance (answers of
fields that are no longer relevant are dropped), calculations, hidden values,
defaults, the options left by choice filters (an answer filtered out is dropped),
and the values a NIK proposes. Expressions only read earlier fields (the loader
checks that), so one walk settles everything; an expression whose inputs did not
change gives its remembered result (`ExpressionMemo`), so the walk stays cheap. One
walk's evaluations share MAX_WALK_STEPS: past it, each fails as a definition fault
would (asked, offered, not calculated), so that no answer freezes the screen.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

from kiosk.catalogue.budget import MAX_WALK_STEPS, shared_steps
from kiosk.catalogue.errors import InvalidAnswer
from kiosk.catalogue.model import ASKED_TYPES, Choice, Field, FieldType, ServiceDefinition
from kiosk.catalogue.validators import NikInfo
from kiosk.wizard.conversion import Answer, convert
from kiosk.wizard.evaluation import available_choices, calculated, is_relevant
from kiosk.wizard.memo import ExpressionMemo
from kiosk.wizard.nik_prefill import is_prefilled, proposal

SELECT_TYPES = frozenset({FieldType.SELECT_ONE, FieldType.SELECT_MULTIPLE})


class Origin(Enum):
    """Where an asked field's value came from."""

    DEFAULT = "default"
    NIK = "nik"  # proposed from the NIK, confirmed or not yet
    CITIZEN = "citizen"  # typed or picked (or cleared) by the citizen
    CARD = "card"  # prefilled from a registered card, confirmed or not yet


class AnswerSheet:
    """Never written anywhere: `wipe` forgets it all."""

    def __init__(self, definition: ServiceDefinition) -> None:
        self.definition = definition
        self.answers: dict[str, Answer] = {}
        self.relevant: tuple[Field, ...] = ()
        self.choices: dict[str, tuple[Choice, ...]] = {}
        self.unconfirmed: set[str] = set()  # NIK proposals and card values not confirmed yet
        self.memo = ExpressionMemo()  # results by their inputs: only changed ones run again
        self._origin: dict[str, Origin] = {}
        self._nik_infos: dict[str, NikInfo] = {}

    def __repr__(self) -> str:
        return f"AnswerSheet({self.definition.id!r}, {len(self.answers)} answers)"

    def variables(self, today: date) -> dict[str, Any]:
        """What expressions see: every field by name (None when unanswered), and `today`."""
        names = {field.name: self.answers.get(field.name) for field in self.definition.fields}
        return {**names, "today": today}

    def set_answer(self, field: Field, value: Answer | None, nik: NikInfo | None = None) -> None:
        """The citizen's own answer (None clears it); a NIK proposal or a card's value
        given back unchanged counts as confirmed and keeps its origin (a card's NIK stays
        masked on screen)."""
        self.unconfirmed.discard(field.name)
        kept = self._origin.get(field.name) in (Origin.NIK, Origin.CARD)
        if kept and value == self.answers.get(field.name):
            return
        self._origin[field.name] = Origin.CITIZEN
        self._nik_infos.pop(field.name, None)
        if value is None:
            self.answers.pop(field.name, None)
            return
        self.answers[field.name] = value
        if nik is not None:
            self._nik_infos[field.name] = nik

    def prefill(self, field: Field, value: Answer, nik: NikInfo | None = None) -> None:
        """A value from a registered card, to be confirmed by the citizen (Next)."""
        self.answers[field.name] = value
        self._origin[field.name] = Origin.CARD
        self.unconfirmed.add(field.name)
        if nik is not None:
            self._nik_infos[field.name] = nik

    def origin(self, name: str) -> Origin | None:
        return self._origin.get(name)

    def recompute(self, today: date) -> set[str]:
        """Settle every derived value; returns the asked fields to be asked again
        (dropped, or given a new proposal)."""
        with shared_steps(MAX_WALK_STEPS, "in one walk of the form"):
            return self._walk(today)

    def _walk(self, today: date) -> set[str]:
        variables: dict[str, Any] = {"today": today}
        relevant: list[Field] = []
        reask: set[str] = set()
        source: NikInfo | None = None
        for field in self.definition.fields:
            variables[field.name] = None
            if not is_relevant(field, variables, self.memo):
                self.choices.pop(field.name, None)
                if self._forget(field.name):
                    reask.add(field.name)
                continue
            relevant.append(field)
            self._settle(field, variables, source, reask)
            if field.type is FieldType.NIK:
                source = self._nik_infos.get(field.name)
            variables[field.name] = self.answers.get(field.name)
        self.relevant = tuple(relevant)
        return reask

    def draft(self) -> AnswerSheet:
        """A copy to try an answer on (`Wizard.rehearse`): changing it leaves this sheet
        as it is, but what it works out is remembered in this sheet's memo, which it
        shares. `discard` it after use."""
        copy = AnswerSheet(self.definition)
        copy.answers = dict(self.answers)
        copy.relevant = self.relevant
        copy.choices = dict(self.choices)
        copy.unconfirmed = set(self.unconfirmed)
        copy.memo = self.memo
        copy._origin = dict(self._origin)
        copy._nik_infos = dict(self._nik_infos)
        return copy

    def discard(self) -> None:
        """Forget a draft's answers; the memo it shares is kept for its sheet."""
        self.memo = ExpressionMemo()
        self.wipe()

    def wipe(self) -> None:
        self.answers.clear()
        self.choices.clear()
        self.unconfirmed.clear()
        self._origin.clear()
        self._nik_infos.clear()
        self.memo.clear()
        self.relevant = ()

    def _settle(
        self, field: Field, variables: dict[str, Any], source: NikInfo | None, reask: set[str]
    ) -> None:
        if field.type is FieldType.CALCULATE:
            self._put(field.name, calculated(field, variables, self.memo))
        elif field.type is FieldType.HIDDEN:
            self._put(field.name, field.default)
        elif field.type in ASKED_TYPES:
            choices = available_choices(field, variables, self.memo)
            self.choices[field.name] = choices
            if field.read_only and field.calculation is not None:  # shown, worked out
                self._put(field.name, calculated(field, variables, self.memo))
                return
            if field.type in SELECT_TYPES and self._keep_available(field, choices):
                reask.add(field.name)
            if is_prefilled(field) and self._propose(field, source, choices):
                reask.add(field.name)
            self._apply_default(field, choices, variables["today"])

    def _put(self, name: str, value: Answer | None) -> None:
        if value is None:
            self.answers.pop(name, None)
        else:
            self.answers[name] = value

    def _forget(self, name: str) -> bool:
        """Drop a field's answer and its history; True if there was any."""
        had = name in self.answers or name in self._origin
        self.answers.pop(name, None)
        self._origin.pop(name, None)
        self._nik_infos.pop(name, None)
        self.unconfirmed.discard(name)
        return had

    def _keep_available(self, field: Field, choices: tuple[Choice, ...]) -> bool:
        """Drop options a cascade no longer offers; True if the answer changed."""
        answer = self.answers.get(field.name)
        offered = [choice.value for choice in choices]
        if isinstance(answer, str) and answer not in offered:
            self._forget(field.name)
            return True
        if isinstance(answer, list):
            kept = [value for value in answer if value in offered]
            if kept != answer:
                self._put(field.name, kept or None)
                return True
        return False

    def _propose(self, field: Field, source: NikInfo | None, choices: tuple[Choice, ...]) -> bool:
        """Fill a prefilled field from the NIK; True if its value changed."""
        origin = self._origin.get(field.name)
        if origin in (Origin.CITIZEN, Origin.CARD):
            return False
        proposed = proposal(field, source, choices) if source is not None else None
        if proposed is None:
            if field.name in self.unconfirmed:  # the NIK it came from is gone
                self._forget(field.name)
                return True
            return False
        if self.answers.get(field.name) == proposed:
            return False
        self.answers[field.name] = proposed
        self._origin[field.name] = Origin.NIK
        self.unconfirmed.add(field.name)
        return True

    def _apply_default(self, field: Field, choices: tuple[Choice, ...], today: date) -> None:
        """A default is the first value of a field that has had none since it was relevant."""
        if field.default is None or field.name in self._origin:
            return
        try:
            value = convert(field, field.default, choices, today)
        except InvalidAnswer:
            return  # e.g. a default option the cascade does not offer now
        if value is not None:
            self.answers[field.name] = value
            self._origin[field.name] = Origin.DEFAULT
