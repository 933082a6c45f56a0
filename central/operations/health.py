"""Kiosk health reports: the latest per kiosk and a short history."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select

from central.centre import Centre
from central.clock import as_utc
from central.models import HealthReport

HISTORY = 50  # reports kept per kiosk


@dataclass(frozen=True)
class Health:
    at: datetime  # the kiosk's clock
    received_at: datetime
    report: dict[str, Any]


def record_health(
    centre: Centre, kiosk_id: uuid.UUID, at: datetime, report: dict[str, Any]
) -> None:
    """Keep `report` as sent (its `at` too); a time at the calendar's edge (a broken
    clock) is stored as the time received. Two statements, whatever the history holds:
    the insert, and the delete of what falls past the newest HISTORY."""
    now = centre.clock()
    row = {"kiosk_id": kiosk_id, "at": as_utc(at) or now, "received_at": now, "report": report}
    past_history = (
        select(HealthReport.id)
        .where(HealthReport.kiosk_id == kiosk_id)
        .order_by(HealthReport.id.desc())
        .offset(HISTORY)
        .limit(1)
        .scalar_subquery()
    )
    with centre.sessions.begin() as session:
        session.execute(insert(HealthReport), [row])
        session.execute(
            delete(HealthReport).where(
                HealthReport.kiosk_id == kiosk_id, HealthReport.id <= past_history
            )
        )


def health_history(centre: Centre, kiosk_id: uuid.UUID) -> list[Health]:
    """Newest first; the first is the latest report."""
    query = (
        select(HealthReport)
        .where(HealthReport.kiosk_id == kiosk_id)
        .order_by(HealthReport.id.desc())
        .limit(HISTORY)
    )
    with centre.sessions() as session:
        return [Health(r.at, r.received_at, r.report) for r in session.scalars(query)]
