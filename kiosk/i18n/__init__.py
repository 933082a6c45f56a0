"""Translations: gettext catalogues, Indonesian first.

Each language's `.po` (what translators edit) is compiled with Babel into the `.mo`
next to it by `scripts/update-translations`; both are committed, and a test checks that
every `.mo` says what its `.po` does. The kiosk reads the `.mo` with the standard
library: compiling a `.po` at start-up costs some 35 ms of the first screen's time.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Mapping
from functools import cache
from pathlib import Path

DOMAIN = "anjungan"
DEFAULT_LANGUAGE = "id"
LANGUAGES: dict[str, str] = {"id": "Bahasa Indonesia", "jv": "Basa Jawa", "en": "English"}
LOCALE_DIR = Path(__file__).parent / "locale"


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def compiled_path(language: str) -> Path:
    return catalogue_path(language).with_suffix(".mo")


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalogue for `language`; unknown languages fall back to Indonesian."""
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    compiled = compiled_path(language)
    if compiled.exists():
        with compiled.open("rb") as mo_file:
            return gettext.GNUTranslations(mo_file)
    if catalogue_path(language).exists():  # not compiled yet (a fresh edit): from the .po
        return compile_catalogue(language)
    return gettext.NullTranslations()


def compile_catalogue(language: str) -> gettext.GNUTranslations:
    """`language`'s `.po` compiled in memory, as `pybabel compile` does (no fuzzy entries)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with catalogue_path(language).open("rb") as po_file:
        catalogue = read_po(po_file, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def pick_language(texts: Mapping[str, str], language: str) -> str:
    """The text in `language`, else Indonesian, else any (texts stored per language)."""
    if language in texts:
        return texts[language]
    if DEFAULT_LANGUAGE in texts:
        return texts[DEFAULT_LANGUAGE]
    return next(iter(texts.values()), "")


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message
