"""What one check of `kiosk doctor` found: ok or a problem, why, and the fix in plain words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum

from kiosk.i18n import translations


class Outcome(Enum):
    OK = "ok"
    PROBLEM = "problem"
    NOT_CHECKED = "not checked"  # an earlier problem made this check impossible


@dataclass(frozen=True)
class Finding:
    """One check's result. `what`, `detail` and `fix` are English msgids (marked with N_)
    whose placeholders `values` fills in after translation, so the same finding reads in
    English in the technician's log and in the reader's language on the screen."""

    what: str
    outcome: Outcome
    detail: str = ""
    fix: str = ""
    values: Mapping[str, str] = field(default_factory=dict)

    @property
    def problem(self) -> bool:
        return self.outcome is Outcome.PROBLEM

    def what_in(self, language: str = "") -> str:
        return self._say(self.what, language)

    def detail_in(self, language: str = "") -> str:
        """The detail in `language`; untranslated (English) without one."""
        return self._say(self.detail, language)

    def fix_in(self, language: str = "") -> str:
        return self._say(self.fix, language)

    def _say(self, message: str, language: str) -> str:
        if not message:
            return ""
        translated = translations(language).gettext(message) if language else message
        return translated % self.values if self.values else translated


def ok(what: str, detail: str = "", **values: str) -> Finding:
    return Finding(what, Outcome.OK, detail, values=values)


def problem(what: str, detail: str, fix: str, **values: str) -> Finding:
    return Finding(what, Outcome.PROBLEM, detail, fix, values)


def not_checked(what: str, detail: str, **values: str) -> Finding:
    return Finding(what, Outcome.NOT_CHECKED, detail, values=values)
