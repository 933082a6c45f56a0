"""Checks a schema cannot express: field names, choices, defaults, and a probe run of
every expression with typical and with empty answers."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from kiosk.catalogue.errors import ExpressionError
from kiosk.catalogue.model import Choice, Expression, Field, FieldType, ServiceDefinition

SELECT_TYPES = frozenset({FieldType.SELECT_ONE, FieldType.SELECT_MULTIPLE})
NEVER_ASKED = frozenset({FieldType.NOTE, FieldType.CALCULATE, FieldType.HIDDEN})
TRUTH_EXPRESSIONS = ("relevant", "constraint", "choice_filter")
SAMPLE_ANSWERS: Mapping[FieldType, Any] = {
    FieldType.TEXT: "contoh",
    FieldType.INTEGER: 1,
    FieldType.DECIMAL: Decimal("1.5"),
    FieldType.DATE: date(2000, 1, 1),
    FieldType.NIK: "3171011708450001",
    FieldType.KK_NUMBER: "3171011708200001",
    FieldType.PHONE: "+6281234567890",
    FieldType.ACKNOWLEDGE: True,
}

Problem = tuple[str, str]  # (location, what is wrong)


def field_problems(raw_fields: list[dict[str, Any]]) -> Iterator[Problem]:
    """Problems of the fields as written (after the schema accepted them)."""
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_fields):
        name = raw["name"]
        if name in seen:
            yield f"fields/{index}/name", f"duplicate name {name!r} (also fields/{seen[name]})"
        seen.setdefault(name, index)
        yield from _type_problems(raw, f"fields/{index}")


def _type_problems(raw: dict[str, Any], where: str) -> Iterator[Problem]:
    kind = FieldType(raw["type"])
    if kind in SELECT_TYPES and not raw.get("choices"):
        yield f"{where}/choices", f"a {kind} field needs choices"
    if kind not in SELECT_TYPES:
        for key in ("choices", "choice_filter"):
            if key in raw:
                yield f"{where}/{key}", "only select_one and select_multiple have choices"
    if kind is FieldType.CALCULATE and "calculation" not in raw:
        yield f"{where}/calculation", "a calculate field needs a calculation"
    if kind in NEVER_ASKED:
        for key in ("required", "constraint"):
            if raw.get(key):
                yield f"{where}/{key}", f"a {kind} field is never asked"
    yield from _choice_problems(raw.get("choices", []), f"{where}/choices")
    if "default" in raw:
        yield from _default_problems(kind, raw["default"], raw.get("choices", []), where)


def _choice_problems(choices: list[dict[str, Any]], where: str) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, choice in enumerate(choices):
        if choice["value"] in seen:
            yield f"{where}/{index}/value", f"duplicate choice {choice['value']!r}"
        seen.add(choice["value"])


def _default_problems(
    kind: FieldType, default: str, choices: list[dict[str, Any]], where: str
) -> Iterator[Problem]:
    values = {choice["value"] for choice in choices}
    wrong = {
        FieldType.SELECT_ONE: lambda: default not in values,
        FieldType.SELECT_MULTIPLE: lambda: not set(default.split()) <= values,
        FieldType.INTEGER: lambda: not default.lstrip("-").isdigit(),
        FieldType.DECIMAL: lambda: not _is_decimal(default),
        FieldType.DATE: lambda: not _is_iso_date(default),
    }.get(kind)
    if wrong is not None and wrong():
        yield f"{where}/default", f"{default!r} is not a possible answer of a {kind} field"


def _is_decimal(text: str) -> bool:
    try:
        return Decimal(text).is_finite()
    except InvalidOperation:
        return False


def _is_iso_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def probe_problems(definition: ServiceDefinition) -> list[Problem]:
    """Evaluate every expression once with typical answers and once with every earlier
    question unanswered: a type mistake or a missing null guard shows up at load time."""
    problems: list[Problem] = []
    for typical in (True, False):
        answers: dict[str, Any] = {"today": date.today()}
        for index, field in enumerate(definition.fields):
            problems.extend(_probe_field(field, f"fields/{index}", answers, typical))
            if typical or field.type is FieldType.CALCULATE:
                answers[field.name] = _answer(field, answers)
            else:
                answers[field.name] = None
    return list(dict.fromkeys(problems))


def _probe_field(field: Field, where: str, answers: dict[str, Any], typical: bool) -> list[Problem]:
    when = "with typical answers" if typical else "when earlier questions are unanswered"
    problems = []
    for key, variables in _probes(field, answers):
        expression: Expression | None = getattr(field, key)
        if expression is None:
            continue
        try:
            result = expression.evaluate(variables)
        except ExpressionError as error:
            problems.append((f"{where}/{key}", f"{error.reason} {when}"))
            continue
        if key in TRUTH_EXPRESSIONS and not isinstance(result, bool):
            kind = type(result).__name__
            problems.append((f"{where}/{key}", f"must give true or false, gives a {kind} {when}"))
    return problems


def _probes(field: Field, answers: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    yield "relevant", answers
    yield "calculation", answers
    yield "constraint", {**answers, "value": _sample(field)}
    for choice in field.choices:
        yield "choice_filter", {**answers, "choice": choice_variables(choice)}


def choice_variables(choice: Choice) -> dict[str, str]:
    """What `choice` is in a choice_filter: its value and its filter columns."""
    return {**choice.filters, "value": choice.value}


def _answer(field: Field, answers: dict[str, Any]) -> Any:
    if field.type is FieldType.CALCULATE and field.calculation is not None:
        try:
            return field.calculation.evaluate(answers)
        except ExpressionError:
            return None  # reported by the probe already
    return _sample(field)


def _sample(field: Field) -> Any:
    first = field.choices[0].value if field.choices else ""
    if field.type is FieldType.SELECT_ONE:
        return first
    if field.type is FieldType.SELECT_MULTIPLE:
        return [first]
    if field.type is FieldType.HIDDEN:
        return field.default or ""
    return SAMPLE_ANSWERS.get(field.type)
