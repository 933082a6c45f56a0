"""A batch of sealed applications from one kiosk: per item accepted, duplicate,
conflict or rejected (docs/sync.md), in one transaction.

Every envelope is opened (its content digest decides duplicate or conflict), the ids
are looked up in one query, new items are checked against their definition and
inserted with ON CONFLICT DO NOTHING: a second request with the same UUID that raced
this one (a duplicated request on PostgreSQL) waits for it, inserts nothing and is
answered from the stored row, never with an error or a second row.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.centre import Centre
from central.clock import as_utc
from central.database import insert_or_skip
from central.models import Application
from central.operations.statuses import Status
from central.validation import Rejection, check_content
from kiosk.sync.sealing import EnvelopeBroken, Label, content_digest, open_at_centre
from kiosk.wizard.memo import ExpressionMemo

log = logging.getLogger(__name__)


class Outcome(StrEnum):
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"
    CONFLICT = "conflict"
    REJECTED = "rejected"


@dataclass(frozen=True)
class UploadItem:
    id: uuid.UUID
    tracking_code: str
    service_id: str
    service_version: int
    created_at: datetime
    envelope: bytes | None  # None: the base64 did not decode

    def label(self) -> Label:
        return Label(str(self.id), self.tracking_code, self.service_id, self.service_version)


@dataclass(frozen=True)
class ItemResult:
    id: uuid.UUID
    outcome: Outcome
    status: Status | None = None
    reason: str | None = None
    reason_code: str | None = None


@dataclass(frozen=True)
class _Opened:
    item: UploadItem
    digest: str | None  # None: the envelope did not open
    content: dict[str, Any] | None


CONFLICT_CONTENT = Rejection(
    "conflict-content", "This application was received before with different content."
)
CONFLICT_KIOSK = Rejection("conflict-kiosk", "Another kiosk sent an application with this id.")
TIME_UNREAL = Rejection("time-unreal", "The application's creation time is not a real moment.")
ENVELOPE_BROKEN = Rejection(
    "envelope-broken", "The sealed content does not open for this application's label."
)


def receive_batch(centre: Centre, kiosk_id: uuid.UUID, items: list[UploadItem]) -> list[ItemResult]:
    opened = [_open(centre, item) for item in items]
    now = centre.clock()
    memo = ExpressionMemo()  # the batch's: it holds answers, so it ends with the batch
    with centre.sessions.begin() as session:
        stored = _stored(session, {o.item.id for o in opened})
        results: list[ItemResult] = []
        new_rows: dict[uuid.UUID, dict[str, Any]] = {}
        for entry in opened:
            result, row = _classify(centre, session, kiosk_id, entry, stored, new_rows, now, memo)
            results.append(result)
            if row is not None:
                new_rows[entry.item.id] = row
        lost = _insert(session, new_rows)
        if lost:
            results = _answer_lost_races(session, kiosk_id, results, lost, new_rows)
    _log_outcomes(kiosk_id, results)
    return results


def _open(centre: Centre, item: UploadItem) -> _Opened:
    if item.envelope is None:
        return _Opened(item, None, None)
    try:
        content = open_at_centre(item.envelope, item.label(), centre.keys.sealing)
    except EnvelopeBroken:
        return _Opened(item, None, None)
    return _Opened(item, content_digest(content), content)


def _stored(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, Application]:
    query = select(Application).where(Application.id.in_(ids))
    return {application.id: application for application in session.scalars(query)}


def _classify(
    centre: Centre,
    session: Session,
    kiosk_id: uuid.UUID,
    entry: _Opened,
    stored: dict[uuid.UUID, Application],
    new_rows: dict[uuid.UUID, dict[str, Any]],
    now: datetime,
    memo: ExpressionMemo,
) -> tuple[ItemResult, dict[str, Any] | None]:
    item = entry.item
    if entry.digest is None or entry.content is None:
        return _rejected(item.id, ENVELOPE_BROKEN), None
    created_at = as_utc(item.created_at)
    if created_at is None:
        return _rejected(item.id, TIME_UNREAL), None
    earlier = stored.get(item.id)
    if earlier is not None:
        return _compared(
            item.id,
            kiosk_id,
            entry.digest,
            earlier.kiosk_id,
            earlier.content_sha256,
            Status(earlier.status),
        ), None
    batched = new_rows.get(item.id)  # the same id twice in one batch
    if batched is not None:
        return _compared(
            item.id, kiosk_id, entry.digest, kiosk_id, batched["content_sha256"], Status.RECEIVED
        ), None
    definition = centre.definitions.get(session, item.service_id, item.service_version)
    if definition is None:
        service = f"{item.service_id} version {item.service_version}"
        reason = f"The centre does not know the service {service}."
        return _rejected(item.id, Rejection("unknown-service", reason)), None
    rejection = check_content(entry.content, definition, created_at, memo)
    if rejection is not None:
        return _rejected(item.id, rejection), None
    row = _row(kiosk_id, item, created_at, entry.digest, now)
    return ItemResult(item.id, Outcome.ACCEPTED, Status.RECEIVED), row


def _compared(
    application_id: uuid.UUID,
    kiosk_id: uuid.UUID,
    digest: str,
    stored_kiosk: uuid.UUID,
    stored_digest: str,
    status: Status,
) -> ItemResult:
    if stored_kiosk != kiosk_id:
        return _conflict(application_id, CONFLICT_KIOSK)
    if stored_digest != digest:
        return _conflict(application_id, CONFLICT_CONTENT)
    return ItemResult(application_id, Outcome.DUPLICATE, status)


def _conflict(application_id: uuid.UUID, why: Rejection) -> ItemResult:
    return ItemResult(application_id, Outcome.CONFLICT, None, why.reason, why.code)


def _rejected(application_id: uuid.UUID, why: Rejection) -> ItemResult:
    return ItemResult(application_id, Outcome.REJECTED, None, why.reason, why.code)


def _row(
    kiosk_id: uuid.UUID, item: UploadItem, created_at: datetime, digest: str, now: datetime
) -> dict[str, Any]:
    return {
        "id": item.id,
        "kiosk_id": kiosk_id,
        "tracking_code": item.tracking_code,
        "service_id": item.service_id,
        "service_version": item.service_version,
        "created_at": created_at,
        "received_at": now,
        "content_sha256": digest,
        "envelope": item.envelope,
        "status": Status.RECEIVED.value,
        "status_message": None,
        "status_changed_at": now,
    }


def _insert(session: Session, rows: dict[uuid.UUID, dict[str, Any]]) -> set[uuid.UUID]:
    """Insert `rows`; returns the ids another transaction stored first."""
    if not rows:
        return set()
    statement = insert_or_skip(session, Application).returning(Application.id)
    inserted = set(session.scalars(statement, list(rows.values())))
    return set(rows) - inserted


def _answer_lost_races(
    session: Session,
    kiosk_id: uuid.UUID,
    results: list[ItemResult],
    lost: set[uuid.UUID],
    rows: dict[uuid.UUID, dict[str, Any]],
) -> list[ItemResult]:
    """Items a concurrent request stored first: answered from what it stored."""
    stored = _stored(session, lost)
    answered = []
    for result in results:
        winner = stored.get(result.id) if result.outcome is Outcome.ACCEPTED else None
        if winner is not None and result.id in lost:
            digest = rows[result.id]["content_sha256"]
            status = Status(winner.status)
            result = _compared(
                result.id, kiosk_id, digest, winner.kiosk_id, winner.content_sha256, status
            )
        answered.append(result)
    return answered


def _log_outcomes(kiosk_id: uuid.UUID, results: list[ItemResult]) -> None:
    counts: dict[str, int] = {}
    for result in results:
        counts[result.outcome.value] = counts.get(result.outcome.value, 0) + 1
    log.info("batch from kiosk %s: %s", kiosk_id, counts)
