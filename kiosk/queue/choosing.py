"""Which waiting ticket a loket calls next: its own transfers, then priority by the office's rule.

Priority tickets (elderly, disabled, pregnant) go first, but the regular line is never
starved: after a priority call, up to `regular_per_priority` regular tickets are called
before the next priority one, as long as regular tickets wait. Zero means strict
priority. The rule reads the recent calls from the database, so every loket of the
office shares one rhythm without talking to each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, case, exists, or_, select
from sqlalchemy.orm import Session

from kiosk.queue.models import Ticket, TicketEvent
from kiosk.queue.states import WAITING
from kiosk.queue.types import TicketState

CALL_ACTION = "call"  # a first call; recalls and resumes are named otherwise


@dataclass(frozen=True)
class CallRule:
    """The office's rule: regular calls owed after each priority call."""

    regular_per_priority: int = 2


def next_ticket(
    session: Session, day: date, service_ids: Sequence[int], counter: str, rule: CallRule
) -> Ticket | None:
    """The ticket `counter` should call now, locked for this transaction (None: nobody waits).

    PostgreSQL skips rows another loket has locked (``FOR UPDATE SKIP LOCKED``), so two
    lokets pressing "call next" at the same instant get two different tickets; SQLite has
    one writer at a time (``BEGIN IMMEDIATE``), which serialises them anyway.
    """
    waiting = _waiting(day, service_ids, counter)
    prefer_priority = _priority_turn(session, day, service_ids, rule)
    if not prefer_priority and not _any(session, waiting.where(Ticket.priority.is_(None))):
        prefer_priority = True  # no regular ticket waits: priority ones are not held back
    order_class = case(
        (Ticket.priority.is_(None), 1 if prefer_priority else 0), else_=0 if prefer_priority else 1
    )
    mine_first = case((Ticket.assigned_counter == counter, 0), else_=1)
    query = (
        waiting.order_by(mine_first, order_class, Ticket.issued_at, Ticket.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    return session.scalars(query).first()


def _waiting(day: date, service_ids: Sequence[int], counter: str) -> Select[Ticket]:
    return select(Ticket).where(
        Ticket.business_date == day,
        Ticket.state.in_(WAITING),
        Ticket.service_id.in_(service_ids),
        or_(Ticket.assigned_counter.is_(None), Ticket.assigned_counter == counter),
    )


def _any(session: Session, query: Select[Ticket]) -> bool:
    return bool(session.scalar(select(exists(query.with_only_columns(Ticket.id)))))


def _priority_turn(session: Session, day: date, service_ids: Sequence[int], rule: CallRule) -> bool:
    """True unless a priority ticket was among the last `regular_per_priority` first calls."""
    if rule.regular_per_priority <= 0:
        return True
    recent = (
        select(Ticket.priority)
        .join(TicketEvent, TicketEvent.ticket_id == Ticket.id)
        .where(
            Ticket.business_date == day,
            Ticket.service_id.in_(service_ids),
            TicketEvent.state == TicketState.CALLED,
            TicketEvent.action == CALL_ACTION,
        )
        .order_by(TicketEvent.id.desc())
        .limit(rule.regular_per_priority)
    )
    return all(priority is None for priority in session.scalars(recent))
