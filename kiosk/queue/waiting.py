"""How many people are ahead of a ticket and how long they will take, from the database."""

from __future__ import annotations

import math
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from kiosk.queue.models import Line, Ticket
from kiosk.queue.states import IN_LINE, WAITING
from kiosk.queue.types import TicketState

MIN_MEASURED_TICKETS = 3  # below this, today's measurements say less than the configured guess


def people_ahead(session: Session, ticket: Ticket) -> int:
    """Waiting (ISSUED) tickets of the same service and day that will be called before it.

    A priority ticket waits only for priority tickets issued before it. A normal ticket
    waits for every ticket issued before it, and also for priority tickets issued after it,
    since those jump ahead. Called, held or serving tickets are not "ahead", nor are
    tickets still being printed or voided. A ticket being printed counts its people ahead
    (they go on its paper); one no longer waiting has nobody ahead.
    """
    if ticket.state not in IN_LINE:
        return 0
    issued_before = Ticket.number < ticket.number
    if ticket.priority is not None:
        ahead = and_(issued_before, Ticket.priority.is_not(None))
    else:
        ahead = or_(issued_before, Ticket.priority.is_not(None))
    query = select(func.count()).where(
        Ticket.service_id == ticket.service_id,
        Ticket.business_date == ticket.business_date,
        Ticket.state.in_(WAITING),
        Ticket.id != ticket.id,
        ahead,
    )
    return session.scalar(query) or 0


def average_service_minutes(session: Session, service: Line, day: date) -> float:
    """Mean serving time of the day's finished tickets, once there are enough of them."""
    query = select(Ticket.serving_started_at, Ticket.finished_at).where(
        Ticket.service_id == service.id,
        Ticket.business_date == day,
        Ticket.state == TicketState.DONE,
        Ticket.serving_started_at.is_not(None),
        Ticket.finished_at.is_not(None),
    )
    durations = [
        (finished - started).total_seconds() / 60
        for started, finished in session.execute(query)
        if started is not None and finished is not None
    ]
    if len(durations) < MIN_MEASURED_TICKETS:
        return float(service.avg_service_minutes)
    return sum(durations) / len(durations)


def estimated_wait_minutes(session: Session, ticket: Ticket, service: Line) -> tuple[int, int]:
    """(people ahead, minutes rounded up): what the ticket prints."""
    ahead = people_ahead(session, ticket)
    if ahead == 0:
        return 0, 0
    average = average_service_minutes(session, service, ticket.business_date)
    return ahead, math.ceil(round(ahead * average, 6))  # 7.0000001 is still 7


def waiting_count(session: Session, service: Line, day: date) -> int:
    """Tickets of the service still waiting to be called on `day`."""
    query = select(func.count()).where(
        Ticket.service_id == service.id,
        Ticket.business_date == day,
        Ticket.state.in_(WAITING),
    )
    return session.scalar(query) or 0
