"""The text of a compressed reportlab PDF: decode its streams, then read the Tj strings."""

from __future__ import annotations

import base64
import re
import zlib

from tests.helpers.pdf_qr import qr_symbols
from tests.helpers.pdf_text import shown_text

STREAM = re.compile(rb"<<([^<>]*(?:<<[^<>]*>>[^<>]*)*)>>\s*stream\r?\n(.*?)endstream", re.S)


def _decoded(dictionary: bytes, raw: bytes) -> bytes | None:
    if b"/Length1" in dictionary:  # an embedded font program, not page content
        return None
    data = raw
    if b"/ASCII85Decode" in dictionary:
        data = base64.a85decode(data.strip().removesuffix(b"~>"))
    if b"/FlateDecode" in dictionary:
        try:
            return zlib.decompressobj().decompress(data)
        except zlib.error:
            return None
    return data


def streams(pdf: bytes) -> list[bytes]:
    """Every stream of `pdf` but the embedded fonts, decoded: the pages' content among them."""
    parts = [_decoded(dictionary, raw) for dictionary, raw in STREAM.findall(pdf)]
    found = [part for part in parts if part]
    assert found, "no stream found: is this a PDF?"
    return found


def inflated(pdf: bytes) -> bytes:
    """Every Flate (and ASCII85) stream of `pdf`, decoded, one after the other."""
    return b"\n".join(streams(pdf))


def pdf_text(pdf: bytes) -> str:
    """What the pages show, for compressed and uncompressed PDFs alike: read from the
    decoded streams only, since compressed bytes can look like a `(...) Tj` by chance."""
    return shown_text(inflated(pdf))


def qr_symbol(pdf: bytes) -> list[list[bool]]:
    """The module matrix of the one QR symbol the PDF paints (tests.helpers.pdf_qr)."""
    symbols = [symbol for content in streams(pdf) for symbol in qr_symbols(content)]
    assert len(symbols) == 1, f"expected one QR symbol in the PDF, found {len(symbols)}"
    return symbols[0]
