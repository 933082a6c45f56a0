"""Finding a stored submission by its tracking code, and its receipt: shared by the
submissions' service (status, reprint) and the staff documents."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.applications.errors import ApplicationNotFound
from kiosk.applications.models import Application
from kiosk.applications.tracking import normalise_tracking_code
from kiosk.applications.types import Receipt
from kiosk.catalogue.validators import mask_nik
from kiosk.office_time import zone_label


def find_application(session: Session, tracking_code: str) -> Application:
    """The row of `tracking_code` (typed in any case, with or without the dash);
    InvalidTrackingCode or ApplicationNotFound otherwise."""
    code = normalise_tracking_code(tracking_code)
    row = session.scalars(select(Application).where(Application.tracking_code == code)).first()
    if row is None:
        raise ApplicationNotFound("no submission with this tracking code")
    return row


def receipt_of(row: Application, nik: str | None, zone: ZoneInfo, office_name: str) -> Receipt:
    """The receipt of a stored submission; the NIK only ever leaves here masked."""
    created_at = row.created_at.astimezone(zone)
    return Receipt(
        submission_id=row.id,
        tracking_code=row.tracking_code,
        service_id=row.service_id,
        service_title=row.service_title,
        created_at=created_at,
        zone_label=zone_label(zone, created_at),
        masked_nik=mask_nik(nik) if nik else None,
        requirements=tuple(row.requirements),
        ready_on=row.ready_on,
        output=row.output,
        assisted=row.assisted,
        office_name=office_name,
    )
