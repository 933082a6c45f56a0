"""Issuing real tickets through the wired queue onto an emulated printer (simulated hardware)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from devices.emulator import EmulatedPrinter
from kiosk.printers import PrinterProblem, PrinterUnavailable
from kiosk.queue.desk import QueueDesk
from kiosk.queue.errors import TicketVoided
from kiosk.queue.models import Ticket
from kiosk.queue.types import Priority, TicketState


def ticket_count(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(Ticket)) or 0


def test_issued_ticket_is_printed_in_full(real_queue: QueueDesk, emulator: EmulatedPrinter) -> None:
    real_queue.issue_ticket("A")
    ticket = real_queue.issue_ticket("A", Priority.PREGNANT)
    assert ticket.code == "A-002"
    assert len(emulator.tickets) == 2
    body = emulator.tickets[-1].body
    assert "A-002" in body
    assert "Administrasi Kependudukan" in body
    assert "PRIORITAS: IBU HAMIL" in body
    assert "[QR: ANJUNGAN:T:" in body
    assert emulator.tickets[-1].cut == "partial"


def test_paper_out_consumes_no_number(
    real_queue: QueueDesk, emulator: EmulatedPrinter, sessions: sessionmaker[Session]
) -> None:
    emulator.paper_out()
    with pytest.raises(PrinterUnavailable) as caught:
        real_queue.issue_ticket("B")
    assert caught.value.problem is PrinterProblem.PAPER_OUT
    assert ticket_count(sessions) == 0
    assert emulator.tickets == []
    emulator.paper_ok()
    assert real_queue.issue_ticket("B").code == "B-001"


def ticket_states(sessions: sessionmaker[Session]) -> list[tuple[str, TicketState]]:
    with sessions() as session:
        return [
            (code, state)
            for code, state in session.execute(
                select(Ticket.code, Ticket.state).order_by(Ticket.id)
            )
        ]


def test_unplug_mid_ticket_voids_the_number_and_recovers(
    real_queue: QueueDesk, emulator: EmulatedPrinter, sessions: sessionmaker[Session]
) -> None:
    emulator.pace = True  # the ticket takes ~0.6 s on a 9600 baud line
    printing_started = threading.Event()

    def unplug_once_bytes_flow() -> None:
        printing_started.wait(timeout=5)
        emulator.vanish()

    def watch() -> None:
        if emulator.bytes_received > 16:  # past the status queries: ticket bytes arrive
            printing_started.set()

    original_receive = emulator.receive

    def receive(data: bytes) -> bytes:
        reply = original_receive(data)
        watch()
        return reply

    emulator.receive = receive  # type: ignore[method-assign]
    unplugger = threading.Thread(target=unplug_once_bytes_flow)
    unplugger.start()
    with pytest.raises(TicketVoided) as caught:
        real_queue.issue_ticket("C")
    unplugger.join()
    assert (caught.value.code, caught.value.problem) == ("C-001", PrinterProblem.UNPLUGGED)
    assert ticket_states(sessions) == [("C-001", TicketState.VOIDED)]  # its stub may show it

    emulator.pace = False
    with pytest.raises(PrinterUnavailable) as refused:  # still unplugged: caught by the check
        real_queue.issue_ticket("C")
    assert not isinstance(refused.value, TicketVoided)
    assert ticket_count(sessions) == 1
    emulator.come_back()
    assert real_queue.issue_ticket("C").code == "C-002"
    assert "C-002" in emulator.tickets[-1].body


def test_reprint_prints_the_same_number_again(
    real_queue: QueueDesk, emulator: EmulatedPrinter, sessions: sessionmaker[Session]
) -> None:
    first = real_queue.issue_ticket("B")
    again = real_queue.reprint(first.ticket_id)
    assert again.code == first.code == "B-001"
    assert len(emulator.tickets) == 2
    assert emulator.tickets[0].body == emulator.tickets[1].body
    assert ticket_count(sessions) == 1


def test_paper_running_out_mid_ticket_voids_the_number(
    real_queue: QueueDesk, emulator: EmulatedPrinter, sessions: sessionmaker[Session]
) -> None:
    emulator.paper_runs_out_after(3)  # the roll ends three lines into the ticket
    with pytest.raises(TicketVoided) as caught:
        real_queue.issue_ticket("A")
    assert (caught.value.code, caught.value.problem) == ("A-001", PrinterProblem.PAPER_OUT)
    assert ticket_states(sessions) == [("A-001", TicketState.VOIDED)]
    assert emulator.tickets == []
    assert len(emulator.pending_lines) == 3  # the half ticket on the empty roll
    emulator.paper_ok()
    assert emulator.tickets == []  # the printer confirmed the clear: the rest never prints
    assert real_queue.issue_ticket("A").code == "A-002"
    assert "A-002" in emulator.tickets[-1].body


def test_a_printer_that_cannot_discard_the_rest_voids_the_number(
    real_queue: QueueDesk, emulator: EmulatedPrinter, sessions: sessionmaker[Session]
) -> None:
    """No clear-buffer support: the rest of the ticket prints after the paper change, so
    that number must never be given to the next citizen (a gap beats a duplicate)."""
    emulator.supports_clear = False
    emulator.paper_runs_out_after(3)
    with pytest.raises(TicketVoided) as caught:
        real_queue.issue_ticket("A")
    assert caught.value.may_print_later
    assert ticket_states(sessions) == [("A-001", TicketState.VOIDED)]

    emulator.paper_ok()  # the ghost of A-001 comes out now...
    assert emulator.wait_for_tickets(1, timeout=5)
    assert "A-001" in emulator.tickets[-1].body
    assert real_queue.issue_ticket("A").code == "A-002"  # ...and nobody else gets A-001
