"""Staff documents as the screens use them: find an application, print its proof or letter."""

from __future__ import annotations

from kiosk.documents.maker import DocumentMaker
from kiosk.documents.ports import A4Printer
from kiosk.documents.types import DocumentSummary


class DocumentDesk:
    """Implements ui.documents.contracts.DocumentsPort: every call blocks (database,
    unsealing, the print command), so the screen calls it off the GUI thread."""

    def __init__(self, documents: DocumentMaker, printer: A4Printer) -> None:
        self._documents = documents
        self._printer = printer

    def lookup(self, tracking_code: str) -> DocumentSummary:
        return self._documents.summary(tracking_code)

    def print_proof(self, tracking_code: str, language: str) -> None:
        self._printer.print_pdf(self._documents.proof_pdf(tracking_code, language))

    def print_letter(self, tracking_code: str, language: str) -> None:
        self._printer.print_pdf(self._documents.letter_pdf(tracking_code, language))
