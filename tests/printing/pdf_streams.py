"""The text of a compressed reportlab PDF: decode its streams, then read the Tj strings."""

from __future__ import annotations

import base64
import re
import zlib

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


def inflated(pdf: bytes) -> bytes:
    """Every Flate (and ASCII85) stream of `pdf`, decoded, one after the other."""
    parts = [_decoded(dictionary, raw) for dictionary, raw in STREAM.findall(pdf)]
    found = [part for part in parts if part]
    assert found, "no stream found: is this a PDF?"
    return b"\n".join(found)


def pdf_text(pdf: bytes) -> str:
    """What the pages show, for compressed and uncompressed PDFs alike."""
    uncompressed = shown_text(pdf)
    return uncompressed if uncompressed else shown_text(inflated(pdf))
