"""Checks a schema cannot express: field names, choices, defaults, read-only fields,
a probe run of every expression with typical and with empty answers, cascades that
leave a question with no choice, and (on request) the recordings a definition names.

The expression checks keep to a budget (`kiosk.catalogue.budget`): each evaluation its
own, all of them together MAX_CHECK_STEPS. The first evaluation over budget ends the
checks of that definition: it is refused, and further probes would each cost a budget.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from kiosk.catalogue.budget import MAX_CHECK_STEPS, shared_steps
from kiosk.catalogue.errors import ExpressionError, ExpressionOverBudget
from kiosk.catalogue.model import (
    ASKED_TYPES,
    Choice,
    Expression,
    Field,
    FieldType,
    ServiceDefinition,
)

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

PLAIN_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")  # a valid field name, shown as it is
MAX_NAME_SHOWN = 20  # characters of a name the schema refuses

Problem = tuple[str, str]  # (location, what is wrong)


def field_location(index: int, name: object) -> str:
    """Where a field is, for a technician: its index and, when it has one, its name,
    e.g. "fields/9 (nama_usaha)". A name the schema refuses is quoted and cut short."""
    if not isinstance(name, str) or not name:
        return f"fields/{index}"
    if PLAIN_NAME.fullmatch(name):
        return f"fields/{index} ({name})"
    cut = "…" if len(name) > MAX_NAME_SHOWN else ""
    return f"fields/{index} ({name[:MAX_NAME_SHOWN]!r}{cut})"


def field_problems(raw_fields: list[dict[str, Any]]) -> Iterator[Problem]:
    """Problems of the fields as written (after the schema accepted them)."""
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_fields):
        name = raw["name"]
        where = field_location(index, name)
        if name in seen:
            yield f"{where}/name", f"duplicate name {name!r} (also fields/{seen[name]})"
        seen.setdefault(name, index)
        yield from _type_problems(raw, where)


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
    yield from _read_only_problems(kind, raw, where)
    yield from _choice_problems(raw.get("choices", []), f"{where}/choices")
    if "default" in raw:
        yield from _default_problems(kind, raw["default"], raw.get("choices", []), where)


def _read_only_problems(kind: FieldType, raw: dict[str, Any], where: str) -> Iterator[Problem]:
    """A read-only question the citizen must answer (required, or an acknowledgement,
    which must always be confirmed) but which is given no value blocks Next forever."""
    if not raw.get("read_only") or kind not in ASKED_TYPES:
        return
    needed = raw.get("required") or kind is FieldType.ACKNOWLEDGE
    if needed and "default" not in raw and "calculation" not in raw:
        yield (
            f"{where}/read_only",
            "a required read-only field needs a default or a calculation: it can never be answered",
        )


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


class _OverBudget(Exception):
    """An evaluation went over its budget: the checks of this definition end here."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem)
        self.problem = problem


def expression_problems(definition: ServiceDefinition) -> list[Problem]:
    """The probes, then (if they found nothing) the cascades, within MAX_CHECK_STEPS."""
    with shared_steps(MAX_CHECK_STEPS, "for all the checks of this definition"):
        try:
            return probe_problems(definition) or cascade_problems(definition)
        except _OverBudget as stop:
            return [stop.problem]


def probe_problems(definition: ServiceDefinition) -> list[Problem]:
    """Evaluate every expression once with typical answers and once with every earlier
    question unanswered: a type mistake or a missing null guard shows up at load time.
    Raises _OverBudget for an evaluation over budget."""
    problems: list[Problem] = []
    for typical in (True, False):
        answers: dict[str, Any] = {"today": date.today()}
        for index, field in enumerate(definition.fields):
            where = field_location(index, field.name)
            problems.extend(_probe_field(field, where, answers, typical))
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
        except ExpressionOverBudget as error:
            raise _OverBudget((f"{where}/{key}", f"{error.reason} {when}")) from None
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


def cascade_problems(definition: ServiceDefinition) -> list[Problem]:
    """A cascade that leaves its question with no choice for some answer of the question
    it follows, e.g. a province with no regency listed: the citizen could not go on.

    Decided only where it is exact: the choice_filter reads `choice` and one earlier
    select_one that has a fixed list of choices (no filter of its own), and the
    question's `relevant` reads nothing else (an answer for which it is not asked is
    skipped). Each of that question's choices is tried as the wizard does: a choice is
    offered unless the filter gives false. Raises _OverBudget for an evaluation over
    budget."""
    problems: list[Problem] = []
    for index, field in enumerate(definition.fields):
        parent = _cascade_parent(definition, field)
        if parent is None:
            continue
        where = f"{field_location(index, field.name)}/choice_filter"
        for value in (choice.value for choice in parent.choices):
            answers = {parent.name: value}
            try:
                left_empty = _asked(field, answers) and not _offered(field, answers)
            except ExpressionOverBudget as error:
                problem = f"{error.reason} when {parent.name} is {value!r}"
                raise _OverBudget((where, problem)) from None
            if left_empty:
                problem = f"choice {value!r} of {parent.name!r} leaves no choice here"
                problems.append((where, problem))
    return problems


def _cascade_parent(definition: ServiceDefinition, field: Field) -> Field | None:
    """The select_one whose answer `field`'s choice_filter reads, when the check can be
    exact; else None."""
    names = _names(field.choice_filter)
    if field.type not in SELECT_TYPES or names is None or "choice" not in names:
        return None
    read = names - {"choice"}
    if len(read) != 1:
        return None
    parent = next((f for f in definition.fields if f.name in read), None)
    if parent is None or parent.type is not FieldType.SELECT_ONE:
        return None
    if parent.choice_filter is not None:
        return None  # some of its choices may never be offered
    if field.relevant is not None:
        relevant_reads = _names(field.relevant)
        if relevant_reads is None or not relevant_reads <= {parent.name}:
            return None
    return parent


def _names(expression: Expression | None) -> frozenset[str] | None:
    """The variables a compiled expression reads (None when not known)."""
    names = getattr(expression, "names", None)
    return names if isinstance(names, frozenset) else None


def _asked(field: Field, answers: dict[str, Any]) -> bool:
    if field.relevant is None:
        return True
    try:
        return field.relevant.evaluate(answers) is not False
    except ExpressionOverBudget:
        raise
    except ExpressionError:
        return True  # the wizard asks a question whose relevant fails


def _offered(field: Field, answers: dict[str, Any]) -> bool:
    assert field.choice_filter is not None
    for choice in field.choices:
        try:
            kept = field.choice_filter.evaluate({**answers, "choice": choice_variables(choice)})
        except ExpressionOverBudget:
            raise
        except ExpressionError:
            return True  # the wizard offers a choice whose filter fails
        if kept is not False:
            return True
    return False


def choice_variables(choice: Choice) -> dict[str, str]:
    """What `choice` is in a choice_filter: its value and its filter columns."""
    return {**choice.filters, "value": choice.value}


def _answer(field: Field, answers: dict[str, Any]) -> Any:
    if field.type is FieldType.CALCULATE and field.calculation is not None:
        try:
            return field.calculation.evaluate(answers)
        except ExpressionOverBudget:
            raise  # reported by the probe already; probing stops
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


def recording_problems(definition: ServiceDefinition, recordings: Path) -> list[Problem]:
    """The recordings `definition` names that are not files under `recordings` (the
    directory its audio paths start from). Not fatal: the question is read instead."""
    problems = []
    for index, field in enumerate(definition.fields):
        for language, audio in sorted(field.audio.items()):
            if not (recordings / audio).is_file():
                where = f"{field_location(index, field.name)}/audio/{language}"
                problem = f"recording {audio!r} not found in {recordings}: the text is read"
                problems.append((where, problem))
    return problems
