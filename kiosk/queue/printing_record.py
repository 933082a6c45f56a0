"""A ticket's printing_* columns: the process that prints it, stored, read back, judged."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.queue.models import Ticket
from kiosk.queue.printing_owner import PrintingOwner, Processes, is_abandoned
from kiosk.queue.types import TicketState

HOST_LENGTH = 255  # the printing_host column


def record_printing_owner(ticket: Ticket, owner: PrintingOwner) -> None:
    ticket.printing_host = owner.host[:HOST_LENGTH]
    ticket.printing_boot_id = owner.pid_space
    ticket.printing_pid = owner.pid
    ticket.printing_process_start = owner.process_start


def printing_owner(ticket: Ticket) -> PrintingOwner | None:
    """Who printed the ticket; None for a ticket from before migration 0004."""
    if ticket.printing_host is None or ticket.printing_pid is None:
        return None
    return PrintingOwner(
        ticket.printing_host,
        ticket.printing_boot_id,
        ticket.printing_pid,
        ticket.printing_process_start,
    )


def describe_owner(owner: PrintingOwner | None) -> str:
    """For the staff's log: host and pid, never anything about a citizen."""
    return "unknown process" if owner is None else f"host {owner.host}, pid {owner.pid}"


def abandoned_tickets(
    session: Session, now: datetime, processes: Processes
) -> list[tuple[int, str, PrintingOwner | None]]:
    """(id, code, owner) of each PRINTING ticket whose printing process is gone."""
    printing = session.scalars(select(Ticket).where(Ticket.state == TicketState.PRINTING))
    found = []
    for ticket in printing:
        owner = printing_owner(ticket)
        if is_abandoned(owner, ticket.issued_at, now, processes):
            found.append((ticket.id, ticket.code, owner))
    return found
