"""Errors of the catalogue: broken definitions, failing expressions, invalid answers."""

from __future__ import annotations

from collections.abc import Iterable

from kiosk.catalogue.model import DefinitionProblem
from kiosk.errors import KioskError
from kiosk.i18n import translations


class DefinitionError(KioskError):
    """A service definition that cannot be used; `problems` say where and why."""

    def __init__(self, problems: Iterable[DefinitionProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(str(problem) for problem in self.problems))


class ExpressionError(KioskError):
    """An expression that does not compile, or failed while evaluated.

    The message names the location (`context`, e.g. "fields/3/constraint") and the
    reason, never the values of the answers: those may be a NIK or an address.
    """

    def __init__(self, context: str, reason: str) -> None:
        super().__init__(f"{context}: {reason}")
        self.context = context
        self.reason = reason


class ExpressionOverBudget(ExpressionError):
    """An evaluation stopped by its budget (`kiosk.catalogue.budget`): too many steps
    (its own, or those left to the checks or the walk it is part of), too large or too
    deeply nested a value, too many values made, or too much time."""


class InvalidAnswer(KioskError):
    """An answer a citizen must correct; `msgid` is a translatable plain sentence."""

    def __init__(self, msgid: str) -> None:
        super().__init__(msgid)
        self.msgid = msgid

    def text(self, language: str) -> str:
        """The message in the citizen's language."""
        return translations(language).gettext(self.msgid)
