"""What the documents are made of, and the renderer port the composition root plugs in.

The core decides what a document says (the office, the letter number, answers in words);
`printing/` lays it out. The core may not import `printing`, hence the `DocumentRenderer`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from kiosk.applications.types import ApplicationStatus, Receipt
from kiosk.catalogue.model import Output, Texts

Rows = tuple[tuple[str, str], ...]  # (label, value), already in the document's language


@dataclass(frozen=True)
class Office:
    """The office as letters name it (settings office.*)."""

    name: str
    address: str = ""
    place: str = ""  # where letters are signed; empty: the office name
    head_name: str = ""  # who signs; empty: a blank line to sign on
    head_title: str = "Kepala Desa"


@dataclass(frozen=True)
class ProofFacts:
    """The A4 proof: the receipt's facts and the answers in words (NIK and KK masked)."""

    receipt: Receipt
    answers: Rows = field(repr=False)


@dataclass(frozen=True)
class LetterFacts:
    """One village letter. `answers` are the printable answers by field name: choice
    labels, dates in words, the full NIK (the letter is handed over in person)."""

    template: str
    answers: Mapping[str, str] = field(repr=False)
    letter_number: str
    office: Office
    issued_on: date
    signatory_name: str
    verification_payload: str  # the tracking code's QR payload, as on the receipt


@dataclass(frozen=True)
class DocumentSummary:
    """What staff see before printing: no personal data, nothing unsealed."""

    tracking_code: str
    service_title: Texts
    status: ApplicationStatus
    output: Output

    @property
    def has_letter(self) -> bool:
        return self.output is Output.LETTER


class DocumentRenderer(Protocol):
    """Lays documents out as A4 PDF bytes (printing.pdf.documents implements it).

    `letter_pdf` raises kiosk.documents.errors.LetterNeedsAnswer when its template needs
    an answer `letter.answers` lacks, and ValueError for an unknown template.
    """

    def proof_pdf(self, proof: ProofFacts, language: str) -> bytes: ...

    def letter_pdf(self, letter: LetterFacts, language: str) -> bytes: ...
