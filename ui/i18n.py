"""The screens' language: a small translator object over the gettext catalogues."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.i18n import DEFAULT_LANGUAGE, LANGUAGES, translations


@dataclass(frozen=True)
class Tr:
    """Translate into one language: ``tr("Back")``, ``tr.ngettext(...)``, ``tr.language``.

    Screens receive one in ``retranslate(tr)``; msgids are English (Babel extracts the
    calls of ``tr``, ``_tr`` and ``_``: scripts/update-translations).
    """

    language: str = DEFAULT_LANGUAGE

    def __call__(self, text: str) -> str:
        return translations(self.language).gettext(text)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return translations(self.language).ngettext(singular, plural, count)


def supported(language: str) -> str:
    """`language` if the kiosk has it, else the default (Indonesian)."""
    return language if language in LANGUAGES else DEFAULT_LANGUAGE
