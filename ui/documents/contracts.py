"""What the documents screen needs from the core (kiosk.documents.desk implements it)."""

from __future__ import annotations

from typing import Protocol

from kiosk.documents.types import DocumentSummary


class DocumentsPort(Protocol):
    """Every call blocks (database, unsealing, the A4 print command): the screen makes
    them off the GUI thread. Errors are KioskErrors explained by
    kiosk.documents.messages.describe_document_error."""

    def lookup(self, tracking_code: str) -> DocumentSummary:
        """Service and status of a submission; nothing personal is unsealed."""
        ...

    def print_proof(self, tracking_code: str, language: str) -> None:
        """Make the A4 proof and hand it to the A4 printer; returns once it took it."""
        ...

    def print_letter(self, tracking_code: str, language: str) -> None:
        """Make the village letter and hand it to the A4 printer."""
        ...
