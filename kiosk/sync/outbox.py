"""The outbox on the way out: pending rows sealed for the centre, and its answers kept.

A batch is built from rows not yet answered, oldest first, up to the configured size
in bytes. Each application's content is opened with the office key and sealed again
for the centre (kiosk.sync.sealing) under its label: the outbox itself never holds a
second copy of the answers. The centre's answers are committed in one transaction:
a row counts as sent only once that commit has landed, so a kiosk killed in between
sends the batch again and hears `duplicate`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.applications.binding import open_answers
from kiosk.applications.models import (
    OUTBOX_KIND_SUBMISSION,
    Application,
    ApplicationEvent,
    OutboxItem,
)
from kiosk.applications.types import ApplicationStatus
from kiosk.security.sealing import SealBroken, Sealer
from kiosk.sync.sealing import Label, seal_for_centre
from kiosk.sync.wire import ItemResult, UploadItem, rfc3339

log = logging.getLogger(__name__)

MAX_ITEMS = 100  # the contract's limit per batch
# Bytes on the wire per item besides its envelope, once the batch is gzipped: the
# UUID, code, service and time (JSON keys and base64 cost little after gzip).
ITEM_OVERHEAD = 60
UNREADABLE = "unreadable"  # a row whose sealed answers do not open: a technician's case
REASON_LENGTH = 500

# The centre's statuses as the kiosk shows them (docs/sync.md "Statuses on the kiosk").
FROM_CENTRE = {
    "received": ApplicationStatus.SENT,
    "in_process": ApplicationStatus.IN_PROGRESS,
    "needs_citizen": ApplicationStatus.NEEDS_CITIZEN,
    "ready": ApplicationStatus.READY,
    "done": ApplicationStatus.COLLECTED,
    "rejected": ApplicationStatus.REJECTED,
}


@dataclass(frozen=True)
class Batch:
    items: tuple[UploadItem, ...]
    unreadable: int  # rows set aside while building it


def pending_query() -> Any:
    return (
        select(OutboxItem)
        .where(OutboxItem.kind == OUTBOX_KIND_SUBMISSION)
        .where(OutboxItem.sent_at.is_(None), OutboxItem.outcome.is_(None))
        .order_by(OutboxItem.id)
    )


def count_pending(session: Session) -> int:
    """Applications the centre has not answered yet."""
    return session.scalar(select(func.count()).select_from(pending_query().subquery())) or 0


def next_batch(
    session: Session, sealer: Sealer, centre_key: X25519PublicKey, max_bytes: int, now: datetime
) -> Batch:
    """The oldest unanswered applications, sealed for the centre, at most `max_bytes`
    of request body (always at least one item if any is pending)."""
    items: list[UploadItem] = []
    unreadable = 0
    size = 0
    rows = list(session.scalars(pending_query().limit(MAX_ITEMS * 2)))
    applications = _applications(session, [row.submission_id for row in rows])
    for row in rows:
        try:
            item = upload_item(applications[row.submission_id], sealer, centre_key)
        except SealBroken:
            _set_aside(row, now)
            unreadable += 1
            continue
        cost = len(item.envelope) + ITEM_OVERHEAD
        if items and (size + cost > max_bytes or len(items) == MAX_ITEMS):
            break
        items.append(item)
        size += cost
    return Batch(tuple(items), unreadable)


def upload_item(row: Application, sealer: Sealer, centre_key: X25519PublicKey) -> UploadItem:
    """One application as the centre receives it; SealBroken if its answers do not open."""
    content = dict(open_answers(sealer, row))
    content["assisted"] = row.assisted
    content["created_at"] = rfc3339(row.created_at)
    label = Label(row.id, row.tracking_code, row.service_id, row.service_version)
    return UploadItem(label, row.created_at, seal_for_centre(content, label, centre_key))


def _set_aside(row: OutboxItem, now: datetime) -> None:
    """Never sent, never retried: its answers are gone for the kiosk too (logged by id)."""
    log.error("application %s does not open with the office key: not sent", row.submission_id)
    row.outcome = UNREADABLE
    row.reason_code = "seal-broken"
    row.next_attempt_at = now


def apply_results(session: Session, results: list[ItemResult], now: datetime) -> None:
    """The centre's answer per item, in the caller's transaction."""
    ids = [result.id for result in results]
    pending = pending_query().where(OutboxItem.submission_id.in_(ids))
    rows = {row.submission_id: row for row in session.scalars(pending)}
    applications = _applications(session, ids)
    for result in results:
        row = rows.get(result.id)
        if row is None:
            continue  # answered by an earlier round that committed (a retried batch)
        row.attempts += 1
        row.sent_at = now
        row.outcome = result.outcome
        row.reason_code = result.reason_code
        row.reason = (result.reason or "")[:REASON_LENGTH] or None
        _follow(session, applications[result.id], result, now)


def _applications(session: Session, ids: list[str]) -> dict[str, Application]:
    """The applications of `ids` in one query (a batch is up to 100)."""
    found = session.scalars(select(Application).where(Application.id.in_(ids)))
    return {application.id: application for application in found}


def _follow(session: Session, application: Application, result: ItemResult, now: datetime) -> None:
    if result.outcome in ("accepted", "duplicate"):
        status = FROM_CENTRE[result.status or "received"]
        if application.status == ApplicationStatus.RECEIVED:
            move(session, application, status, now, None)
    elif result.outcome == "rejected":
        message = {"en": result.reason} if result.reason else None
        move(session, application, ApplicationStatus.REJECTED, now, message)
        log.warning("the centre rejected application %s (%s)", application.id, result.reason_code)
    else:
        log.error("the centre holds other content under application %s", application.id)


def move(
    session: Session,
    application: Application,
    status: ApplicationStatus,
    at: datetime,
    message: dict[str, str] | None,
) -> None:
    """Set a new status (with its event) unless the application already has it."""
    if application.status == status and application.status_message == message:
        return
    application.status = status
    application.status_message = message
    application.updated_at = at
    session.add(ApplicationEvent(submission_id=application.id, status=status, at=at))
