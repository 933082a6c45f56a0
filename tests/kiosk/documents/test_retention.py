"""A letter needs the answers: after the retention period staff are told why it cannot print."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.applications.errors import AnswersForgotten
from kiosk.applications.models import Application, OutboxItem
from kiosk.applications.retention import forget_finished_answers
from kiosk.applications.types import ApplicationStatus
from kiosk.documents.maker import DocumentMaker
from kiosk.documents.messages import describe_document_error
from kiosk.security.sealing import Sealer
from tests.helpers.definitions import MALE_NIK
from tests.helpers.pdf_text import shown_text
from tests.helpers.stubs import FakeClock
from tests.kiosk.documents.conftest import Store

DOMICILE = "surat-keterangan-domisili"


def test_after_retention_the_letter_is_refused_and_the_proof_keeps_the_masked_nik(
    documents: DocumentMaker,
    store: Store,
    sessions: sessionmaker[Session],
    sealer: Sealer,
    clock: FakeClock,
) -> None:
    code = store(DOMICILE, nama="Siti Aminah")
    assert MALE_NIK in shown_text(documents.letter_pdf(code, "id"))
    before = shown_text(documents.proof_pdf(code, "id"))
    masked = re.findall(r"\d{4}\*{8}\d{4}", before)
    assert masked and "Siti Aminah" in before
    with sessions() as session:
        row = session.scalars(select(Application).where(Application.tracking_code == code)).one()
        row.status, row.updated_at = ApplicationStatus.COLLECTED, clock.now()
        session.scalars(select(OutboxItem)).one().outcome = "accepted"
        session.commit()
    clock.advance(days=31)
    with sessions() as session:
        assert forget_finished_answers(session, sealer, clock.now(), 30) == 1
        session.commit()
    with pytest.raises(AnswersForgotten) as refused:
        documents.letter_pdf(code, "id")
    assert "dihapus" in describe_document_error(refused.value, "id")
    proof = shown_text(documents.proof_pdf(code, "id"))
    assert masked[0] in proof and MALE_NIK not in proof and "Siti" not in proof
