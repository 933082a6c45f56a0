"""Every service that produces a letter has a template that fills from its own answers."""

from __future__ import annotations

import pytest

from kiosk.catalogue.model import FieldType
from kiosk.documents.answers import printable_answers
from printing.pdf.letter_templates import TEMPLATES, MissingAnswer, fill_letter
from tests.kiosk.documents.helpers import complete_answers, letter_services

LETTERS = letter_services()


def test_the_catalogue_ships_seven_letters() -> None:
    assert len(LETTERS) == 7  # guard: the parametrised tests below really run


@pytest.mark.parametrize("definition", LETTERS, ids=lambda d: d.id)
def test_every_letter_service_names_a_known_template(definition) -> None:
    assert definition.letter_template in TEMPLATES


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("definition", LETTERS, ids=lambda d: d.id)
def test_every_template_fills_from_its_own_fields(definition, language: str) -> None:
    answers = printable_answers(definition, complete_answers(definition), language)
    filled = fill_letter(definition.letter_template, answers, language)
    assert filled.title and filled.title == filled.title.upper()
    assert len(filled.details) >= 4
    assert all(value.strip() for _label, value in filled.details)
    shown = " ".join([*(value for _label, value in filled.details), *filled.body])
    assert "2024-04-01" not in shown  # dates are written out
    assert "1 April 2024" in shown  # the same words in Indonesian and English
    stored = complete_answers(definition)
    for field in definition.fields:  # choice labels, never the stored values
        if field.type is FieldType.SELECT_ONE and field.name in answers:
            label = answers[field.name]
            assert label != stored[field.name], field.name
            assert label.lower() in shown.lower() or field.name in UNUSED_CHOICES, field.name


UNUSED_CHOICES = {"status_tinggal", "terdaftar_dtks"}  # asked, but no letter prints them


@pytest.mark.parametrize("definition", LETTERS, ids=lambda d: d.id)
def test_each_required_field_a_template_reads_is_named_when_missing(definition) -> None:
    answers = printable_answers(definition, complete_answers(definition), "en")
    read = [name for name in answers if _needed(definition.letter_template, answers, name)]
    assert "nama" in read or "nama_bayi" in read
    for name in read:
        with pytest.raises(MissingAnswer) as raised:
            fill_letter(definition.letter_template, _without(answers, name), "en")
        assert raised.value.field == name


def _without(answers: dict[str, str], name: str) -> dict[str, str]:
    return {key: value for key, value in answers.items() if key != name}


def _needed(template: str, answers: dict[str, str], name: str) -> bool:
    try:
        fill_letter(template, _without(answers, name), "en")
    except MissingAnswer:
        return True
    return False


def test_birth_letter_reads_the_baby_and_the_reporter() -> None:
    definition = next(d for d in LETTERS if d.id == "surat-keterangan-kelahiran")
    answers = {
        **complete_answers(definition),
        "nama_bayi": "Putri Lestari",
        "jenis_kelamin_bayi": "perempuan",
        "hubungan_pelapor": "ayah",
        "nama": "Agus Lestari",
    }
    filled = fill_letter(
        "surat-keterangan-kelahiran", printable_answers(definition, answers, "id"), "id"
    )
    assert ("Name", "Putri Lestari") in filled.details or (
        "Nama",
        "Putri Lestari",
    ) in filled.details
    assert "Perempuan" in dict(filled.details).values()
    assert any("Agus Lestari" in paragraph and "ayah" in paragraph for paragraph in filled.body)


def test_moving_letter_prints_the_typed_destination_for_another_province() -> None:
    definition = next(d for d in LETTERS if d.id == "surat-pengantar-pindah")
    answers = {
        **complete_answers(definition),
        "provinsi_tujuan": "lainnya",
        "daerah_tujuan_lainnya": "Kota Makassar, Sulawesi Selatan",
        "alamat_tujuan": "Jl. Sungai Saddang 5",
    }
    answers.pop("kabupaten_tujuan")
    filled = fill_letter(
        "surat-pengantar-pindah", printable_answers(definition, answers, "en"), "en"
    )
    destination = dict(filled.details)["Destination address"]
    assert destination == "Jl. Sungai Saddang 5, Kota Makassar, Sulawesi Selatan"


def test_the_reporters_relation_keeps_its_acronym_mid_sentence() -> None:
    definition = next(d for d in LETTERS if d.id == "surat-keterangan-kematian")
    answers = {**complete_answers(definition), "hubungan_pelapor": "tetangga"}
    filled = fill_letter(
        "surat-keterangan-kematian", printable_answers(definition, answers, "id"), "id"
    )
    assert any("tetangga / ketua RT" in paragraph for paragraph in filled.body)
