"""Translations: gettext catalogues (.po, compiled in memory with Babel); Indonesian first."""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DOMAIN = "anjungan"
DEFAULT_LANGUAGE = "id"
LANGUAGES: dict[str, str] = {"id": "Bahasa Indonesia", "jv": "Basa Jawa", "en": "English"}
LOCALE_DIR = Path(__file__).parent / "locale"


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalogue for `language`; unknown languages fall back to Indonesian."""
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    path = catalogue_path(language)
    if not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as po_file:
        catalogue = read_po(po_file, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def gettext_for(language: str) -> gettext.NullTranslations:
    """Alias kept short for call sites: ``_ = gettext_for(lang).gettext``."""
    return translations(language)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message
