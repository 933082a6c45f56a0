"""The expression memo: a result is reused only for the same CEL inputs, failures included."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from kiosk.catalogue.budget import shared_steps
from kiosk.catalogue.errors import ExpressionError, ExpressionOverBudget
from kiosk.catalogue.expressions import compile_expression
from kiosk.wizard import memo as memo_module
from kiosk.wizard.memo import ExpressionMemo

TODAY = date(2024, 5, 6)


class Counting:
    """A compiled expression that counts how often it really runs."""

    def __init__(self, source: str, *names: str) -> None:
        self.expression = compile_expression(source, [*names, "today"], "fields/1/test")
        self.source = source
        self.names = self.expression.names
        self.runs = 0

    def evaluate(self, variables: Mapping[str, Any]) -> Any:
        self.runs += 1
        return self.expression.evaluate(variables)


def test_an_expression_runs_again_only_when_a_name_it_reads_changes() -> None:
    memo, expression = ExpressionMemo(), Counting('jenis == "lainnya"', "jenis", "nama")
    assert memo.evaluate(expression, {"jenis": "lainnya", "nama": "Budi"}) is True
    assert memo.evaluate(expression, {"jenis": "lainnya", "nama": "Siti"}) is True
    assert expression.runs == 1  # `nama` is not read
    assert memo.evaluate(expression, {"jenis": "kerja", "nama": "Siti"}) is False
    assert memo.evaluate(expression, {"jenis": "lainnya"}) is True
    assert expression.runs == 2


@pytest.mark.parametrize(
    ("source", "first", "second"),
    [
        ("string(value)", True, 1),  # equal in Python; a bool and an int in CEL
        ("string(value)", 0.0, -0.0),  # equal, but string() tells them apart
        ("string(value)", 1, 1.0),  # an int and a double
        ("string(value)", "1", 1),
        ("value[0]", ["a", "b"], ["b", "a"]),
        ('value == null ? "none" : value', None, "none"),
    ],
)
def test_values_cel_tells_apart_are_remembered_apart(source: str, first: Any, second: Any) -> None:
    memo, expression = ExpressionMemo(), Counting(source, "value")
    for value in (first, second, first):
        assert memo.evaluate(expression, {"value": value}) == expression.expression.evaluate(
            {"value": value}
        )
    assert expression.runs == 2


def test_a_decimal_and_the_same_double_share_a_result() -> None:
    memo, expression = ExpressionMemo(), Counting("value * 2.0", "value")
    assert memo.evaluate(expression, {"value": Decimal("1.5")}) == 3.0
    assert memo.evaluate(expression, {"value": 1.5}) == 3.0
    assert expression.runs == 1  # to_cel makes both the same double


def test_a_failure_is_raised_every_time_without_running_again() -> None:
    memo, expression = ExpressionMemo(), Counting("10 / value", "value")
    for _ in range(2):
        with pytest.raises(ExpressionError, match="division by zero") as raised:
            memo.evaluate(expression, {"value": 0})
        assert raised.value.context == "fields/1/test"
    assert expression.runs == 1


def test_a_list_result_cannot_be_changed_through_the_memo() -> None:
    memo, expression = ExpressionMemo(), Counting('value == null ? [] : ["a", value]', "value")
    result = memo.evaluate(expression, {"value": "b"})
    result.append("changed")
    assert memo.evaluate(expression, {"value": "b"}) == ["a", "b"]


@pytest.mark.parametrize(
    "variables",
    [
        {"value": datetime(2024, 5, 6, 1, 0, tzinfo=UTC)},  # no exact key for a datetime
        {"value": date(2024, 5, 6)},  # no `today`: the evaluation reads the clock
    ],
)
def test_what_cannot_be_keyed_exactly_runs_every_time(variables: dict[str, Any]) -> None:
    memo, expression = ExpressionMemo(), Counting("value <= today", "value")
    memo.evaluate(expression, variables)
    memo.evaluate(expression, variables)
    assert expression.runs == 2
    assert len(memo) == 0


def test_a_day_later_today_is_another_input() -> None:
    memo, expression = ExpressionMemo(), Counting("value < today", "value")
    assert memo.evaluate(expression, {"value": TODAY, "today": TODAY}) is False
    assert memo.evaluate(expression, {"value": TODAY, "today": date(2024, 5, 7)}) is True


def test_it_starts_over_when_full_and_forgets_on_clear(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memo_module, "MAX_REMEMBERED", 3)
    memo, expression = ExpressionMemo(), Counting("value + 1", "value")
    for value in range(4):
        memo.evaluate(expression, {"value": value})
    assert len(memo) == 1
    memo.evaluate(expression, {"value": 3})
    assert expression.runs == 4
    memo.clear()
    assert len(memo) == 0


def test_an_evaluation_over_budget_is_not_remembered() -> None:
    """It may have failed for the steps spent before it in the same walk."""
    memo, expression = ExpressionMemo(), Counting("value + 1 > 2", "value")
    with shared_steps(1, "in this test"), pytest.raises(ExpressionOverBudget):
        memo.evaluate(expression, {"value": 2})
    assert memo.evaluate(expression, {"value": 2}) is True
    assert expression.runs == 2
