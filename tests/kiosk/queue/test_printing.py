"""A number is used up (PRINTING) before its bytes leave; start-up voids what dead kiosks left."""

from __future__ import annotations

import dataclasses
import logging
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.queue.desk import QueueDesk
from kiosk.queue.errors import TicketNotRecorded
from kiosk.queue.models import DailyCounter, Ticket, TicketEvent
from kiosk.queue.printing_owner import STALE_AFTER, PrintingOwner, ProcessTable
from kiosk.queue.types import IssuedTicket, TicketState
from tests.helpers.abandoned import (
    DEAD_SIBLING,
    EARLIER_BOOT,
    LIVE_SIBLING,
    ME,
    OTHER_KIOSK,
    assert_live_kept_then_killed_voided,
    child_printing,
    left_printing,
    queue_for,
    starting_queue,
    state_of,
    wait_for_line,
)
from tests.helpers.stubs import FakeClock, FakeProcesses, RecordingPrinter
from tests.kiosk.conftest import OFFICE_NAME

S = TicketState


def test_the_number_is_committed_printing_before_the_printer_gets_it(
    queue: QueueDesk, sessions: sessionmaker[Session]
) -> None:
    """Seen from another connection while the printer prints: the row, its event, the
    counter and who prints it are all committed already."""
    queue.issue_ticket("A")
    queue.issue_ticket("A")
    seen: list[tuple[object, ...]] = []

    class WatchingPrinter(RecordingPrinter):
        def print_ticket(self, ticket: IssuedTicket, language: str) -> None:
            with sessions() as other:
                row = other.get_one(Ticket, ticket.ticket_id)
                events = other.scalars(
                    select(TicketEvent.state).where(TicketEvent.ticket_id == ticket.ticket_id)
                ).all()
                counter = other.scalars(select(DailyCounter.last_number)).one()
                owner = (row.printing_host, row.printing_boot_id, row.printing_pid)
                owner += (row.printing_process_start,)
                seen.append((row.state, tuple(events), counter, owner))
            assert queue.waiting_count("A") == 2  # being printed is not waiting yet
            super().print_ticket(ticket, language)

    me = ProcessTable().current()
    printing = QueueDesk(sessions, WatchingPrinter(), FakeClock(), OFFICE_NAME, "Asia/Jakarta")
    ticket = printing.issue_ticket("A")

    own = (me.host, me.pid_space, me.pid, me.process_start)
    assert seen == [(S.PRINTING, (S.PRINTING,), 3, own)]
    assert ticket.people_ahead == 2  # what its paper says: the two waiting before it
    assert state_of(sessions, ticket.ticket_id) is S.ISSUED
    assert queue.waiting_count("A") == 3


def test_printing_and_voided_tickets_are_nobody_waiting(
    sessions: sessionmaker[Session], clock: FakeClock
) -> None:
    queue = queue_for(sessions, clock, FakeProcesses(ME, {LIVE_SIBLING}))
    first = queue.issue_ticket("B")
    left_printing(sessions, clock, LIVE_SIBLING, "B")  # B-002, still printing next door
    left_printing(sessions, clock, DEAD_SIBLING, "B")  # B-003, voided just below
    assert queue.void_abandoned() == ["B-003"]

    last = queue.issue_ticket("B")

    assert last.code == "B-004"
    assert last.people_ahead == 1  # B-001 only
    assert queue.get_ticket(first.ticket_id).people_ahead == 0
    assert queue.waiting_count("B") == 2


@pytest.mark.parametrize(
    ("owner", "age", "booted_ago", "voided"),
    [
        pytest.param(DEAD_SIBLING, timedelta(seconds=5), None, True, id="own-host-dead"),
        pytest.param(LIVE_SIBLING, timedelta(hours=3), None, False, id="own-host-live"),
        pytest.param(ME, timedelta(hours=3), None, False, id="this-very-process"),
        pytest.param(OTHER_KIOSK, timedelta(minutes=2), None, False, id="other-host-fresh"),
        pytest.param(OTHER_KIOSK, STALE_AFTER + timedelta(seconds=1), None, True, id="stale"),
        pytest.param(EARLIER_BOOT, timedelta(minutes=2), timedelta(minutes=1), True, id="reboot"),
        pytest.param(
            EARLIER_BOOT, timedelta(minutes=2), timedelta(minutes=3), False, id="clone-after-boot"
        ),
    ],
)
def test_start_up_voids_only_what_a_dead_process_left(
    sessions: sessionmaker[Session],
    clock: FakeClock,
    owner: PrintingOwner,
    age: timedelta,
    booted_ago: timedelta | None,
    voided: bool,
) -> None:
    ticket = left_printing(sessions, clock, owner)
    now = clock.advance(seconds=age.total_seconds())
    booted = now - booted_ago if booted_ago is not None else None
    starting = queue_for(sessions, clock, FakeProcesses(ME, {LIVE_SIBLING}, booted))

    assert starting.void_abandoned() == (["A-001"] if voided else [])
    assert state_of(sessions, ticket.ticket_id) is (S.VOIDED if voided else S.PRINTING)


def test_a_ticket_from_before_the_owner_columns_is_judged_by_age(
    sessions: sessionmaker[Session], clock: FakeClock
) -> None:
    ticket = left_printing(sessions, clock, OTHER_KIOSK)
    with sessions.begin() as session:
        row = session.get_one(Ticket, ticket.ticket_id)
        row.printing_host = row.printing_boot_id = row.printing_pid = None
    starting = queue_for(sessions, clock, FakeProcesses(ME))

    assert starting.void_abandoned() == []
    clock.advance(seconds=STALE_AFTER.total_seconds() + 1)
    assert starting.void_abandoned() == ["A-001"]


def test_a_voided_ticket_is_logged_for_staff_and_its_number_never_returns(
    sessions: sessionmaker[Session], clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    left_printing(sessions, clock, DEAD_SIBLING)
    starting = queue_for(sessions, clock, FakeProcesses(ME))

    with caplog.at_level(logging.WARNING, logger="kiosk.queue.desk"):
        assert starting.void_abandoned() == ["A-001"]
    (record,) = caplog.records
    assert "A-001" in record.getMessage()
    assert "may be on paper" in record.getMessage()
    assert "if a citizen holds it, serve them" in record.getMessage()
    with sessions() as session:
        events = session.execute(select(TicketEvent.state, TicketEvent.note)).all()
    assert [state for state, _ in events] == [S.PRINTING, S.VOIDED]
    assert "stopped while printing" in (events[-1][1] or "")
    assert starting.void_abandoned() == []  # once
    assert starting.issue_ticket("A").code == "A-002"


def test_a_ticket_voided_under_a_printing_kiosk_is_reported_not_issued(
    sessions: sessionmaker[Session], clock: FakeClock
) -> None:
    """Judged stale by another kiosk (a print far slower than any should be), the
    ticket cannot become ISSUED later: the printing kiosk sends the citizen to staff."""

    class StalledPrinter(RecordingPrinter):
        def print_ticket(self, ticket: IssuedTicket, language: str) -> None:
            clock.advance(seconds=STALE_AFTER.total_seconds() + 1)
            other_kiosk = dataclasses.replace(ME, host="kiosk-2")
            queue_for(sessions, clock, FakeProcesses(other_kiosk)).void_abandoned()
            super().print_ticket(ticket, language)

    slow = QueueDesk(
        sessions, StalledPrinter(), clock, OFFICE_NAME, "Asia/Jakarta", FakeProcesses(ME)
    )
    with pytest.raises(TicketNotRecorded) as caught:
        slow.issue_ticket("A")
    assert caught.value.code == "A-001"
    with sessions() as session:
        assert session.scalars(select(Ticket.state)).all() == [S.VOIDED]


# -- real processes: a kiosk printing in another process, then killed -----------------


@pytest.fixture
def printing_child(db_url: str) -> Iterator[subprocess.Popen[str]]:
    with child_printing(db_url) as child:
        yield child


def test_a_live_printing_process_keeps_its_ticket_and_a_killed_one_loses_it(
    printing_child: subprocess.Popen[str], sessions: sessionmaker[Session]
) -> None:
    assert_live_kept_then_killed_voided(printing_child, sessions)


def test_a_process_that_finishes_its_ticket_is_left_alone(
    printing_child: subprocess.Popen[str], sessions: sessionmaker[Session]
) -> None:
    ticket_id = int(wait_for_line(printing_child.stdout, "printing "))
    assert printing_child.stdin is not None
    printing_child.stdin.write("printed\n")
    printing_child.stdin.flush()

    assert wait_for_line(printing_child.stdout, "issued ") == "A-001"
    assert printing_child.wait() == 0
    assert starting_queue(sessions).void_abandoned() == []
    assert state_of(sessions, ticket_id) is S.ISSUED


def test_a_reused_pid_is_not_mistaken_for_the_printing_process() -> None:
    table = ProcessTable()
    me = table.current()
    assert table.is_running(me)
    assert not table.is_running(dataclasses.replace(me, process_start=(me.process_start or 0) + 1))
    booted = table.booted_at()
    assert booted is not None and booted < datetime.now(UTC)
