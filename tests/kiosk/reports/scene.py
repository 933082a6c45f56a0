"""One office day played through the real QueueDesk, CounterDesk and ApplicationStore.

Times are the office's own (WIB). The day is DAY; a ticket and an application just
before its first midnight and just after its last one belong to the neighbouring days.
What each ticket waited and how long it was served are known by construction (minutes,
in the comments), so a test can check the report's medians against them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy.orm import Session, sessionmaker

from kiosk.applications.store import ApplicationStore
from kiosk.catalogue.model import ServiceDefinition
from kiosk.queue.choosing import CallRule
from kiosk.queue.counter import CounterDesk
from kiosk.queue.desk import QueueDesk
from kiosk.queue.errors import TicketVoided
from kiosk.queue.types import Priority, TicketState
from kiosk.security.keys import new_key
from kiosk.security.sealing import Sealer
from kiosk.sync.outbox import apply_results, next_batch
from kiosk.sync.wire import ItemResult
from kiosk.wizard import CompletedForm
from tests.helpers.definitions import sample_definition, small_definition
from tests.helpers.stubs import FakeClock, RecordingPrinter

ZONE_NAME = "Asia/Jakarta"
ZONE = ZoneInfo(ZONE_NAME)
DAY = date(2026, 12, 4)  # a Friday
OFFICE = "Kantor Desa Sukamaju"
CLERK = "S-01"
OTHER = small_definition("surat-lain", "  - {name: keperluan, type: text, label: {id: Keperluan}}")


def at(hour: int, minute: int, second: int = 0, day: date = DAY) -> datetime:
    """An office-local moment of `day`."""
    return datetime.combine(day, time(hour, minute, second), tzinfo=ZONE)


@dataclass
class Scene:
    sessions: sessionmaker[Session]
    clock: FakeClock
    queue: QueueDesk
    counter: CounterDesk
    printer: RecordingPrinter

    def issue(self, when: datetime, line: str, priority: Priority | None = None) -> int:
        self.clock.set(when)
        return self.queue.issue_ticket(line, priority).ticket_id

    def call(self, when: datetime, loket: str, lines: list[str]) -> str:
        self.clock.set(when)
        called = self.counter.call_next(loket, lines, CLERK)
        assert called is not None, f"nobody waits for loket {loket} at {when}"
        return called.code

    def act(self, when: datetime, action: str, ticket_id: int, loket: str) -> None:
        """`action` is a CounterDesk method taking (ticket_id, loket, clerk)."""
        self.clock.set(when)
        getattr(self.counter, action)(ticket_id, loket, CLERK)


def scene(sessions: sessionmaker[Session]) -> Scene:
    clock = FakeClock(at(8, 0))
    printer = RecordingPrinter()
    queue = QueueDesk(sessions, printer, clock, OFFICE, ZONE_NAME)
    counter = CounterDesk(sessions, clock, ZONE_NAME, CallRule(regular_per_priority=2))
    return Scene(sessions, clock, queue, counter, printer)


def play_queue_day(s: Scene) -> None:
    """The tickets of DAY (and of its neighbours); see the module's docstring."""
    eve, morrow = DAY - timedelta(days=1), DAY + timedelta(days=1)
    before = s.issue(at(23, 58, day=eve), "A")  # the day before: not in DAY's report
    assert s.call(at(23, 58, 30, day=eve), "1", ["A"]) == "A-001"
    s.act(at(23, 58, 40, day=eve), "start", before, "1")
    s.act(at(23, 59, 30, day=eve), "finish", before, "1")

    b1 = s.issue(at(0, 1), "B")  # B-001, hour 0
    a1 = s.issue(at(8, 0), "A")
    a2 = s.issue(at(8, 5), "A", Priority.ELDERLY)
    a3 = s.issue(at(8, 10), "A")
    b2 = s.issue(at(8, 15), "B")  # B-002
    s.printer.fail_next()
    s.clock.set(at(8, 20))
    with pytest.raises(TicketVoided):
        s.queue.issue_ticket("B")  # B-003 voided: the printer failed
    b4 = s.issue(at(8, 21), "B")  # B-004

    assert s.call(at(8, 30), "1", ["A"]) == "A-002"  # priority first; waited 25
    s.act(at(8, 32), "start", a2, "1")
    s.act(at(8, 42), "finish", a2, "1")  # served 10
    assert s.call(at(8, 45), "1", ["A"]) == "A-001"  # waited 45
    s.act(at(8, 47), "recall", a1, "1")
    s.act(at(8, 50), "no_show", a1, "1")
    assert s.call(at(8, 50), "1", ["A"]) == "A-003"  # waited 40
    s.act(at(8, 51), "start", a3, "1")
    s.act(at(8, 59), "finish", a3, "1")  # served 8

    assert s.call(at(9, 0), "2", ["B", "C"]) == "B-001"  # waited 8 h 59 = 539
    s.act(at(9, 1), "start", b1, "2")
    s.clock.set(at(9, 5))
    c1 = s.counter.transfer_to_line(b1, "C", "2", CLERK).ticket_id  # C-001, issued 09:05
    assert s.call(at(9, 10), "2", ["B", "C"]) == "B-002"  # waited 55
    s.act(at(9, 11), "start", b2, "2")
    s.clock.set(at(9, 15))
    s.counter.transfer_to_counter(b2, "1", "2", CLERK)  # waits again, for loket 1 alone
    assert s.call(at(9, 20), "2", ["B", "C"]) == "B-004"  # waited 59
    s.act(at(9, 20, 30), "start", b4, "2")
    s.act(at(9, 32, 30), "finish", b4, "2")  # served 12
    assert s.call(at(9, 35), "1", ["A", "B"]) == "B-002"  # its transfer: called again
    s.act(at(9, 36), "start", b2, "1")
    s.act(at(9, 40), "finish", b2, "1")  # served 29: from its first start at 09:11
    assert s.call(at(9, 45), "2", ["B", "C"]) == "C-001"  # waited 40
    s.act(at(9, 46), "start", c1, "2")
    s.act(at(9, 50), "hold", c1, "2")
    s.act(at(9, 55), "resume", c1, "2")
    s.act(at(9, 56), "start", c1, "2")
    s.act(at(10, 6), "finish", c1, "2")  # served 20: from its first start at 09:46

    a4 = s.issue(at(10, 0), "A", Priority.DISABLED)  # A-004, cancelled
    s.clock.set(at(10, 10))
    s.queue.transition(a4, TicketState.CANCELLED)
    s.issue(at(10, 30), "A")  # A-005, still waiting
    s.issue(at(23, 59), "C")  # C-002, hour 23, still waiting
    s.issue(at(0, 0, 30, day=morrow), "A")  # the next day's A-001: not in DAY's report


def _form(definition: ServiceDefinition, when: datetime) -> CompletedForm:
    answers = {"nama": "Warga Uji"} if definition.id == "layanan-uji" else {"keperluan": "uji"}
    return CompletedForm(
        service_id=definition.id,
        service_version=definition.version,
        answers=answers,
        assisted=False,
        language="id",
        nik=None,
        consented_at=when,
    )


def store_application(
    store: ApplicationStore, clock: FakeClock, when: datetime, definition: ServiceDefinition
) -> str:
    clock.set(when)
    return store.finalise(_form(definition, when), definition).submission_id


def answer(sessions: sessionmaker[Session], clock: FakeClock, outcomes: dict[str, str]) -> None:
    """The centre's answers (application id -> outcome) through the outbox's own code."""
    results = [
        ItemResult(
            app_id,
            outcome,
            "received" if outcome in ("accepted", "duplicate") else None,
            None if outcome in ("accepted", "duplicate") else f"{outcome}-test",
            None,
        )
        for app_id, outcome in outcomes.items()
    ]
    with sessions() as session:
        apply_results(session, results, clock.now())
        session.commit()


def set_aside_pending(sessions: sessionmaker[Session], clock: FakeClock) -> None:
    """Every pending row is set aside: built into a batch with a key that does not open it."""
    with sessions() as session:
        key = X25519PrivateKey.generate().public_key()
        next_batch(session, Sealer(new_key()), key, 1_000_000, clock.now())
        session.commit()


def play_applications(s: Scene, store: ApplicationStore) -> dict[str, str]:
    """Applications of DAY in every sync state, and one on each neighbouring day.
    Returns DAY's application ids by the state they end in."""
    uji, other = sample_definition(), OTHER
    eve, morrow = DAY - timedelta(days=1), DAY + timedelta(days=1)
    set_aside = store_application(store, s.clock, at(8, 1), other)
    set_aside_pending(s.sessions, s.clock)
    store_application(store, s.clock, at(23, 50, day=eve), uji)  # stays waiting
    ids = {
        "set_aside": set_aside,
        "waiting": store_application(store, s.clock, at(0, 5), uji),
        "accepted": store_application(store, s.clock, at(9, 0), uji),
        "duplicate": store_application(store, s.clock, at(10, 0), uji),
        "conflict": store_application(store, s.clock, at(11, 0), other),
        "rejected": store_application(store, s.clock, at(23, 59, 59), uji),
    }
    store_application(store, s.clock, at(0, 0, 1, day=morrow), other)  # stays waiting
    s.clock.set(at(12, 0, day=morrow))
    answer(
        s.sessions, s.clock, {ids[o]: o for o in ("accepted", "duplicate", "conflict", "rejected")}
    )
    return ids
