"""The queue's part of the day's report: tickets per line, per loket, per hour, waits.

A day's tickets are those whose business date is that day (numbers restart at the
office's local midnight). The day's calls are the first calls (action "call", as
kiosk.queue.choosing counts them) made to those tickets within the day.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from kiosk.queue.choosing import CALL_ACTION
from kiosk.queue.models import Line, Ticket, TicketEvent
from kiosk.queue.types import TicketState
from kiosk.reports.durations import summarise
from kiosk.reports.types import Durations, HourCount, LineDay, LoketDay
from kiosk.reports.window import Window

S = TicketState
RECALL_ACTION = "recall"  # kiosk.queue.counter.CounterDesk.recall
NOT_ISSUED = frozenset({S.PRINTING, S.VOIDED})  # a number used up, never a citizen's
OPEN = frozenset({S.ISSUED, S.CALLED, S.SERVING, S.HELD})
HOURS = range(24)


class TicketTimes(NamedTuple):
    service_id: int
    state: TicketState
    issued_at: datetime
    called_at: datetime | None
    serving_started_at: datetime | None
    finished_at: datetime | None
    counter: str | None


class CallEvent(NamedTuple):
    at: datetime
    counter: str | None
    action: str | None


@dataclass(frozen=True)
class QueueDay:
    lines: tuple[LineDay, ...]
    lokets: tuple[LoketDay, ...]
    hours: tuple[HourCount, ...]
    wait: Durations
    service: Durations


def queue_day(session: Session, day: date, window: Window, zone: ZoneInfo) -> QueueDay:
    tickets = _tickets(session, day)
    calls = _calls(session, day, window)
    return QueueDay(
        lines=tuple(_line_day(line, tickets) for line in _lines(session, day)),
        lokets=_lokets(tickets, calls),
        hours=_hours(tickets, calls, zone),
        wait=summarise(_waits(tickets)),
        service=summarise(_service_times(tickets)),
    )


def _tickets(session: Session, day: date) -> list[TicketTimes]:
    query = select(
        Ticket.service_id,
        Ticket.state,
        Ticket.issued_at,
        Ticket.called_at,
        Ticket.serving_started_at,
        Ticket.finished_at,
        Ticket.counter,
    ).where(Ticket.business_date == day)
    return [TicketTimes(*row) for row in session.execute(query)]


def _calls(session: Session, day: date, window: Window) -> list[CallEvent]:
    start, end = window
    query = (
        select(TicketEvent.at, TicketEvent.counter, TicketEvent.action)
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .where(
            Ticket.business_date == day,
            TicketEvent.state == S.CALLED,
            TicketEvent.action.in_((CALL_ACTION, RECALL_ACTION)),
            TicketEvent.at >= start,
            TicketEvent.at < end,
        )
    )
    return [CallEvent(*row) for row in session.execute(query)]


def _lines(session: Session, day: date) -> list[Line]:
    """Every enabled line, and a disabled one that still had tickets that day."""
    had_tickets = select(Ticket.service_id).where(Ticket.business_date == day)
    query = select(Line).where(or_(Line.enabled, Line.id.in_(had_tickets)))
    return list(session.scalars(query.order_by(Line.sort_order, Line.code)))


def _line_day(line: Line, tickets: Sequence[TicketTimes]) -> LineDay:
    own = [ticket for ticket in tickets if ticket.service_id == line.id]
    states = Counter(ticket.state for ticket in own)
    return LineDay(
        code=line.code,
        names=dict(line.names),
        issued=sum(count for state, count in states.items() if state not in NOT_ISSUED),
        served=states[S.DONE],
        no_show=states[S.NO_SHOW],
        cancelled=states[S.CANCELLED],
        transferred=states[S.TRANSFERRED],
        voided=states[S.VOIDED],
        open=sum(states[state] for state in OPEN),
        wait=summarise(_waits(own)),
        service=summarise(_service_times(own)),
    )


def _waits(tickets: Iterable[TicketTimes]) -> list[float]:
    """Issued to first call, of every ticket that was called (voided ones never are)."""
    return [
        (ticket.called_at - ticket.issued_at).total_seconds()
        for ticket in tickets
        if ticket.called_at is not None
    ]


def _service_times(tickets: Iterable[TicketTimes]) -> list[float]:
    """First start of serving to the finish, of every ticket served (DONE)."""
    return [
        (ticket.finished_at - ticket.serving_started_at).total_seconds()
        for ticket in tickets
        if ticket.state is S.DONE
        and ticket.serving_started_at is not None
        and ticket.finished_at is not None
    ]


def _lokets(tickets: Sequence[TicketTimes], calls: Sequence[CallEvent]) -> tuple[LoketDay, ...]:
    """Per loket: its calls, and the tickets it finished (the loket that acted last)."""
    first_calls = Counter(call.counter for call in calls if call.action == CALL_ACTION)
    recalls = Counter(call.counter for call in calls if call.action == RECALL_ACTION)
    served = [ticket for ticket in tickets if ticket.state is S.DONE]
    names = {name for name in (*first_calls, *recalls, *(t.counter for t in served)) if name}
    return tuple(
        LoketDay(
            loket=name,
            calls=first_calls[name],
            recalls=recalls[name],
            served=sum(1 for ticket in served if ticket.counter == name),
            service=summarise(_service_times(t for t in served if t.counter == name)),
        )
        for name in sorted(names, key=_loket_order)
    )


def _loket_order(name: str) -> tuple[int, int, str]:
    """Loket 2 before loket 10; named ones ("Pengaduan") after the numbered ones."""
    return (0, int(name), name) if name.isdigit() else (1, 0, name)


def _hours(
    tickets: Sequence[TicketTimes], calls: Sequence[CallEvent], zone: ZoneInfo
) -> tuple[HourCount, ...]:
    """Tickets issued and first calls made per hour of the office's local clock."""
    issued = Counter(
        ticket.issued_at.astimezone(zone).hour
        for ticket in tickets
        if ticket.state not in NOT_ISSUED
    )
    called = Counter(call.at.astimezone(zone).hour for call in calls if call.action == CALL_ACTION)
    return tuple(HourCount(hour, issued[hour], called[hour]) for hour in HOURS)
