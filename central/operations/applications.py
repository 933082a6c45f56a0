"""Applications for an operator: listed and shown without personal data, opened on request.

Only `open_content` decrypts; a listing or a summary never holds a NIK or an answer.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from central.centre import Centre
from central.errors import NotFound, Refused
from central.models import Application, Kiosk
from central.operations.statuses import Status
from kiosk.sync.sealing import Label, open_at_centre

MAX_LISTED = 1000


@dataclass(frozen=True)
class Summary:
    id: uuid.UUID
    tracking_code: str
    service_id: str
    service_version: int
    kiosk_name: str
    created_at: datetime
    received_at: datetime
    status: Status
    status_message: dict[str, str] | None
    status_changed_at: datetime


def list_applications(centre: Centre, status: Status | None = None) -> list[Summary]:
    """The newest first, at most MAX_LISTED."""
    query = select(Application, Kiosk.name).join(Kiosk, Kiosk.id == Application.kiosk_id)
    if status is not None:
        query = query.where(Application.status == status.value)
    query = query.order_by(Application.received_at.desc(), Application.id).limit(MAX_LISTED)
    with centre.sessions() as session:
        return [_summary(application, name) for application, name in session.execute(query)]


def find(centre: Centre, reference: str) -> Summary:
    """An application by its UUID or its tracking code (as typed: case and dashes free)."""
    with centre.sessions() as session:
        query = select(Application, Kiosk.name).join(Kiosk, Kiosk.id == Application.kiosk_id)
        rows = session.execute(query.where(_matching(reference))).all()
    if not rows:
        raise NotFound(f"no application {reference}")
    if len(rows) > 1:
        raise Refused(f"{len(rows)} applications have the code {reference}; give the UUID")
    application, name = rows[0]
    return _summary(application, name)


def open_content(centre: Centre, application_id: uuid.UUID) -> dict[str, Any]:
    """The application's content, opened with the centre's key: personal data."""
    with centre.sessions() as session:
        application = session.get(Application, application_id)
        if application is None:
            raise NotFound(f"no application {application_id}")
        label = Label(
            str(application.id),
            application.tracking_code,
            application.service_id,
            application.service_version,
        )
        return open_at_centre(application.envelope, label, centre.keys.sealing)


def _matching(reference: str) -> Any:
    text = reference.strip()
    try:
        return Application.id == uuid.UUID(text)
    except ValueError:
        symbols = "".join(text.split()).replace("-", "").upper()
        code = f"{symbols[:4]}-{symbols[4:]}" if len(symbols) == 8 else text.upper()
        return Application.tracking_code == code


def _summary(application: Application, kiosk_name: str) -> Summary:
    return Summary(
        application.id,
        application.tracking_code,
        application.service_id,
        application.service_version,
        kiosk_name,
        application.created_at,
        application.received_at,
        Status(application.status),
        application.status_message,
        application.status_changed_at,
    )
