"""The text of a compressed reportlab PDF: inflate its streams, then read the Tj strings."""

from __future__ import annotations

import re
import zlib

from tests.helpers.pdf_text import shown_text

STREAM = re.compile(
    rb"/Filter\s*\[?\s*/FlateDecode\s*\]?.*?>>\s*stream\r?\n(.*?)\r?\nendstream", re.S
)


def inflated(pdf: bytes) -> bytes:
    """Every Flate stream of `pdf`, inflated, one after the other (fonts included)."""
    parts = []
    for raw in STREAM.findall(pdf):
        try:
            parts.append(zlib.decompress(raw))
        except zlib.error:
            continue
    assert parts, "no Flate stream found: is this a compressed PDF?"
    return b"\n".join(parts)


def pdf_text(pdf: bytes) -> str:
    """What the pages show, for compressed and uncompressed PDFs alike."""
    uncompressed = shown_text(pdf)
    return uncompressed if uncompressed else shown_text(inflated(pdf))
