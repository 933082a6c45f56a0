"""What staff documents need from the outside: an A4 printer."""

from __future__ import annotations

from typing import Protocol


class A4Printer(Protocol):
    """Prints one PDF on paper.

    Returns the print system's job id (or ""); raises one of
    :mod:`kiosk.documents.errors`' A4PrintFailed when the document was not accepted.
    """

    def print_pdf(self, pdf: bytes) -> str: ...
