"""Plain domain types of the queue shared with the printing and ui layers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from kiosk.i18n import pick_language


class Priority(StrEnum):
    """Why a citizen is served first (the kiosk asks; nobody has to prove it)."""

    ELDERLY = "elderly"
    DISABLED = "disabled"
    PREGNANT = "pregnant"


class TicketState(StrEnum):
    """Life of a ticket; every change is recorded with its time.

    A number is used up in PRINTING before its first byte leaves for the printer, and
    becomes ISSUED once the printer accepted the whole ticket. A print that failed, or a
    kiosk that died while printing, ends it VOIDED: that number is never given again
    (a gap, never two citizens holding one number) and is never called.
    """

    PRINTING = "printing"
    ISSUED = "issued"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"
    HELD = "held"
    TRANSFERRED = "transferred"
    VOIDED = "voided"


@dataclass(frozen=True)
class QueueLine:
    """A queue line as the screens show it (e.g. A = administrasi kependudukan)."""

    code: str
    prefix: str
    names: Mapping[str, str]
    descriptions: Mapping[str, str]
    where_to_wait: Mapping[str, str]

    def name(self, language: str) -> str:
        return pick_language(self.names, language)


@dataclass(frozen=True)
class IssuedTicket:
    """Everything printed on, or shown for, one ticket; computed from the database."""

    ticket_id: int
    code: str  # e.g. "B-012"
    number: int
    business_date: date  # the office-local day the number belongs to
    line: QueueLine
    priority: Priority | None
    issued_at: datetime  # aware, in the office's time zone
    zone_label: str  # "WIB", "WITA" or "WIT" (or the zone's own abbreviation)
    people_ahead: int
    estimated_wait_minutes: int
    office_name: str

    @property
    def qr_payload(self) -> str:
        """What the ticket's QR code holds: no personal data, just the ticket."""
        return f"ANJUNGAN:T:{self.business_date.isoformat()}:{self.code}"


@dataclass(frozen=True)
class CounterTicket:
    """A ticket as a loket works with it (no personal data: a queue number has none)."""

    ticket_id: int
    code: str  # "B-012"
    prefix: str  # "B"
    number: int
    line_code: str
    priority: Priority | None
    state: TicketState
    counter: str | None  # the loket that last acted on it
    assigned_counter: str | None  # waits for this loket alone (a transfer)
    issued_at: datetime  # aware, office time
    called_at: datetime | None
