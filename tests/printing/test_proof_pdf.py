"""The A4 proof of submission: a real PDF, the facts, masked NIK only, reproducible bytes."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import pytest

from kiosk.catalogue.model import Output
from printing.pdf.parts import qr_drawing
from printing.pdf.proof import render_proof_pdf
from tests.helpers.pdf_qr import encoded
from tests.helpers.pdf_text import shown_text
from tests.helpers.qr_reader import read_qr
from tests.helpers.receipts import FULL_NIK, MASKED_NIK, make_receipt
from tests.printing.pdf_streams import qr_symbol


def _text(language: str = "en", **receipt: Any) -> str:
    return shown_text(render_proof_pdf(make_receipt(**receipt), language, compress=False))


def test_it_is_a_pdf() -> None:
    pdf = render_proof_pdf(make_receipt(), "id")
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")


def test_english_content() -> None:
    text = _text("en", assisted=True)
    assert "PROOF OF SERVICE SUBMISSION" in text
    assert "KANTOR DESA SUKAMAJU" in text
    assert "Certificate of Domicile" in text
    assert "K7QM-2XHD" in text
    assert "Friday, 27 November 2026, 09:15 WIB" in text
    assert "Monday, 30 November 2026" in text
    assert "Original e-KTP and a photocopy" in text
    assert "Assisted by staff" in text
    assert "UU PDP" in text


def test_indonesian_data_in_indonesian() -> None:
    text = _text("id")
    assert "Surat Keterangan Domisili" in text
    assert "Jumat, 27 November 2026, 09:15 WIB" in text
    assert "Senin, 30 November 2026" in text
    assert "KTP-el asli dan fotokopi" in text


@pytest.mark.parametrize("language", ["id", "en"])
def test_only_the_masked_nik_is_in_the_file(language: str) -> None:
    pdf = render_proof_pdf(make_receipt(nik=FULL_NIK), language, compress=False)
    text = shown_text(pdf)
    assert MASKED_NIK in text
    assert FULL_NIK not in re.sub(r"\s", "", text)
    assert FULL_NIK.encode() not in pdf
    assert FULL_NIK[4:12].encode() not in pdf


def test_no_nik_row_without_a_nik() -> None:
    assert "NIK" not in _text("en", nik=None)


def test_receipt_only_services_promise_no_letter() -> None:
    assert "Staff will print your letter" not in _text("en", output=Output.RECEIPT)


def test_two_renders_are_byte_identical() -> None:
    first = render_proof_pdf(make_receipt(), "id")
    assert render_proof_pdf(make_receipt(), "id") == first


def test_dated_when_submitted_and_free_of_personal_metadata() -> None:
    pdf = render_proof_pdf(make_receipt(), "en", compress=False)
    assert b"/CreationDate (D:20261127091500+07'00')" in pdf
    assert b"/Title (Proof of Service Submission K7QM-2XHD)" in pdf
    assert b"/Lang (en)" in pdf


def test_the_qr_drawing_is_the_size_asked_for() -> None:
    drawing = qr_drawing(make_receipt().qr_payload, 40)
    (widget,) = drawing.contents
    assert widget.value == "ANJUNGAN:S:K7QM-2XHD"
    assert (drawing.width, drawing.height) == (40, 40)


@pytest.mark.parametrize("compress", [True, False])
def test_the_qr_printed_reads_the_status_payload(compress: bool) -> None:
    symbol = qr_symbol(render_proof_pdf(make_receipt(), "id", compress=compress))
    assert read_qr(symbol) == "ANJUNGAN:S:K7QM-2XHD"
    assert symbol == encoded("ANJUNGAN:S:K7QM-2XHD", "M")
    assert symbol != encoded("ANJUNGAN:S:K7QM-2XHE", "M")


def test_another_tracking_code_prints_another_qr() -> None:
    receipt = replace(make_receipt(), tracking_code="X9PL-4RTA")
    symbol = qr_symbol(render_proof_pdf(receipt, "en"))
    assert read_qr(symbol) == "ANJUNGAN:S:X9PL-4RTA"
    assert symbol != qr_symbol(render_proof_pdf(make_receipt(), "en"))
