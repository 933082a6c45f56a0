"""Plain types of a stored submission shared with the printing and ui layers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from kiosk.catalogue.model import Output, Texts


class ApplicationStatus(StrEnum):
    """Where a submission is; the kiosk knows RECEIVED, sync (a later issue) the rest."""

    RECEIVED = "received"  # stored locally, not yet sent
    SENT = "sent"  # the central API has it
    IN_PROGRESS = "in_progress"
    NEEDS_CITIZEN = "needs_citizen"  # the centre needs something from the citizen
    READY = "ready"  # come and collect
    REJECTED = "rejected"
    COLLECTED = "collected"


@dataclass(frozen=True)
class Receipt:
    """What the citizen's proof shows: never a whole NIK, never an address."""

    submission_id: str  # UUID; also the idempotency key for sync
    tracking_code: str  # short, unambiguous, readable aloud, e.g. "K7QM-2XHD"
    service_id: str
    service_title: Texts
    created_at: datetime  # aware, office zone
    zone_label: str
    masked_nik: str | None  # "3201********0001"
    requirements: tuple[Texts, ...]
    ready_on: date  # when to come back
    output: Output
    assisted: bool  # a clerk filled it at the counter
    office_name: str

    @property
    def qr_payload(self) -> str:
        """No personal data: the tracking code is enough to look the status up."""
        return f"ANJUNGAN:S:{self.tracking_code}"


@dataclass(frozen=True)
class StatusView:
    """The last known status of a submission, from local data (works offline)."""

    tracking_code: str
    service_title: Texts
    status: ApplicationStatus
    updated_at: datetime  # aware, office zone
    ready_on: date
    message: Texts | None = None  # the centre's word with the status, per language
