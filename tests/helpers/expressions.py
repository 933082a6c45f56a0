"""Counting the CEL expressions a piece of code really evaluates, and what they cost."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.catalogue import budget
from kiosk.catalogue.expressions import CelExpression


class EvaluationCount:
    """Counts the CEL expressions really evaluated (not found in the memo)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.runs = 0
        evaluate = CelExpression.evaluate

        def counting(expression: CelExpression, variables: Any) -> Any:
            self.runs += 1
            return evaluate(expression, variables)

        monkeypatch.setattr(CelExpression, "evaluate", counting)


class BudgetsUsed:
    """Every evaluation's `Budget` (steps, largest value, units made), kept in order."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.budgets: list[budget.Budget] = []
        recorded = self.budgets

        class Recorded(budget.Budget):
            def __init__(self) -> None:
                super().__init__()
                recorded.append(self)

        monkeypatch.setattr(budget, "Budget", Recorded)

    def most(self, what: str) -> int:
        """The largest `steps`, `largest` or `allocated` of one evaluation."""
        return max((getattr(used, what) for used in self.budgets), default=0)
