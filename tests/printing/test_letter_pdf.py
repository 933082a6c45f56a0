"""Village letters: template wording from answers, clear errors, and the A4 PDF."""

from __future__ import annotations

from datetime import date

import pytest

from printing.pdf.letter import LetterContent, render_letter_pdf
from printing.pdf.letter_templates import TEMPLATES, MissingAnswer, fill_letter
from tests.helpers.pdf_qr import encoded
from tests.helpers.pdf_text import shown_text
from tests.helpers.qr_reader import read_qr
from tests.printing.pdf_streams import qr_symbol

ANSWERS = {
    "nama": "Siti Aminah",
    "nik": "3201154107560001",
    "tempat_lahir": "Sukabumi",
    "tanggal_lahir": "1956-07-01",
    "jenis_kelamin": "Perempuan",
    "alamat": "Kp. Cibodas RT 002/RW 005, Desa Sukamaju",
    "keperluan": "Persyaratan pembukaan rekening bank.",
    "nama_usaha": "Warung Nasi Bu Siti & Anak",
    "jenis_usaha": "Kuliner",
    "alamat_usaha": "Jl. Raya Sukamaju No. 12",
    "kantor_polisi": "Polsek Cibeureum",
}
PERSON_TEMPLATES = [  # the letters about the applicant themself (not a birth, death or move)
    "surat-keterangan-domisili",
    "surat-keterangan-tidak-mampu",
    "surat-keterangan-usaha",
    "surat-pengantar-skck",
]


def _letter(template: str = "surat-keterangan-domisili", language: str = "en") -> LetterContent:
    filled = fill_letter(template, ANSWERS, language)
    return LetterContent(
        office_name="Pemerintah Desa Sukamaju",
        office_address="Jl. Raya Sukamaju No. 1, Kecamatan Cibeureum, Kabupaten Sukabumi",
        letter_number="470/123/DS/XI/2026",
        title=filled.title,
        details=filled.details,
        body=filled.body,
        place="Sukamaju",
        issued_on=date(2026, 11, 30),
        signatory_name="H. Ahmad Suryana",
        signatory_title="Kepala Desa Sukamaju",
        verification_payload="ANJUNGAN:L:470/123/DS/XI/2026",
    )


def test_letter_shows_title_number_name_and_signatory() -> None:
    pdf = render_letter_pdf(_letter(), "en", compress=False)
    text = shown_text(pdf)
    assert pdf.startswith(b"%PDF-")
    assert "CERTIFICATE OF DOMICILE" in text
    assert "Number: 470/123/DS/XI/2026" in text
    assert "Siti Aminah" in text
    assert "3201154107560001" in text  # the letter itself carries the full NIK
    assert "Sukabumi, 1 July 1956" in text
    assert "Sukamaju, 30 November 2026" in text
    assert "H. Ahmad Suryana" in text


def test_letter_metadata_names_no_citizen() -> None:
    pdf = render_letter_pdf(_letter(), "en", compress=False)
    info = pdf[pdf.index(b"/Author") :]
    info = info[: info.index(b">>")]
    assert b"Siti" not in info
    assert b"3201154107560001" not in info


def test_two_renders_are_byte_identical() -> None:
    assert render_letter_pdf(_letter(), "id") == render_letter_pdf(_letter(), "id")


def test_the_qr_printed_reads_the_verification_payload() -> None:
    symbol = qr_symbol(render_letter_pdf(_letter(), "id"))
    assert read_qr(symbol) == "ANJUNGAN:L:470/123/DS/XI/2026"
    assert symbol == encoded("ANJUNGAN:L:470/123/DS/XI/2026", "M")
    assert symbol != encoded("ANJUNGAN:L:470/124/DS/XI/2026", "M")


def test_personal_data_stays_out_of_repr() -> None:
    letter = _letter()
    assert "Siti" not in repr(letter)
    assert "3201154107560001" not in repr(letter)
    assert "Siti" not in repr(fill_letter("surat-keterangan-domisili", ANSWERS, "en"))


def test_person_templates_are_templates() -> None:
    assert set(PERSON_TEMPLATES) < set(TEMPLATES)


@pytest.mark.parametrize("template", PERSON_TEMPLATES)
def test_every_person_template_fills_name_nik_and_purpose(template: str) -> None:
    filled = fill_letter(template, ANSWERS, "en")
    assert ("Name", "Siti Aminah") in filled.details
    assert ("NIK", "3201154107560001") in filled.details
    assert any("rekening bank." in paragraph for paragraph in filled.body)
    assert not any(".." in paragraph for paragraph in filled.body)


def test_business_letter_lists_the_business() -> None:
    filled = fill_letter("surat-keterangan-usaha", ANSWERS, "en")
    assert filled.title == "CERTIFICATE OF BUSINESS"
    assert ("Business name", "Warung Nasi Bu Siti & Anak") in filled.details
    pdf = render_letter_pdf(_letter("surat-keterangan-usaha"), "en", compress=False)
    assert "Warung Nasi Bu Siti & Anak" in shown_text(pdf)  # escaped, not taken as markup


def test_optional_answers_are_left_out_when_missing() -> None:
    filled = fill_letter("surat-keterangan-tidak-mampu", ANSWERS, "en")
    labels = [label for label, _value in filled.details]
    assert "Sex" in labels
    assert "Occupation" not in labels


def test_a_date_answer_is_written_out_in_the_language() -> None:
    answers = {**ANSWERS, "tanggal_lahir": date(1956, 7, 1)}
    filled = fill_letter("surat-keterangan-domisili", answers, "id")
    assert "Sukabumi, 1 Juli 1956" in dict(filled.details).values()


@pytest.mark.parametrize(
    ("template", "missing"),
    [
        ("surat-keterangan-domisili", "alamat"),
        ("surat-keterangan-tidak-mampu", "keperluan"),
        ("surat-keterangan-usaha", "nama_usaha"),
        ("surat-keterangan-usaha", "tanggal_lahir"),
    ],
)
def test_a_missing_answer_names_the_field(template: str, missing: str) -> None:
    answers = {name: value for name, value in ANSWERS.items() if name != missing}
    with pytest.raises(ValueError, match=missing) as raised:
        fill_letter(template, answers, "en")
    assert isinstance(raised.value, MissingAnswer)
    assert raised.value.field == missing


def test_a_blank_answer_counts_as_missing() -> None:
    with pytest.raises(MissingAnswer, match="'nama'"):
        fill_letter("surat-keterangan-domisili", {**ANSWERS, "nama": "  "}, "en")


def test_an_unknown_template_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="surat-sakti"):
        fill_letter("surat-sakti", ANSWERS, "en")
