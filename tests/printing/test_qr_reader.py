"""The test QR reader and PDF QR finder: they read what was encoded, and only that."""

from __future__ import annotations

import io

import pytest
from reportlab.graphics import renderPDF
from reportlab.pdfgen.canvas import Canvas

from printing.pdf.parts import qr_drawing
from tests.helpers.pdf_qr import encoded, qr_symbols
from tests.helpers.qr_reader import Unreadable, read_qr
from tests.printing.pdf_streams import qr_symbol, streams

PAYLOADS = [
    "ANJUNGAN:S:K7QM-2XHD",  # alphanumeric, version 1 at level M
    "ANJUNGAN:L:470/123/DS/XI/2026",  # alphanumeric, version 2
    "081234567890",  # numeric
    "Surat Keterangan Domisili – Désa Sukamaju",  # bytes (UTF-8)
    "x" * 50,  # bytes, over several Reed-Solomon blocks from level M
]


@pytest.mark.parametrize("level", ["L", "M", "Q", "H"])
@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_reader_reads_what_reportlab_encodes(payload: str, level: str) -> None:
    assert read_qr(encoded(payload, level)) == payload


def test_masks_are_all_read() -> None:
    masks = set()
    for i in range(40):
        matrix = encoded(f"ANJUNGAN:S:{i:04d}-TEST")
        masks.add(tuple(matrix[8][:6]))  # part of the format bits, which name the mask
        assert read_qr(matrix) == f"ANJUNGAN:S:{i:04d}-TEST"
    assert len(masks) >= 4


@pytest.mark.parametrize(("row", "column"), [(20, 20), (12, 12), (9, 14), (8, 2)])
def test_a_damaged_symbol_is_unreadable(row: int, column: int) -> None:
    """A flipped data module breaks a Reed-Solomon check; a flipped format bit the format."""
    matrix = encoded("ANJUNGAN:S:K7QM-2XHD")
    matrix[row][column] = not matrix[row][column]
    with pytest.raises(Unreadable):
        read_qr(matrix)


def test_the_finder_reads_a_drawing_placed_anywhere_on_a_page() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=0, invariant=1)
    renderPDF.draw(qr_drawing("ANJUNGAN:S:AB12-CD34", 37.5), canvas, 123.4, 567.8)
    canvas.rect(10, 10, 50, 8, stroke=0, fill=1)  # a black bar is no QR
    canvas.showPage()
    canvas.save()
    assert read_qr(qr_symbol(buffer.getvalue())) == "ANJUNGAN:S:AB12-CD34"


def test_a_page_without_a_qr_has_no_symbol() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=0, invariant=1)
    canvas.drawString(100, 100, "ANJUNGAN:S:K7QM-2XHD (no QR) re f*")
    canvas.rect(10, 10, 50, 8, stroke=0, fill=1)
    canvas.showPage()
    canvas.save()
    assert not any(qr_symbols(content) for content in streams(buffer.getvalue()))
