"""The queue service: issuing under the printer's word, people ahead, waits, reprint, transfer."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from kiosk.printers import PrinterProblem, PrinterUnavailable
from kiosk.queue.desk import QueueDesk
from kiosk.queue.errors import (
    InvalidTransition,
    QueueFull,
    TicketNotFound,
    TicketVoided,
    UnknownLine,
)
from kiosk.queue.models import DailyCounter, Line, Ticket, TicketEvent
from kiosk.queue.types import Priority, TicketState
from tests.helpers.stubs import FakeClock, RecordingPrinter
from tests.kiosk.conftest import OFFICE_NAME


def rows(sessions: sessionmaker[Session], model: type[object]) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_services_are_enabled_ones_in_order(
    queue: QueueDesk, sessions: sessionmaker[Session]
) -> None:
    assert [s.code for s in queue.lines()] == ["A", "B", "C"]
    with sessions.begin() as session:
        session.execute(update(Line).where(Line.code == "B").values(enabled=False))
    services = queue.lines()
    assert [s.code for s in services] == ["A", "C"]
    assert services[0].name("id") == "Administrasi Kependudukan"
    assert services[0].name("en") == "Civil Registration"
    assert "ruang tunggu" in services[0].where_to_wait["id"]


def test_issue_prints_and_returns_the_ticket(queue: QueueDesk, printer: RecordingPrinter) -> None:
    ticket = queue.issue_ticket("B", language="en")

    assert printer.printed == [(ticket, "en")]
    assert ticket.code == "B-001"
    assert ticket.number == 1
    assert ticket.business_date == date(2024, 5, 6)
    assert ticket.issued_at.isoformat() == "2024-05-06T09:00:00+07:00"
    assert ticket.zone_label == "WIB"
    assert ticket.office_name == OFFICE_NAME
    assert ticket.line.names["id"] == "Surat Keterangan"
    assert ticket.priority is None
    assert (ticket.people_ahead, ticket.estimated_wait_minutes) == (0, 0)
    assert queue.get_ticket(ticket.ticket_id) == ticket


def test_issue_records_printing_then_issued(
    queue: QueueDesk, sessions: sessionmaker[Session]
) -> None:
    ticket = queue.issue_ticket("A")
    with sessions() as session:
        events = session.scalars(select(TicketEvent).order_by(TicketEvent.id)).all()
        stored = session.get_one(Ticket, ticket.ticket_id)
    assert [(e.ticket_id, e.state, e.at) for e in events] == [
        (ticket.ticket_id, TicketState.PRINTING, ticket.issued_at),
        (ticket.ticket_id, TicketState.ISSUED, ticket.issued_at),
    ]
    assert stored.state is TicketState.ISSUED


def test_services_number_independently(queue: QueueDesk) -> None:
    codes = [queue.issue_ticket(code).code for code in "AABCA"]
    assert codes == ["A-001", "A-002", "B-001", "C-001", "A-003"]


def test_people_ahead_and_wait_with_priority(queue: QueueDesk) -> None:
    """A = 10 min per person. Priority tickets wait only for earlier priority tickets."""
    first = queue.issue_ticket("A")
    second = queue.issue_ticket("A")
    elderly = queue.issue_ticket("A", Priority.ELDERLY)
    pregnant = queue.issue_ticket("A", Priority.PREGNANT)
    last = queue.issue_ticket("A")

    assert (first.people_ahead, second.people_ahead) == (0, 1)
    assert (elderly.people_ahead, elderly.estimated_wait_minutes) == (0, 0)
    assert (pregnant.people_ahead, pregnant.estimated_wait_minutes) == (1, 10)
    assert (last.people_ahead, last.estimated_wait_minutes) == (4, 40)
    # The second normal ticket now also waits for the two priority tickets issued later.
    assert queue.get_ticket(second.ticket_id).people_ahead == 3


def test_only_waiting_tickets_count_as_ahead(queue: QueueDesk) -> None:
    called = queue.issue_ticket("C")
    held = queue.issue_ticket("C")
    queue.transition(called.ticket_id, TicketState.CALLED)
    queue.transition(held.ticket_id, TicketState.HELD)

    ticket = queue.issue_ticket("C")

    assert (ticket.people_ahead, ticket.estimated_wait_minutes) == (0, 0)
    assert queue.get_ticket(called.ticket_id).people_ahead == 0
    assert queue.waiting_count("C") == 1


def test_wait_uses_todays_measured_service_time_after_three_tickets(
    queue: QueueDesk, clock: FakeClock
) -> None:
    """B is configured at 7 minutes; today's three finished tickets took 2, 3 and 4."""
    for minutes in (2, 3, 4):
        ticket_id = queue.issue_ticket("B").ticket_id
        queue.transition(ticket_id, TicketState.CALLED)
        queue.transition(ticket_id, TicketState.SERVING)
        clock.advance(minutes=minutes)
        queue.transition(ticket_id, TicketState.DONE)
        if minutes == 3:
            alone = queue.issue_ticket("B")
            assert alone.estimated_wait_minutes == 0  # nobody waiting ahead
            behind_one = queue.issue_ticket("B")
            assert behind_one.estimated_wait_minutes == 7  # 2 measured: configured guess
            queue.transition(alone.ticket_id, TicketState.CANCELLED)
            queue.transition(behind_one.ticket_id, TicketState.CANCELLED)

    queue.issue_ticket("B")
    queue.issue_ticket("B")
    third = queue.issue_ticket("B")

    assert (third.people_ahead, third.estimated_wait_minutes) == (2, 6)  # 2 x 3 min


def test_a_printer_not_ready_consumes_nothing(
    queue: QueueDesk, printer: RecordingPrinter, sessions: sessionmaker[Session]
) -> None:
    printer.not_ready = PrinterProblem.PAPER_OUT

    with pytest.raises(PrinterUnavailable) as caught:
        queue.issue_ticket("A")

    assert type(caught.value) is PrinterUnavailable  # not voided: no number was used
    assert caught.value.problem is PrinterProblem.PAPER_OUT
    assert (printer.checks, printer.attempts) == (1, 0)
    assert (
        rows(sessions, Ticket) == rows(sessions, TicketEvent) == rows(sessions, DailyCounter) == 0
    )
    printer.not_ready = None
    assert queue.issue_ticket("A").code == "A-001"


def test_a_printer_failing_mid_ticket_voids_the_number(
    queue: QueueDesk, printer: RecordingPrinter, sessions: sessionmaker[Session]
) -> None:
    printer.fail_next(PrinterProblem.PAPER_OUT)

    with pytest.raises(TicketVoided) as caught:
        queue.issue_ticket("A")

    assert (caught.value.code, caught.value.problem) == ("A-001", PrinterProblem.PAPER_OUT)
    assert isinstance(caught.value.__cause__, PrinterUnavailable)
    with sessions() as session:
        voided = session.scalars(select(Ticket)).one()
        states = session.scalars(select(TicketEvent.state).order_by(TicketEvent.id)).all()
    assert (voided.code, voided.state) == ("A-001", TicketState.VOIDED)
    assert voided.finished_at is not None
    assert states == [TicketState.PRINTING, TicketState.VOIDED]
    assert queue.waiting_count("A") == 0  # a voided number is nobody waiting
    assert queue.issue_ticket("A").code == "A-002"  # a gap, never A-001 again


def test_any_printer_exception_voids_the_number_and_propagates_unchanged(
    queue: QueueDesk, sessions: sessionmaker[Session], clock: FakeClock
) -> None:
    queue.issue_ticket("A")
    boom = RuntimeError("driver bug")

    class BrokenPrinter:
        def check_ready(self) -> None:
            pass

        def print_ticket(self, ticket: object, language: str) -> None:
            raise boom

    broken = QueueDesk(sessions, BrokenPrinter(), clock, OFFICE_NAME, "Asia/Jakarta")
    with pytest.raises(RuntimeError) as caught:
        broken.issue_ticket("A")

    assert caught.value is boom
    with sessions() as session:
        states = session.execute(select(Ticket.code, Ticket.state).order_by(Ticket.id)).all()
    assert states == [("A-001", TicketState.ISSUED), ("A-002", TicketState.VOIDED)]
    assert queue.issue_ticket("A").code == "A-003"


def test_queue_full_past_the_range(
    queue: QueueDesk, printer: RecordingPrinter, sessions: sessionmaker[Session]
) -> None:
    with sessions.begin() as session:
        session.execute(update(Line).where(Line.code == "C").values(range_end=2))
    queue.issue_ticket("C")
    queue.issue_ticket("C")

    with pytest.raises(QueueFull) as caught:
        queue.issue_ticket("C")

    assert caught.value.code == "C"
    assert printer.attempts == 2
    assert queue.issue_ticket("A").code == "A-001"  # other services go on


def test_range_start_is_the_first_number(queue: QueueDesk, sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as session:
        session.execute(update(Line).where(Line.code == "A").values(range_start=500))
    assert queue.issue_ticket("A").code == "A-500"


def test_unknown_or_disabled_service(
    queue: QueueDesk, printer: RecordingPrinter, sessions: sessionmaker[Session]
) -> None:
    with pytest.raises(UnknownLine):
        queue.issue_ticket("Z")
    with sessions.begin() as session:
        session.execute(update(Line).where(Line.code == "B").values(enabled=False))
    with pytest.raises(UnknownLine):
        queue.issue_ticket("B")
    with pytest.raises(UnknownLine):
        queue.waiting_count("Z")
    assert printer.attempts == 0


def test_reprint_recomputes_and_is_audited(
    queue: QueueDesk, printer: RecordingPrinter, sessions: sessionmaker[Session]
) -> None:
    first = queue.issue_ticket("A")
    second = queue.issue_ticket("A")
    assert second.people_ahead == 1
    queue.transition(first.ticket_id, TicketState.CALLED)
    events = rows(sessions, TicketEvent)

    again = queue.reprint(second.ticket_id, language="en", actor="1001", counter="2")

    assert printer.printed[-1] == (again, "en")
    assert again.code == "A-002"
    assert again.people_ahead == 0
    assert rows(sessions, TicketEvent) == events + 1
    assert rows(sessions, Ticket) == 2
    with sessions() as session:
        last = session.scalars(select(TicketEvent).order_by(TicketEvent.id.desc())).first()
    assert last is not None
    assert (last.ticket_id, last.state, last.action, last.actor, last.counter) == (
        second.ticket_id,
        TicketState.ISSUED,
        "reprint",
        "1001",
        "2",
    )


def test_reprint_failure_propagates(
    queue: QueueDesk, printer: RecordingPrinter, sessions: sessionmaker[Session]
) -> None:
    ticket = queue.issue_ticket("A")
    printer.fail_next(PrinterProblem.COVER_OPEN)
    events = rows(sessions, TicketEvent)
    with pytest.raises(PrinterUnavailable):
        queue.reprint(ticket.ticket_id)
    assert queue.get_ticket(ticket.ticket_id) == ticket
    assert rows(sessions, TicketEvent) == events  # nothing printed: nothing to audit


def test_missing_ticket(queue: QueueDesk) -> None:
    with pytest.raises(TicketNotFound):
        queue.get_ticket(404)
    with pytest.raises(TicketNotFound):
        queue.transition(404, TicketState.CALLED)


def test_transfer_ends_the_ticket_and_queues_a_new_one(
    queue: QueueDesk, printer: RecordingPrinter, sessions: sessionmaker[Session]
) -> None:
    queue.issue_ticket("B")
    old = queue.issue_ticket("A", Priority.DISABLED)
    queue.transition(old.ticket_id, TicketState.CALLED, counter="Loket 1")
    queue.transition(old.ticket_id, TicketState.SERVING)

    new = queue.transfer(old.ticket_id, "B", counter="Loket 1", note="needs a letter")

    assert new.code == "B-002"
    assert new.priority is Priority.DISABLED
    assert new.people_ahead == 0  # a priority ticket: the normal B-001 is not ahead
    assert len(printer.printed) == 2  # the transfer printed nothing
    with sessions() as session:
        stored_old = session.get_one(Ticket, old.ticket_id)
        stored_new = session.get_one(Ticket, new.ticket_id)
    assert stored_old.state is TicketState.TRANSFERRED
    assert stored_old.finished_at is not None
    assert stored_new.transferred_from_id == old.ticket_id


def test_failed_transfer_changes_nothing(queue: QueueDesk, sessions: sessionmaker[Session]) -> None:
    ticket = queue.issue_ticket("A")
    with pytest.raises(UnknownLine):
        queue.transfer(ticket.ticket_id, "Z")
    queue.transition(ticket.ticket_id, TicketState.CANCELLED)
    with pytest.raises(InvalidTransition, match="cannot go from cancelled"):
        queue.transfer(ticket.ticket_id, "B")
    assert rows(sessions, Ticket) == 1
    assert queue.issue_ticket("B").code == "B-001"
