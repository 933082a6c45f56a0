"""Counting the CEL expressions a piece of code really evaluates."""

from __future__ import annotations

from typing import Any

import pytest

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
