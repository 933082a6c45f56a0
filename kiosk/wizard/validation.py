"""Whether an answer may stand: required, acknowledged, and the field's constraint."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kiosk.catalogue.model import Field, FieldType
from kiosk.wizard.conversion import Answer
from kiosk.wizard.evaluation import passes_constraint
from kiosk.wizard.memo import ExpressionMemo
from kiosk.wizard.messages import (
    ACKNOWLEDGE_NEEDED,
    CONSTRAINT_FAILED,
    CONSTRAINT_UNCHECKED,
    REQUIRED,
    message_in,
    translated,
)


def problems_of(
    field: Field,
    value: Answer | None,
    variables: Mapping[str, Any],
    language: str,
    memo: ExpressionMemo,
) -> list[str]:
    """Plain sentences in `language`; empty when `value` may stand as the answer.

    An acknowledgement must always be confirmed; a constraint is checked only on a
    given answer (an optional question may stay empty), as in XLSForm.
    """
    if field.type is FieldType.NOTE:
        return []
    if value is None:
        if field.type is FieldType.ACKNOWLEDGE:
            return [message_in(field.required_message, ACKNOWLEDGE_NEEDED, language)]
        if field.required:
            return [message_in(field.required_message, REQUIRED, language)]
        return []
    passed = passes_constraint(field, value, variables, memo)
    if passed is None:
        return [translated(CONSTRAINT_UNCHECKED, language)]
    if not passed:
        return [message_in(field.constraint_message, CONSTRAINT_FAILED, language)]
    return []
