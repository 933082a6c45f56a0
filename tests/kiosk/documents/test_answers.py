"""Answers in words: choice labels by language, dates written out, "other" spelled out."""

from __future__ import annotations

from datetime import date

from kiosk.applications.errors import ApplicationNotFound
from kiosk.documents.answers import answer_rows, date_in_words, printable_answers
from kiosk.documents.errors import LetterNeedsAnswer, NoLetterForService
from kiosk.documents.messages import describe_document_error
from kiosk.documents.numbering import letter_number
from tests.helpers.definitions import KK_NUMBER, MALE_NIK, sample_definition
from tests.kiosk.documents.helpers import shipped_services

ANSWERS = {
    "nik": MALE_NIK,
    "nama": "Budi Santoso",
    "tanggal_lahir": "1985-08-17",
    "jenis_kelamin": "L",
    "no_kk": KK_NUMBER,
    "provinsi": "32",
    "kabupaten": "3273",
    "luas_tanah": "1.5",
    "jumlah_pegawai": 1200,
    "dokumen": ["ktp", "kk"],
    "pernyataan": True,
}


def test_printable_answers_use_labels_numbers_and_dates_in_the_language() -> None:
    english = printable_answers(sample_definition(), ANSWERS, "en")
    indonesian = printable_answers(sample_definition(), ANSWERS, "id")
    assert english["jenis_kelamin"] == "Male" and indonesian["jenis_kelamin"] == "Laki-laki"
    assert english["provinsi"] == "Jawa Barat"  # no English label: Indonesian
    assert english["dokumen"] == "ID card, Family card"
    assert english["tanggal_lahir"] == "17 August 1985"
    assert indonesian["tanggal_lahir"] == "17 Agustus 1985"
    assert indonesian["luas_tanah"] == "1,5" and english["luas_tanah"] == "1.5"
    assert indonesian["jumlah_pegawai"] == "1.200"
    assert english["nik"] == MALE_NIK  # the letter keeps the full number
    assert "pernyataan" not in english  # an acknowledgement is no detail of a letter


def test_answer_rows_mask_numbers_and_fold_the_other_text() -> None:
    definition = shipped_services()["surat-keterangan-usaha"]
    answers = {
        "nik": MALE_NIK,
        "nama": "Sri Wahyuni",
        "jenis_usaha": "lainnya",
        "jenis_usaha_lainnya": "Sablon kaos",
    }
    rows = dict(answer_rows(definition, answers, "id"))
    assert rows["NIK pemilik usaha"] == "3273********0001"
    assert rows["Jenis usaha"] == "Sablon kaos"
    assert "Tuliskan jenis usahanya" not in rows


def test_unknown_choice_values_and_non_dates_print_as_stored() -> None:
    printed = printable_answers(sample_definition(), {"jenis_kelamin": "X"}, "en")
    assert printed == {"jenis_kelamin": "X"}
    assert date_in_words("kemarin", "id") == "kemarin"


def test_letter_numbers() -> None:
    assert letter_number("surat-keterangan-kelahiran", "K7QM-2XHD", date(2026, 11, 3)) == (
        "474.1/K7QM-2XHD/XI/2026"
    )
    assert letter_number("a-new-letter", "K7QM-2XHD", date(2026, 1, 31)) == "470/K7QM-2XHD/I/2026"


def test_error_messages_are_plain_sentences() -> None:
    missing = LetterNeedsAnswer("surat-keterangan-domisili", "alamat", "Full address")
    assert describe_document_error(missing, "en") == (
        "The letter cannot be made: the answer to 'Full address' is missing from the application."
    )
    assert "does not produce a letter" in describe_document_error(NoLetterForService("x"), "en")
    found = describe_document_error(ApplicationNotFound("no"), "id")
    assert found == "Tidak ada permohonan dengan kode lacak ini di kantor ini."
    assert describe_document_error(RuntimeError("secret"), "en").startswith("The document")
