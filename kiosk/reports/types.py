"""The day's report as plain frozen values: what `printing/` lays out, no ORM row inside.

Nothing here names a person: queue tickets carry none, and applications are only
counted (their sealed answers are never opened for a report).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from kiosk.i18n import pick_language


@dataclass(frozen=True)
class Durations:
    """How long something took over the day, in seconds; None when nothing was measured."""

    count: int
    median: float | None
    p90: float | None  # 90th percentile: nine in ten took at most this long


@dataclass(frozen=True)
class LineDay:
    """One queue line (antrean A, B, C) over the day: its tickets by how they ended.

    `issued` counts the numbers that reached a citizen (ISSUED at some point, the
    successor of a transfer included); `voided` the numbers a printer failure used
    up; `open` those still waiting, called, being served or held when the report was
    made. A transfer ends the ticket TRANSFERRED here and issues a new one in the
    other line, so it counts in both lines.
    """

    code: str
    names: Mapping[str, str]
    issued: int
    served: int  # DONE
    no_show: int
    cancelled: int
    transferred: int
    voided: int
    open: int
    wait: Durations  # issued -> first call, of its called tickets
    service: Durations  # first start -> finish, of its served tickets

    def name(self, language: str) -> str:
        return pick_language(self.names, language)


@dataclass(frozen=True)
class LoketDay:
    """One loket (service desk) over the day: first calls made there, tickets finished."""

    loket: str
    calls: int  # first calls (action "call"); recalls are counted apart
    recalls: int
    served: int
    service: Durations


@dataclass(frozen=True)
class HourCount:
    """One hour of the office's local day (hour 9: 09:00-09:59)."""

    hour: int
    issued: int
    calls: int


@dataclass(frozen=True)
class ServiceCount:
    """Applications of one guided service (layanan), with its title as stored with them."""

    service_id: str
    titles: Mapping[str, str]
    count: int

    def title(self, language: str) -> str:
        return pick_language(self.titles, language)


@dataclass(frozen=True)
class SyncCounts:
    """Where the day's applications stand with the centre (kiosk.sync.outbox).

    `waiting`: not answered yet (sent_at and outcome empty); `accepted` and `duplicate`:
    the centre holds them (a duplicate is a retry of one it already had); `conflict`:
    the centre holds other content under that id; `rejected`: it will never accept it
    as it is; `set_aside`: its sealed answers did not open, so it is never sent. The
    last three need a technician.
    """

    waiting: int = 0
    accepted: int = 0
    duplicate: int = 0
    conflict: int = 0
    rejected: int = 0
    set_aside: int = 0

    @property
    def total(self) -> int:
        found = (self.accepted, self.duplicate, self.conflict, self.rejected, self.set_aside)
        return self.waiting + sum(found)


@dataclass(frozen=True)
class DailyReport:
    """The office's business day `day` (local midnight to midnight) in numbers."""

    day: date
    timezone: str
    lines: tuple[LineDay, ...]
    lokets: tuple[LoketDay, ...]
    hours: tuple[HourCount, ...]  # 24 entries, hour 0 to 23
    wait: Durations  # every line together
    service: Durations
    applications: tuple[ServiceCount, ...]
    sync: SyncCounts

    @property
    def issued(self) -> int:
        return sum(line.issued for line in self.lines)

    @property
    def served(self) -> int:
        return sum(line.served for line in self.lines)

    @property
    def no_shows(self) -> int:
        return sum(line.no_show for line in self.lines)

    @property
    def application_count(self) -> int:
        return sum(service.count for service in self.applications)
