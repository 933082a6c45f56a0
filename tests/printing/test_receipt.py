"""The receipt layout: content per language, masked NIK only, fitting the paper, QR."""

from __future__ import annotations

import re

import pytest

from kiosk.catalogue.model import Output
from printing.document import Cut, Document, Logo, QrCode, TextLine
from printing.receipt import CODE_SIZE, layout_receipt, spelled_code
from tests.helpers.receipts import FULL_NIK, MASKED_NIK, make_receipt


def _lines(document: Document) -> list[TextLine]:
    return [e for e in document.elements if isinstance(e, TextLine)]


def _qr_data(document: Document) -> list[str]:
    return [e.data for e in document.elements if isinstance(e, QrCode)]


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("columns", [32, 48])
def test_every_line_fits_the_paper(columns: int, language: str) -> None:
    document = layout_receipt(make_receipt(assisted=True), language, columns)
    for line in _lines(document):
        assert len(line.text) * line.width <= columns, line


def test_indonesian_receipt_content() -> None:
    text = layout_receipt(make_receipt(), "id", 48).plain_text()
    assert "KANTOR DESA SUKAMAJU" in text
    assert "Surat Keterangan Domisili" in text
    assert "K7QM-2XHD" in text
    assert "K 7 Q M - 2 X H D" in text
    assert "Jumat, 27 November 2026, 09:15 WIB" in text  # one line on 80 mm paper
    assert "Senin, 30 November 2026" in text
    assert "- KTP-el asli dan fotokopi" in text


def test_indonesian_labels() -> None:
    text = layout_receipt(make_receipt(assisted=True), "id", 48).plain_text()
    assert "TANDA TERIMA" in text
    assert "Dibantu petugas" in text
    assert "Cek status: pindai kode QR ini di anjungan" in text


def test_english_receipt_content() -> None:
    text = layout_receipt(make_receipt(), "en", 48).plain_text()
    assert "RECEIPT" in text
    assert "Certificate of Domicile" in text
    assert "Submitted: Friday, 27 November 2026, 09:15 WIB" in text
    assert "Come back on: Monday, 30 November 2026" in text
    assert "What to bring:" in text
    assert "- Original e-KTP and a photocopy" in text
    assert "Staff will print your letter" in text
    assert "Check status: scan this QR code at the kiosk" in text


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("columns", [32, 48])
def test_only_the_masked_nik_is_printed(columns: int, language: str) -> None:
    document = layout_receipt(make_receipt(nik=FULL_NIK), language, columns)
    everything = document.plain_text() + "".join(_qr_data(document))
    assert MASKED_NIK in document.plain_text()
    assert FULL_NIK not in re.sub(r"\s", "", everything)
    assert FULL_NIK[4:12] not in everything


def test_no_nik_line_without_a_nik() -> None:
    text = layout_receipt(make_receipt(nik=None), "en", 48).plain_text()
    assert "NIK" not in text


def test_tracking_code_is_large_and_the_qr_holds_only_it() -> None:
    document = layout_receipt(make_receipt(), "en", 32)
    code = next(line for line in _lines(document) if line.text == "K7QM-2XHD")
    assert (code.width, code.height) == (CODE_SIZE, CODE_SIZE)
    assert _qr_data(document) == ["ANJUNGAN:S:K7QM-2XHD"]
    assert isinstance(document.elements[-1], Cut)


def test_long_facts_go_under_their_label_on_narrow_paper() -> None:
    lines = [line.text for line in _lines(layout_receipt(make_receipt(), "en", 32))]
    start = lines.index("Submitted:")
    assert lines[start + 1 : start + 3] == ["  Friday, 27 November 2026", "  09:15 WIB"]
    assert "NIK: 3201********0001" in lines


def test_requirements_wrap_with_bullets_on_narrow_paper() -> None:
    lines = [line.text for line in _lines(layout_receipt(make_receipt(), "en", 32))]
    start = lines.index("- A cover letter from the RT/RW,")
    assert lines[start + 1].startswith("  signed")
    assert sum(line.startswith("- ") for line in lines) == 3


def test_assisted_mark_only_when_a_clerk_helped() -> None:
    assert "Assisted by staff" not in layout_receipt(make_receipt(), "en", 48).plain_text()
    helped = layout_receipt(make_receipt(assisted=True), "en", 48).plain_text()
    assert "Assisted by staff" in helped


def test_receipt_only_services_promise_no_letter() -> None:
    text = layout_receipt(make_receipt(output=Output.RECEIPT), "en", 48).plain_text()
    assert "Staff will print your letter" not in text


def test_without_native_qr_the_code_is_typed_instead() -> None:
    document = layout_receipt(make_receipt(), "en", 48, native_qr=False)
    assert _qr_data(document) == []
    assert "enter the tracking code" in document.plain_text()


def test_logo_only_when_asked() -> None:
    assert not any(isinstance(e, Logo) for e in layout_receipt(make_receipt(), "en", 48).elements)
    assert isinstance(layout_receipt(make_receipt(), "en", 48, logo=True).elements[0], Logo)


@pytest.mark.parametrize(
    ("code", "spoken"),
    [("K7QM-2XHD", "K 7 Q M - 2 X H D"), ("K7QM2XHD", "K 7 Q M - 2 X H D"), ("AB", "A B")],
)
def test_spelled_code_groups_the_characters(code: str, spoken: str) -> None:
    assert spelled_code(code) == spoken
