"""An opened application checked against the definition version it was made with.

The centre replays the kiosk's own rules (kiosk.wizard: relevance, choice filters,
conversion, required and constraint checks), walking the fields in order as the
wizard's sheet does, so an application the kiosk accepted is accepted here and a
changed or hand-made one is not. A reason names the field and the rule, in English
for the clerk, never the value given (it may be a NIK).

`today` in the constraints is the kiosk's date when the application was made.
Indonesia spans UTC+7 to UTC+9, and the kiosk sends UTC: the answers pass if they
pass on the date of any of its three zones at that moment.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Any

from kiosk.catalogue.budget import MAX_WALK_STEPS, shared_steps
from kiosk.catalogue.errors import InvalidAnswer
from kiosk.catalogue.model import ASKED_TYPES, Field, FieldType, ServiceDefinition
from kiosk.catalogue.validators import check_nik
from kiosk.wizard.conversion import Answer, convert
from kiosk.wizard.evaluation import available_choices, calculated, is_relevant
from kiosk.wizard.memo import ExpressionMemo
from kiosk.wizard.messages import text_in
from kiosk.wizard.validation import problems_of

INDONESIAN_ZONES = tuple(timezone(timedelta(hours=hours)) for hours in (7, 8, 9))
CLERK_LANGUAGE = "en"
MAX_NAMED = 3  # unknown fields named in a reason


@dataclass(frozen=True)
class Rejection:
    code: str  # a slug, for the kiosk to translate
    reason: str  # a sentence a clerk can read


def check_content(
    content: Mapping[str, Any],
    definition: ServiceDefinition,
    created_at: datetime,
    memo: ExpressionMemo | None = None,
) -> Rejection | None:
    """None if `content` is an application `definition` accepts; else why not.

    A `memo` shared by the applications of one batch evaluates each expression once per
    distinct input (most are the same from one application to the next); it holds
    answers, so it lives no longer than the batch.
    """
    shape = _shape_problem(content)
    if shape is not None:
        return Rejection("content-malformed", f"The application's content {shape}.")
    answers: dict[str, Any] = content["answers"]
    unknown = sorted(set(answers) - {field.name for field in definition.fields})
    if unknown:
        names = ", ".join(unknown[:MAX_NAMED]) + (", ..." if len(unknown) > MAX_NAMED else "")
        return Rejection(
            "unknown-field",
            f"The answers name fields that {definition.id} version {definition.version} "
            f"does not have: {names}.",
        )
    days = _local_days(created_at)
    first: Rejection | None = None
    for today in days:
        rejection = _nik_problem(content["nik"], today) or _walk(
            definition, answers, today, ExpressionMemo() if memo is None else memo
        )
        if rejection is None:
            return None
        first = first or rejection
    return first


def _local_days(created_at: datetime) -> list[date]:
    """The dates in Indonesia's zones at `created_at` (UTC; the calendar's edge is kept)."""
    days = set()
    for zone in INDONESIAN_ZONES:
        try:
            days.add(created_at.astimezone(zone).date())
        except OverflowError:
            continue
    return sorted(days) or [created_at.date()]


def _shape_problem(content: Mapping[str, Any]) -> str | None:
    answers = content.get("answers")
    if not isinstance(answers, dict):
        return "has no answers"
    if not isinstance(content.get("nik"), str | None):
        return "has a NIK that is not text"
    if not isinstance(content.get("language"), str):
        return "names no language"
    if not isinstance(content.get("assisted"), bool):
        return "does not say whether staff assisted"
    return None


def _nik_problem(nik: str | None, today: date) -> Rejection | None:
    if nik is None:
        return None
    try:
        check_nik(nik, today)
    except InvalidAnswer:
        return Rejection("invalid-answer", "The applicant's NIK is not a valid NIK.")
    return None


def _walk(
    definition: ServiceDefinition, answers: dict[str, Any], today: date, memo: ExpressionMemo
) -> Rejection | None:
    """The wizard's walk: each field sees the answers before it, as on the kiosk."""
    variables: dict[str, Any] = {"today": today}
    with shared_steps(MAX_WALK_STEPS, "in one check of an application"):
        for field in definition.fields:
            variables[field.name] = None
            if not is_relevant(field, variables, memo):
                continue
            if _asked(field):
                value, rejection = _checked(field, answers.get(field.name), variables, memo)
                if rejection is not None:
                    return rejection
            else:
                value = _worked_out(field, variables, memo)
            variables[field.name] = value
    return None


def _asked(field: Field) -> bool:
    return field.type in ASKED_TYPES and not (field.read_only and field.calculation is not None)


def _worked_out(field: Field, variables: dict[str, Any], memo: ExpressionMemo) -> Answer | None:
    """What the kiosk worked out itself: a calculation, a hidden value, a shown result."""
    if field.type is FieldType.HIDDEN:
        return field.default
    return calculated(field, variables, memo)


def _checked(
    field: Field, raw: object, variables: dict[str, Any], memo: ExpressionMemo
) -> tuple[Answer | None, Rejection | None]:
    today = variables["today"]
    try:
        value = convert(
            field, _from_json(field, raw), available_choices(field, variables, memo), today
        )
    except InvalidAnswer as error:
        return None, _field_rejection("invalid-answer", field, error.text(CLERK_LANGUAGE))
    problems = problems_of(field, value, variables, CLERK_LANGUAGE, memo)
    if problems:
        code = "missing-answer" if value is None else "invalid-answer"
        return None, _field_rejection(code, field, problems[0])
    return value, None


def _from_json(field: Field, raw: object) -> object:
    """A decimal as stored is `str(Decimal)`: "1.500" is one and a half, not 1500."""
    if field.type is FieldType.DECIMAL and isinstance(raw, str):
        try:
            number = Decimal(raw)
        except InvalidOperation:
            return raw
        return number if number.is_finite() else raw
    return raw


def _field_rejection(code: str, field: Field, problem: str) -> Rejection:
    label = text_in(field.label, CLERK_LANGUAGE)
    return Rejection(code, f"The answer to “{label}” ({field.name}) does not pass: {problem}")
