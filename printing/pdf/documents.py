"""The core's DocumentRenderer over the PDF layouts: proofs and letters as A4 PDF bytes."""

from __future__ import annotations

from kiosk.documents.errors import LetterNeedsAnswer
from kiosk.documents.types import LetterFacts, ProofFacts
from printing.pdf.letter import LetterContent, render_letter_pdf
from printing.pdf.letter_templates import MissingAnswer, fill_letter
from printing.pdf.proof import render_proof_pdf


class PdfDocuments:
    """Implements kiosk.documents.types.DocumentRenderer; `compress=False` for tests."""

    def __init__(self, compress: bool = True) -> None:
        self._compress = compress

    def proof_pdf(self, proof: ProofFacts, language: str) -> bytes:
        return render_proof_pdf(
            proof.receipt, language, answers=proof.answers, compress=self._compress
        )

    def letter_pdf(self, letter: LetterFacts, language: str) -> bytes:
        try:
            filled = fill_letter(letter.template, letter.answers, language)
        except MissingAnswer as missing:
            raise LetterNeedsAnswer(missing.template, missing.field) from missing
        office = letter.office
        content = LetterContent(
            office_name=office.name,
            office_address=office.address,
            letter_number=letter.letter_number,
            title=filled.title,
            details=filled.details,
            body=filled.body,
            place=office.place or office.name,
            issued_on=letter.issued_on,
            signatory_name=letter.signatory_name,
            signatory_title=office.head_title,
            verification_payload=letter.verification_payload,
        )
        return render_letter_pdf(content, language, compress=self._compress)
