"""Data minimisation (UU PDP): a finished application keeps its receipt, not its answers.

Once the centre has an application (its outbox row answered) and the office has
finished it (collected or rejected), its answers are deleted after the retention
period. What a reprint of the receipt needs stays: code, service, dates, status in
the clear as before, and the masked NIK, sealed under the same binding as the answers
were. SQLite overwrites the freed pages (secure_delete, kiosk.db.engine), so the old
ciphertext does not linger in the file either.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.applications.binding import binding_of, held_nik, open_answers
from kiosk.applications.models import Application, OutboxItem
from kiosk.applications.types import ApplicationStatus
from kiosk.catalogue.validators import mask_nik
from kiosk.security.sealing import SealBroken, Sealer

log = logging.getLogger(__name__)

FINISHED = (ApplicationStatus.COLLECTED, ApplicationStatus.REJECTED)
ANSWERED = ("accepted", "duplicate", "rejected")  # the centre's answers that end sending


def forget_finished_answers(
    session: Session, sealer: Sealer, now: datetime, retention_days: int
) -> int:
    """Delete the answers of applications finished more than `retention_days` ago and
    answered by the centre, in the caller's transaction; how many."""
    due = (
        select(Application)
        .join(OutboxItem, OutboxItem.submission_id == Application.id)
        .where(Application.status.in_(FINISHED))
        .where(Application.updated_at < now - timedelta(days=retention_days))
        .where(Application.answers_deleted_at.is_(None))
        .where(OutboxItem.outcome.in_(ANSWERED))
    )
    forgotten = 0
    for row in session.scalars(due):
        try:
            nik = held_nik(open_answers(sealer, row))
        except SealBroken:
            log.error("application %s does not open: its answers cannot be minimised", row.id)
            continue
        kept = {"masked_nik": mask_nik(nik)} if nik else {}
        row.sealed = sealer.seal(kept, binding_of(row))
        row.answers_deleted_at = now
        forgotten += 1
    if forgotten:
        log.info("deleted the answers of %d finished applications", forgotten)
    return forgotten
