"""The documents' application service: a submission's A4 proof and its village letter.

The sealed answers are opened in memory only, for the one document being made; nothing
is written back and nothing personal is logged.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from kiosk.applications.binding import held_nik, open_answers
from kiosk.applications.errors import AnswersForgotten
from kiosk.applications.lookup import find_application, receipt_of
from kiosk.applications.types import Receipt
from kiosk.catalogue.model import Output, ServiceDefinition
from kiosk.clock import Clock
from kiosk.documents.answers import answer_rows, printable_answers
from kiosk.documents.errors import LetterNeedsAnswer, NoLetterForService, ServiceNotOffered
from kiosk.documents.numbering import letter_number
from kiosk.documents.types import (
    DocumentRenderer,
    DocumentSummary,
    LetterFacts,
    Office,
    ProofFacts,
)
from kiosk.office_time import business_date, office_zone
from kiosk.security.sealing import Sealer
from kiosk.wizard.messages import text_in

log = logging.getLogger(__name__)

BLANK_SIGNATURE = "(" + "." * 40 + ")"  # no head_name set: a line to write the name on


@dataclass(frozen=True)
class _Opened:
    """One submission with its answers unsealed: lives for one document only."""

    receipt: Receipt
    answers: Mapping[str, Any] = field(repr=False)
    forgotten: bool = False  # deleted after the retention period: a proof only, no letter


class DocumentMaker:
    """Makes the PDFs; `definitions` is the loaded catalogue by service id."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        sealer: Sealer,
        definitions: Mapping[str, ServiceDefinition],
        office: Office,
        clock: Clock,
        timezone: str,
        renderer: DocumentRenderer,
    ) -> None:
        self._sessions = session_factory
        self._sealer = sealer
        self._definitions = definitions
        self._office = office
        self._clock = clock
        self._zone = office_zone(timezone)
        self._renderer = renderer

    def summary(self, tracking_code: str) -> DocumentSummary:
        """Service, status and whether a letter exists; nothing is unsealed."""
        with self._sessions() as session:
            row = find_application(session, tracking_code)
            return DocumentSummary(row.tracking_code, row.service_title, row.status, row.output)

    def proof_pdf(self, tracking_code: str, language: str) -> bytes:
        """The A4 proof: the receipt's facts and the answers in words, NIK masked."""
        opened = self._open(tracking_code)
        definition = self._definitions.get(opened.receipt.service_id)
        rows = answer_rows(definition, opened.answers, language) if definition else ()
        pdf = self._renderer.proof_pdf(ProofFacts(opened.receipt, rows), language)
        log.info("proof of %s made", opened.receipt.tracking_code)
        return pdf

    def letter_pdf(self, tracking_code: str, language: str, signed_by: str | None = None) -> bytes:
        """The village letter, dated today, numbered from the tracking code (see
        kiosk.documents.numbering); `signed_by` replaces the head's name (e.g. a deputy)."""
        opened = self._open(tracking_code)
        receipt = opened.receipt
        if opened.forgotten:
            raise AnswersForgotten(f"the answers of {receipt.tracking_code} were deleted")
        if receipt.output is not Output.LETTER:
            raise NoLetterForService(receipt.service_id)
        definition = self._definitions.get(receipt.service_id)
        if definition is None:
            raise ServiceNotOffered(receipt.service_id)
        letter = self._letter(definition, opened, language, signed_by)
        try:
            pdf = self._renderer.letter_pdf(letter, language)
        except LetterNeedsAnswer as missing:
            raise _explained(missing, definition, language) from missing
        log.info("letter %s made", letter.letter_number)
        return pdf

    def _letter(
        self, definition: ServiceDefinition, opened: _Opened, language: str, signed_by: str | None
    ) -> LetterFacts:
        template = definition.letter_template or definition.id
        receipt = opened.receipt
        signatory = (signed_by or self._office.head_name).strip() or BLANK_SIGNATURE
        return LetterFacts(
            template=template,
            answers=printable_answers(definition, opened.answers, language),
            letter_number=letter_number(template, receipt.tracking_code, receipt.created_at.date()),
            office=self._office,
            issued_on=business_date(self._clock.now(), self._zone),
            signatory_name=signatory,
            verification_payload=receipt.qr_payload,
        )

    def _open(self, tracking_code: str) -> _Opened:
        with self._sessions() as session:
            row = find_application(session, tracking_code)
            sealed = open_answers(self._sealer, row)
            answers = sealed.get("answers")
            return _Opened(
                receipt=receipt_of(row, held_nik(sealed), self._zone, self._office.name),
                answers=answers if isinstance(answers, dict) else {},
                forgotten=row.answers_deleted_at is not None,
            )


def _explained(
    missing: LetterNeedsAnswer, definition: ServiceDefinition, language: str
) -> LetterNeedsAnswer:
    """The same error, naming the question (its label) the staff can ask again."""
    try:
        question = text_in(definition.field(missing.field).label, language)
    except KeyError:
        question = missing.field
    return LetterNeedsAnswer(missing.template, missing.field, question)
