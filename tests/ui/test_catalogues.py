"""Every marked string (screens, tickets, messages, CLI) has an Indonesian translation."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

import kiosk
import printing
import ui
from kiosk.i18n import catalogue_path, compile_catalogue, compiled_path, translations

SOURCE_DIRS = [Path(package.__file__).parent for package in (kiosk, printing, ui)]
# As scripts/update-translations extracts them: the translator is called `tr` in ui.
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "_tr": None, "tr": None}
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdif]|\{[^{}]*\}")


def ui_msgids() -> list[str]:
    msgids: set[str] = set()
    for directory in SOURCE_DIRS:
        found = extract_from_dir(
            str(directory), method_map=[("**.py", "python")], keywords=KEYWORDS
        )
        msgids.update(m[2] if isinstance(m[2], str) else m[2][0] for m in found)
    return sorted(msgids)


def load(language: str) -> Catalog:
    with catalogue_path(language).open("rb") as po_file:
        return read_po(po_file, locale=language)


def forms(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def translated(catalogue: Catalog) -> list[Message]:
    return [m for m in catalogue if m.id and any(forms(m.string))]


def test_the_extraction_finds_the_screens_strings():
    msgids = ui_msgids()
    assert "Take a queue number" in msgids
    assert "%(count)d person ahead of you" in msgids
    assert "The printer is out of paper." in msgids  # kiosk/messages.py
    assert "Your queue number" in msgids  # printing/ticket.py
    assert len(msgids) >= 30


@pytest.mark.parametrize("msgid", ui_msgids())
def test_every_ui_string_has_an_indonesian_translation(msgid):
    message = load("id").get(msgid)
    assert message is not None, f"not in the Indonesian catalogue: {msgid!r}"
    assert not message.fuzzy, f"fuzzy: {msgid!r}"
    assert all(form.strip() for form in forms(message.string)), f"empty: {msgid!r}"


@pytest.mark.parametrize("msgid", ui_msgids())
def test_every_ui_string_is_in_the_english_catalogue(msgid):
    assert load("en").get(msgid) is not None, f"not in the English catalogue: {msgid!r}"


@pytest.mark.parametrize("language", ["id", "en"])
def test_placeholders_match_between_msgid_and_msgstr(language):
    catalogue = load(language)
    for message in translated(catalogue):
        expected = placeholders(forms(message.id)[-1])  # the plural form always has them all
        for form in forms(message.string):
            assert placeholders(form) == expected, (language, message.id, form)
    assert [error for _, errors in catalogue.check() for error in errors] == []


@pytest.mark.parametrize("language", ["id", "en"])
def test_plural_entries_have_every_form(language):
    catalogue = load(language)
    for message in translated(catalogue):
        if message.pluralizable:
            assert len(forms(message.string)) == catalogue.num_plurals, message.id


def test_the_loader_reads_the_catalogue():
    assert translations("id").gettext("Take a queue number") == "Ambil Nomor Antrean"
    assert translations("en").gettext("Take a queue number") == "Take a queue number"
    people = translations("id").ngettext(
        "%(count)d person ahead of you", "%(count)d people ahead of you", 3
    )
    assert people % {"count": 3} == "3 orang di depan Anda"


@pytest.mark.parametrize("language", ["id", "jv", "en"])
def test_the_compiled_catalogue_says_what_its_po_says(language):
    # The kiosk reads the .mo; an edit of the .po must be compiled (scripts/update-translations).
    compiled = compiled_path(language)
    assert compiled.exists(), f"{compiled} is missing: run scripts/update-translations"
    with compiled.open("rb") as mo_file:
        shipped = gettext.GNUTranslations(mo_file)
    fresh = compile_catalogue(language)
    stale = []
    for message in load(language):
        if not message.id:
            continue  # the header: its dates change on every update
        if message.pluralizable:
            singular, plural = forms(message.id)[:2]
            for count in range(3):
                got = shipped.ngettext(singular, plural, count)
                if got != fresh.ngettext(singular, plural, count):
                    stale.append(singular)
        elif shipped.gettext(message.id) != fresh.gettext(message.id):
            stale.append(message.id)
    assert stale == [], f"{compiled} is older than its .po: run scripts/update-translations"
    assert translations(language).gettext("Next") == shipped.gettext("Next")  # what is read
