"""The applications' part of the day's report: counted by service and by sync state.

Only clear columns are read (service, title snapshot, times, the outbox's outcome):
the sealed answers are never selected, let alone opened.
"""

from __future__ import annotations

import logging
from collections import Counter

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from kiosk.applications.models import OUTBOX_KIND_SUBMISSION, Application, OutboxItem
from kiosk.reports.types import ServiceCount, SyncCounts
from kiosk.reports.window import Window
from kiosk.sync.outbox import UNREADABLE

log = logging.getLogger(__name__)

# The outbox's outcome column as SyncCounts' fields; None: not answered yet.
SYNC_FIELD: dict[str | None, str] = {
    None: "waiting",
    "accepted": "accepted",
    "duplicate": "duplicate",
    "conflict": "conflict",
    "rejected": "rejected",
    UNREADABLE: "set_aside",
}


def _created_in(window: Window) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """Created within the office's local day."""
    start, end = window
    return Application.created_at >= start, Application.created_at < end


def applications_by_service(session: Session, window: Window) -> tuple[ServiceCount, ...]:
    """Most asked first; a service's title as stored with its latest application."""
    query = (
        select(Application.service_id, Application.service_title)
        .where(*_created_in(window))
        .order_by(Application.created_at)
    )
    counts: Counter[str] = Counter()
    titles: dict[str, dict[str, str]] = {}
    for service_id, title in session.execute(query):
        counts[service_id] += 1
        titles[service_id] = dict(title)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(ServiceCount(service, titles[service], count) for service, count in ranked)


def sync_counts(session: Session, window: Window) -> SyncCounts:
    """The day's applications by their outbox row's answer from the centre."""
    query = (
        select(OutboxItem.outcome, func.count())
        .join(Application, Application.id == OutboxItem.submission_id)
        .where(OutboxItem.kind == OUTBOX_KIND_SUBMISSION, *_created_in(window))
        .group_by(OutboxItem.outcome)
    )
    found: dict[str, int] = {}
    for outcome, count in session.execute(query):
        name = SYNC_FIELD.get(outcome)
        if name is None:  # a newer kiosk's outcome: shown nowhere rather than misfiled
            log.warning("outbox outcome %r is not known to the report", outcome)
            continue
        found[name] = count
    return SyncCounts(**found)
