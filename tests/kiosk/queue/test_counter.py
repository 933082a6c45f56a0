"""A loket's calls: the priority rhythm, one ticket at a time, recall, hold, transfers, audit."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.printers import PrinterProblem
from kiosk.queue.choosing import CallRule
from kiosk.queue.counter import CounterDesk
from kiosk.queue.desk import QueueDesk
from kiosk.queue.errors import CounterBusy, InvalidTransition, TicketVoided, UnknownLine
from kiosk.queue.models import Ticket, TicketEvent
from kiosk.queue.types import Priority, TicketState
from tests.helpers.stubs import FakeClock, RecordingPrinter

S = TicketState
P = Priority.ELDERLY


def desk(sessions: sessionmaker[Session], clock: FakeClock, every: int = 2) -> CounterDesk:
    return CounterDesk(sessions, clock, "Asia/Jakarta", CallRule(regular_per_priority=every))


def issue(queue: QueueDesk, clock: FakeClock, pattern: str, line: str = "B") -> list[str]:
    """Issue one ticket per letter, a minute apart: R regular, P elderly."""
    codes = []
    for kind in pattern:
        clock.advance(minutes=1)
        codes.append(queue.issue_ticket(line, P if kind == "P" else None).code)
    return codes


def call_all(counter: CounterDesk, lines: list[str], loket: str = "1") -> list[str]:
    """Call and finish every waiting ticket at one loket, in the order it calls them."""
    called = []
    while (ticket := counter.call_next(loket, lines, actor="S-01")) is not None:
        called.append(ticket.code)
        counter.start(ticket.ticket_id, loket, actor="S-01")
        counter.finish(ticket.ticket_id, loket, actor="S-01")
    return called


def events(sessions: sessionmaker[Session], ticket_id: int) -> list[TicketEvent]:
    with sessions() as session:
        query = select(TicketEvent).where(TicketEvent.ticket_id == ticket_id)
        return list(session.scalars(query.order_by(TicketEvent.id)))


def test_one_priority_per_two_regular_while_both_wait(
    queue: QueueDesk, clock: FakeClock, sessions: sessionmaker[Session]
) -> None:
    r1, r2, r3, r4, r5, p1, p2, p3 = issue(queue, clock, "RRRRRPPP")

    called = call_all(desk(sessions, clock, every=2), ["B"])

    assert called == [p1, r1, r2, p2, r3, r4, p3, r5]


def test_strict_priority_when_the_office_sets_zero(
    queue: QueueDesk, clock: FakeClock, sessions: sessionmaker[Session]
) -> None:
    r1, p1, r2, p2 = issue(queue, clock, "RPRP")

    assert call_all(desk(sessions, clock, every=0), ["B"]) == [p1, p2, r1, r2]


def test_priority_is_not_held_back_when_no_regular_ticket_waits(
    queue: QueueDesk, clock: FakeClock, sessions: sessionmaker[Session]
) -> None:
    p1, p2, p3 = issue(queue, clock, "PPP")

    assert call_all(desk(sessions, clock, every=3), ["B"]) == [p1, p2, p3]


def test_a_loket_calls_only_its_lines_and_oldest_first_across_them(
    queue: QueueDesk, clock: FakeClock, sessions: sessionmaker[Session]
) -> None:
    a1 = issue(queue, clock, "R", "A")[0]
    b1 = issue(queue, clock, "R", "B")[0]
    c1 = issue(queue, clock, "R", "C")[0]
    counter = desk(sessions, clock)

    assert call_all(counter, ["C", "A"], "1") == [a1, c1]
    assert call_all(counter, ["B"], "2") == [b1]
    with pytest.raises(UnknownLine):
        counter.call_next("1", ["Z"], actor="S-01")


def test_call_next_refused_while_the_loket_has_a_ticket(
    queue: QueueDesk, clock: FakeClock, sessions: sessionmaker[Session]
) -> None:
    first, second = issue(queue, clock, "RR")
    counter = desk(sessions, clock)
    called = counter.call_next("1", ["B"], actor="S-01")
    assert called is not None and called.code == first

    with pytest.raises(CounterBusy, match=first):
        counter.call_next("1", ["B"], actor="S-01")
    other = counter.call_next("2", ["B"], actor="S-02")  # another loket is free
    assert other is not None and other.code == second
    counter.no_show(called.ticket_id, "1", actor="S-01")
    assert counter.call_next("1", ["B"], actor="S-01") is None  # nobody else waits


def test_times_and_the_audit_trail_record_who_and_when(
    queue: QueueDesk, clock: FakeClock, sessions: sessionmaker[Session]
) -> None:
    issue(queue, clock, "R")
    counter = desk(sessions, clock)
    called_at = clock.advance(minutes=7)
    ticket = counter.call_next("3", ["B"], actor="S-07")
    assert ticket is not None
    recalled_at = clock.advance(minutes=1)
    counter.recall(ticket.ticket_id, "3", actor="S-07")
    started = clock.advance(minutes=1)
    counter.start(ticket.ticket_id, "3", actor="S-07")
    counter.record_reprint(ticket.ticket_id, "3", actor="S-07")
    finished = clock.advance(minutes=12)
    counter.finish(ticket.ticket_id, "3", actor="S-07")

    with sessions() as session:
        row = session.get_one(Ticket, ticket.ticket_id)
        assert (row.called_at, row.serving_started_at, row.finished_at) == (
            called_at,
            started,
            finished,
        )
        assert (row.finished_at - row.serving_started_at).total_seconds() == 12 * 60
    trail = [
        (e.state, e.action, e.counter, e.actor, e.at) for e in events(sessions, ticket.ticket_id)
    ]
    assert trail[2:] == [  # after PRINTING and ISSUED
        (S.CALLED, "call", "3", "S-07", called_at),
        (S.CALLED, "recall", "3", "S-07", recalled_at),
        (S.SERVING, None, "3", "S-07", started),
        (S.SERVING, "reprint", "3", "S-07", started),
        (S.DONE, None, "3", "S-07", finished),
    ]


def test_hold_frees_the_loket_and_resume_calls_the_ticket_back(
    queue: QueueDesk, clock: FakeClock, sessions: sessionmaker[Session]
) -> None:
    first, second = issue(queue, clock, "RR")
    counter = desk(sessions, clock)
    held = counter.call_next("1", ["B"], actor="S-01")
    assert held is not None
    counter.start(held.ticket_id, "1", actor="S-01")
    counter.hold(held.ticket_id, "1", actor="S-01")
    assert [t.code for t in counter.held("1")] == [first]
    assert counter.at_counter("1") is None

    now = counter.call_next("1", ["B"], actor="S-01")
    assert now is not None and now.code == second
    with pytest.raises(CounterBusy):
        counter.resume(held.ticket_id, "1", actor="S-01")
    counter.no_show(now.ticket_id, "1", actor="S-01")
    resumed = counter.resume(held.ticket_id, "1", actor="S-01")

    assert (resumed.code, resumed.state) == (first, S.CALLED)
    assert events(sessions, held.ticket_id)[-1].action == "resume"
    assert counter.held("1") == []


def test_transfer_to_a_loket_keeps_the_number_for_that_loket_alone(
    queue: QueueDesk, clock: FakeClock, sessions: sessionmaker[Session]
) -> None:
    first, second = issue(queue, clock, "RR")
    counter = desk(sessions, clock)
    ticket = counter.call_next("1", ["B"], actor="S-01")
    assert ticket is not None and ticket.code == first
    moved = counter.transfer_to_counter(ticket.ticket_id, "4", "1", actor="S-01")
    assert (moved.state, moved.assigned_counter) == (S.ISSUED, "4")

    at_two = counter.call_next("2", ["B"], actor="S-02")
    assert at_two is not None and at_two.code == second  # not the one sent to loket 4
    at_four = counter.call_next("4", ["B"], actor="S-04")
    assert at_four is not None and at_four.code == first  # its own transfer first
    assert at_four.assigned_counter is None
    trail = [(e.state, e.action, e.counter, e.note) for e in events(sessions, ticket.ticket_id)]
    assert trail[-2:] == [(S.ISSUED, "transfer", "1", "to loket 4"), (S.CALLED, "call", "4", None)]


def test_transfer_to_another_line_gives_a_new_number_with_the_priority(
    queue: QueueDesk, clock: FakeClock, sessions: sessionmaker[Session]
) -> None:
    issue(queue, clock, "P")
    counter = desk(sessions, clock)
    ticket = counter.call_next("1", ["B"], actor="S-01")
    assert ticket is not None
    new = counter.transfer_to_line(ticket.ticket_id, "C", "1", actor="S-01")

    assert (new.code, new.state, new.priority, new.line_code) == ("C-001", S.ISSUED, P, "C")
    with sessions() as session:
        assert session.get_one(Ticket, ticket.ticket_id).state is S.TRANSFERRED
    called = counter.call_next("2", ["C"], actor="S-02")
    assert called is not None and called.code == "C-001"


def test_forbidden_moves_change_nothing(
    queue: QueueDesk, clock: FakeClock, sessions: sessionmaker[Session]
) -> None:
    issue(queue, clock, "R")
    counter = desk(sessions, clock)
    ticket = counter.call_next("1", ["B"], actor="S-01")
    assert ticket is not None
    counter.start(ticket.ticket_id, "1", actor="S-01")
    before = len(events(sessions, ticket.ticket_id))

    for move in (counter.no_show, counter.recall, counter.resume):
        with pytest.raises(InvalidTransition):
            move(ticket.ticket_id, "1", "S-01")
    counter.finish(ticket.ticket_id, "1", actor="S-01")
    with pytest.raises(InvalidTransition):
        counter.transfer_to_counter(ticket.ticket_id, "2", "1", actor="S-01")
    assert len(events(sessions, ticket.ticket_id)) == before + 1


def test_voided_and_printing_numbers_are_never_called(
    sessions: sessionmaker[Session], clock: FakeClock, printer: RecordingPrinter
) -> None:
    queue = QueueDesk(sessions, printer, clock, "Kantor", "Asia/Jakarta")
    printer.fail_next(PrinterProblem.PAPER_OUT)
    with pytest.raises(TicketVoided):
        queue.issue_ticket("B")
    good = queue.issue_ticket("B")

    assert call_all(desk(sessions, clock), ["B"]) == [good.code]
