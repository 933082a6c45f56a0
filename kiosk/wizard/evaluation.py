"""Expressions of a definition evaluated for the wizard, never failing on a citizen.

The loader has probed every expression already; should one still fail, the failure
is logged by its location only (never the values, which may be a NIK) and the
wizard carries on in the safe direction: ask the question, show the option, refuse
to accept an answer that could not be checked. An evaluation over its budget (too
many steps, too large a value, too long) is such a failure; a choice filter over
budget is not tried on the options after it, which are all shown. Each function
takes the form's `ExpressionMemo`, so an expression whose inputs did not change is
not run again.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from kiosk.catalogue.checks import choice_variables
from kiosk.catalogue.errors import ExpressionError, ExpressionOverBudget
from kiosk.catalogue.model import Choice, Expression, Field
from kiosk.wizard.conversion import Answer
from kiosk.wizard.memo import ExpressionMemo

log = logging.getLogger(__name__)

Variables = Mapping[str, Any]


def _evaluate(
    field: Field, expression: Expression, variables: Variables, default: Any, memo: ExpressionMemo
) -> Any:
    try:
        return memo.evaluate(expression, variables)
    except ExpressionError as error:
        _log_failure(field, error)
        return default


def _log_failure(field: Field, error: ExpressionError) -> None:
    log.warning("expression failed at %s (%s): %s", error.context, field.name, error.reason)


def is_relevant(field: Field, variables: Variables, memo: ExpressionMemo) -> bool:
    if field.relevant is None:
        return True
    return _evaluate(field, field.relevant, variables, True, memo) is not False


def available_choices(
    field: Field, variables: Variables, memo: ExpressionMemo
) -> tuple[Choice, ...]:
    """The choices the filter keeps, given the earlier answers (cascades)."""
    if field.choice_filter is None:
        return field.choices
    scope = dict(variables)  # one copy; only "choice" changes from option to option
    kept: list[Choice] = []
    for index, choice in enumerate(field.choices):
        scope["choice"] = choice_variables(choice)  # as the load-time cascade check sees it
        try:
            offered = memo.evaluate(field.choice_filter, scope) is not False
        except ExpressionOverBudget as error:
            _log_failure(field, error)
            return (*kept, *field.choices[index:])  # each would take a budget: show them
        except ExpressionError as error:
            _log_failure(field, error)
            offered = True
        if offered:
            kept.append(choice)
    return tuple(kept)


def passes_constraint(
    field: Field, value: Answer, variables: Variables, memo: ExpressionMemo
) -> bool | None:
    """True or False; None when the constraint could not be evaluated."""
    if field.constraint is None:
        return True
    result = _evaluate(field, field.constraint, {**variables, "value": value}, None, memo)
    return None if result is None else result is True


def calculated(field: Field, variables: Variables, memo: ExpressionMemo) -> Answer | None:
    """A calculate field's value, as an answer type (a CEL double becomes a Decimal)."""
    if field.calculation is None:
        return None
    result = _evaluate(field, field.calculation, variables, None, memo)
    if isinstance(result, float):
        return Decimal(repr(result))
    if isinstance(result, bool | int | str | date | Decimal):
        return result
    if isinstance(result, list) and all(isinstance(item, str) for item in result):
        return result
    if result is not None:
        log.warning("calculation at %s gives a %s", field.name, type(result).__name__)
    return None
