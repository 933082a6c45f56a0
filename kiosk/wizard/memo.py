"""One form's expression results, remembered by the values of the names each one reads.

An expression is pure: the same values of the names it reads (`CelExpression.names`)
give the same result or the same failure. So the sheet can walk the whole definition
after every answer, as before, while only the expressions whose inputs changed are
evaluated again (cel-python interprets the tree, ~0.1-0.5 ms each). A value with no
exact key (anything but an answer type), a missing `today` (the evaluation would read
the clock) or an expression that does not tell its names is evaluated every time. An
evaluation over budget is not remembered either: it may have failed for the steps the
walk spent before it, or for the time the machine took.
The results may hold personal data (a NIK's digits): `clear` on wipe.
"""

from __future__ import annotations

import copy
from collections.abc import Hashable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from kiosk.catalogue.errors import ExpressionError, ExpressionOverBudget
from kiosk.catalogue.model import Expression

MAX_REMEMBERED = 4096  # a cascade keeps one result per option; start over past this
_MISSING = object()

Key = tuple[Hashable, ...]


class _NoKey(Exception):
    """A value whose equality does not imply the same CEL value."""


class ExpressionMemo:
    def __init__(self) -> None:
        self._results: dict[tuple[Expression, Key], Any] = {}

    def __repr__(self) -> str:
        return f"ExpressionMemo({len(self._results)} results)"

    def __len__(self) -> int:
        return len(self._results)

    def evaluate(self, expression: Expression, variables: Mapping[str, Any]) -> Any:
        """`expression.evaluate(variables)`, from memory when its inputs are unchanged;
        raises the same ExpressionError as that would (a new one each time)."""
        key = _key(expression, variables)
        if key is None:
            return expression.evaluate(variables)
        remembered = self._results.get((expression, key), _MISSING)
        if remembered is _MISSING:
            remembered = self._remember(expression, key, variables)
        if isinstance(remembered, ExpressionError):
            raise ExpressionError(remembered.context, remembered.reason)
        return copy.deepcopy(remembered) if isinstance(remembered, list | dict) else remembered

    def clear(self) -> None:
        self._results.clear()

    def _remember(self, expression: Expression, key: Key, variables: Mapping[str, Any]) -> Any:
        try:
            result: Any = expression.evaluate(variables)
        except ExpressionOverBudget:
            raise
        except ExpressionError as error:
            result = error
        if len(self._results) >= MAX_REMEMBERED:
            self._results.clear()
        self._results[(expression, key)] = result
        return result


def _key(expression: Expression, variables: Mapping[str, Any]) -> Key | None:
    """The values `expression` reads, each tagged with how CEL will see it; None if
    one of them cannot be keyed exactly."""
    names = getattr(expression, "names", None)
    if not isinstance(names, frozenset):
        return None
    if "today" in names and variables.get("today") is None:
        return None
    try:
        return tuple(_frozen(variables.get(name)) for name in names)
    except _NoKey:
        return None


def _frozen(value: Any) -> Hashable:
    """A hashable stand-in, equal only for values `to_cel` turns into the same CEL value."""
    if value is None or isinstance(value, bool | str):
        return (type(value), value)
    if isinstance(value, int):
        return (int, int(value))
    if isinstance(value, float | Decimal):
        return (float, repr(float(value)))  # as to_cel: a double; repr keeps -0.0 apart
    if type(value) is date:
        return (date, value)
    if isinstance(value, list | tuple):
        return (list, tuple(_frozen(item) for item in value))
    if isinstance(value, Mapping):
        return (dict, tuple((_frozen(k), _frozen(v)) for k, v in value.items()))
    raise _NoKey(type(value).__name__)
