"""Basa Jawa, the third language: a full catalogue, the settings accept it, Babel dates."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from babel import Locale
from babel.dates import format_date, get_month_names
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from kiosk.catalogue.model import Field, FieldType
from kiosk.config import load_settings
from kiosk.config.schema import LANGUAGES as SETTING_CHOICES
from kiosk.i18n import DEFAULT_LANGUAGE, LANGUAGES, catalogue_path, translations
from kiosk.wizard.display import display_value
from kiosk.wizard.messages import NOT_ANSWERED, text_in

PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdif]|\{[^{}]*\}")


def load(language: str) -> Catalog:
    with catalogue_path(language).open("rb") as po_file:
        return read_po(po_file, locale=language)


def forms(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def key(message_id: str | tuple[str, ...]) -> str:
    return forms(message_id)[0]


INDONESIAN_IDS = sorted(key(m.id) for m in load("id") if m.id)


def test_javanese_is_offered_by_its_own_name_and_the_settings_accept_it(tmp_path: Path):
    assert LANGUAGES["jv"] == "Basa Jawa"
    assert next(iter(LANGUAGES)) == DEFAULT_LANGUAGE  # the first button at home
    assert set(SETTING_CHOICES) == set(LANGUAGES)
    config = tmp_path / "kiosk.toml"
    config.write_text('[ui]\nlanguage = "jv"\n', encoding="utf-8")
    assert load_settings(config, environ={}).ui.language == "jv"


@pytest.mark.parametrize("msgid", INDONESIAN_IDS)
def test_every_msgid_has_a_javanese_translation(msgid):
    message = load("jv").get(msgid)
    assert message is not None, f"not in the Javanese catalogue: {msgid!r}"
    assert not message.fuzzy, f"fuzzy: {msgid!r}"
    assert all(form.strip() for form in forms(message.string)), f"empty: {msgid!r}"


def test_the_placeholders_and_the_single_plural_form_are_kept():
    catalogue = load("jv")
    assert catalogue.num_plurals == 1
    assert catalogue.plural_expr == "0"
    for message in catalogue:
        if not message.id:
            continue
        expected = sorted(PLACEHOLDER.findall(forms(message.id)[-1]))
        assert len(forms(message.string)) == 1  # Javanese has no grammatical plural
        for form in forms(message.string):
            assert sorted(PLACEHOLDER.findall(form)) == expected, (message.id, form)
    assert [error for _, errors in catalogue.check() for error in errors] == []


def test_the_loader_reads_the_javanese_catalogue():
    jv = translations("jv")
    assert jv.gettext("Take a queue number") == "Mendhet Nomer Antrian"
    for count in (1, 5):
        people = jv.ngettext(
            "%(count)d person ahead of you", "%(count)d people ahead of you", count
        )
        assert people % {"count": count} == f"{count} tiyang wonten ing ngajeng panjenengan"
    assert translations("su").gettext("Take a queue number") == "Ambil Nomor Antrean"


def test_babel_writes_javanese_dates():
    assert Locale.parse("jv").get_display_name() == "Jawa"
    assert get_month_names("wide", locale="jv")[8] == "Agustus"
    assert format_date(date(2026, 3, 2), "EEEE, d MMMM y", locale="jv") == "Senin, 2 Maret 2026"
    born = Field(name="tanggal_lahir", type=FieldType.DATE, label={"id": "Tanggal lahir"})
    assert display_value(born, date(1985, 8, 17), "jv") == "17 Agustus 1985"
    assert display_value(born, None, "jv") == translations("jv").gettext(NOT_ANSWERED)


def test_a_text_without_javanese_falls_back_to_indonesian():
    assert text_in({"id": "Nama", "en": "Name"}, "jv") == "Nama"
    assert text_in({"id": "Nama", "jv": "Nami"}, "jv") == "Nami"
