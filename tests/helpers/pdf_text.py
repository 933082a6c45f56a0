"""Reading the text of an uncompressed reportlab PDF without a PDF library (tests only)."""

from __future__ import annotations

import re

SHOWN_STRING = re.compile(rb"\(((?:\\.|[^\\)])*)\)\s*Tj")
ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.DOTALL)
NAMED_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(literal: bytes) -> bytes:
    def replace(match: re.Match[bytes]) -> bytes:
        code = match.group(1)
        if code.isdigit():
            return bytes([int(code, 8)])
        return NAMED_ESCAPES.get(code, code)

    return ESCAPE.sub(replace, literal)


def shown_lines(pdf: bytes) -> list[str]:
    """Every string a page shows with Tj, in order. Needs `compress=False`; ASCII reads as
    itself (reportlab keeps ASCII readable in TrueType subsets), anything else as Latin-1."""
    return [_unescape(raw).decode("latin-1") for raw in SHOWN_STRING.findall(pdf)]


def shown_text(pdf: bytes) -> str:
    return "\n".join(shown_lines(pdf))
