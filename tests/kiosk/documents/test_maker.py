"""DocumentMaker over a real database: proofs and letters from sealed submissions."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.applications.errors import ApplicationNotFound, InvalidTrackingCode
from kiosk.applications.models import Application
from kiosk.applications.types import ApplicationStatus
from kiosk.documents.errors import LetterNeedsAnswer, NoLetterForService, ServiceNotOffered
from kiosk.documents.maker import DocumentMaker
from kiosk.documents.types import DocumentSummary, Office
from kiosk.security.sealing import Sealer
from printing.pdf.documents import PdfDocuments
from tests.helpers.definitions import MALE_NIK
from tests.helpers.pdf_text import shown_text
from tests.helpers.stubs import FakeClock
from tests.kiosk.documents.conftest import OFFICE, Store

DOMICILE = "surat-keterangan-domisili"
NUMBER = re.compile(r"470/([0-9A-Z]{4}-[0-9A-Z]{4})/V/2024")


def test_letter_prints_labels_number_office_and_signatory(
    documents: DocumentMaker, store: Store
) -> None:
    code = store(DOMICILE, nama="Siti Aminah", jenis_kelamin="perempuan", keperluan="perbankan")
    shown = shown_text(documents.letter_pdf(code, "id"))
    assert "SURAT KETERANGAN DOMISILI" in shown
    assert f"Nomor: 470/{code}/V/2024" in shown  # submitted in May 2024 (V)
    assert "Perempuan" in shown and "perempuan" not in shown  # the label, not the value
    assert "Membuka rekening / kredit bank" in shown
    assert "Siti Aminah" in shown and MALE_NIK in shown  # the letter carries the full NIK
    assert "1 April 2024" in shown  # the birth date in words
    assert "Sukamaju, 6 Mei 2024" in shown  # signed today, in the office's place
    assert OFFICE.head_name in shown and OFFICE.head_title in shown
    assert OFFICE.name.upper() in shown


def test_english_letter_uses_english_labels(documents: DocumentMaker, store: Store) -> None:
    code = store(DOMICILE, jenis_kelamin="laki_laki")
    shown = shown_text(documents.letter_pdf(code, "en"))
    assert "CERTIFICATE OF DOMICILE" in shown
    assert "Male" in shown and "laki_laki" not in shown
    assert "Sukamaju, 6 May 2024" in shown


def test_a_label_missing_in_the_language_falls_back_to_indonesian(
    documents: DocumentMaker, store: Store
) -> None:
    code = store("surat-pengantar-pindah", provinsi_tujuan="33", kabupaten_tujuan="3374")
    shown = shown_text(documents.letter_pdf(code, "en"))
    assert "Kota Semarang, Central Java" in shown  # the regency has an Indonesian label only
    assert "3374" not in shown


def test_other_prints_what_was_typed(documents: DocumentMaker, store: Store) -> None:
    code = store(DOMICILE, keperluan="lainnya", keperluan_lainnya="Syarat nikah di KUA")
    shown = shown_text(documents.letter_pdf(code, "id"))
    assert "Syarat nikah di KUA" in shown
    assert "Lainnya" not in shown


def test_the_number_is_stable_on_a_reprint_and_unique_per_submission(
    documents: DocumentMaker, store: Store, clock: FakeClock
) -> None:
    first, second = store(DOMICILE), store(DOMICILE)
    numbers = NUMBER.findall(shown_text(documents.letter_pdf(first, "id")))
    clock.advance(days=70)  # a reprint in July still carries May's number
    again = NUMBER.findall(shown_text(documents.letter_pdf(first, "id")))
    other = NUMBER.findall(shown_text(documents.letter_pdf(second, "id")))
    assert numbers == again == [first]
    assert other == [second] != numbers


def test_signed_by_replaces_the_head_and_no_head_leaves_a_line(
    sessions: sessionmaker[Session], sealer: Sealer, definitions, clock: FakeClock, store: Store
) -> None:
    code = store(DOMICILE)
    unsigned = DocumentMaker(
        sessions,
        sealer,
        definitions,
        Office(name=OFFICE.name),
        clock,
        "Asia/Jakarta",
        PdfDocuments(compress=False),
    )
    deputy = shown_text(unsigned.letter_pdf(code, "id", signed_by="Dedi Kurniawan"))
    blank = shown_text(unsigned.letter_pdf(code, "id"))
    assert "Dedi Kurniawan" in deputy
    assert "(....." in blank and OFFICE.head_name not in blank
    assert f"{OFFICE.name}, 6 Mei" in blank  # no place set: the office name (line wraps)


def test_qr_holds_the_receipt_payload(documents: DocumentMaker, store: Store) -> None:
    code = store(DOMICILE)
    seen: list[str] = []
    renderer = documents._renderer

    class Spy:
        def proof_pdf(self, proof, language):
            seen.append(proof.receipt.qr_payload)
            return renderer.proof_pdf(proof, language)

        def letter_pdf(self, letter, language):
            seen.append(letter.verification_payload)
            return renderer.letter_pdf(letter, language)

    documents._renderer = Spy()
    documents.letter_pdf(code, "id")
    documents.proof_pdf(code, "id")
    assert seen == [f"ANJUNGAN:S:{code}"] * 2


def test_proof_lists_answers_in_words_with_the_nik_masked(
    documents: DocumentMaker, store: Store
) -> None:
    code = store(DOMICILE, nama="Siti Aminah", jenis_kelamin="perempuan")
    pdf = documents.proof_pdf(code.lower().replace("-", " "), "id")  # typed loosely
    shown = shown_text(pdf)
    assert "BUKTI PENGAJUAN LAYANAN" in shown
    assert code in shown
    assert "Perempuan" in shown and "perempuan" not in shown
    assert "Siti Aminah" in shown
    assert "1 April 2024" in shown
    assert MALE_NIK not in shown and "3273********0001" in shown


def test_letter_for_a_receipt_only_service_is_refused(
    documents: DocumentMaker, store: Store
) -> None:
    code = store("perekaman-ektp", keperluan="baru", surat_kehilangan=None)
    with pytest.raises(NoLetterForService) as raised:
        documents.letter_pdf(code, "id")
    assert raised.value.service_id == "perekaman-ektp"
    assert documents.proof_pdf(code, "id").startswith(b"%PDF-")  # the proof still prints


def test_a_missing_answer_names_the_question(documents: DocumentMaker, store: Store) -> None:
    code = store(DOMICILE, alamat=None)
    with pytest.raises(LetterNeedsAnswer) as raised:
        documents.letter_pdf(code, "en")
    assert raised.value.field == "alamat"
    assert raised.value.question == "Full address"
    assert isinstance(raised.value.__cause__, LetterNeedsAnswer)


def test_a_service_no_longer_in_the_catalogue(
    sessions: sessionmaker[Session], sealer: Sealer, definitions, clock: FakeClock, store: Store
) -> None:
    code = store(DOMICILE)
    others = {key: value for key, value in definitions.items() if key != DOMICILE}
    service = DocumentMaker(
        sessions, sealer, others, OFFICE, clock, "Asia/Jakarta", PdfDocuments(compress=False)
    )
    with pytest.raises(ServiceNotOffered):
        service.letter_pdf(code, "id")
    assert "Siti" not in shown_text(service.proof_pdf(code, "id"))  # no rows, still a proof


def test_unknown_and_invalid_codes(documents: DocumentMaker) -> None:
    with pytest.raises(ApplicationNotFound):
        documents.proof_pdf("0000-0000", "id")
    with pytest.raises(InvalidTrackingCode):
        documents.letter_pdf("ABCD-EFGU", "id")


def test_summary_unseals_nothing(documents: DocumentMaker, store: Store, sealer: Sealer) -> None:
    code = store(DOMICILE)
    sealer.unseal = None  # type: ignore[method-assign]  # any unseal would now fail
    summary = documents.summary(code)
    assert summary == DocumentSummary(
        code, summary.service_title, ApplicationStatus.RECEIVED, summary.output
    )
    assert summary.service_title["id"] == "Surat Keterangan Domisili"
    assert summary.has_letter


def test_making_documents_writes_nothing_to_the_database(
    documents: DocumentMaker, store: Store, sessions: sessionmaker[Session], db_url: str
) -> None:
    code = store(DOMICILE, nama="Siti Aminah")
    with sessions() as session:
        before = session.scalars(select(Application.sealed)).all()
    documents.letter_pdf(code, "id")
    documents.proof_pdf(code, "id")
    with sessions() as session:
        assert session.scalars(select(Application.sealed)).all() == before
    database = db_url.removeprefix("sqlite:///")
    files = [database, database + "-wal"]
    for path in files:
        try:
            content = open(path, "rb").read()  # noqa: SIM115
        except FileNotFoundError:
            continue
        assert b"Siti Aminah" not in content
        assert MALE_NIK.encode() not in content


def test_nothing_personal_is_logged(
    documents: DocumentMaker, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    code = store(DOMICILE, nama="Siti Aminah")
    caplog.set_level("DEBUG")
    documents.letter_pdf(code, "id")
    documents.proof_pdf(code, "id")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert code in logged  # the tracking code is not personal
    assert "Siti" not in logged and MALE_NIK not in logged
