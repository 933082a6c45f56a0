"""What the waiting room sees: the number at each loket, the last calls, who waits per line.

Read in one short transaction; the board asks again whenever the queue changed
(kiosk.queue.signals). A call is one CALLED event (a first call, a recall or a resume),
so the board announces each exactly once by remembering the last event id it spoke.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.clock import Clock
from kiosk.office_time import business_date, office_zone
from kiosk.queue.models import Line, Ticket, TicketEvent
from kiosk.queue.states import AT_COUNTER, WAITING
from kiosk.queue.types import TicketState

LAST_CALLS = 6


@dataclass(frozen=True)
class Call:
    """One call of a number to a loket, as the board shows and speaks it."""

    event_id: int
    code: str
    prefix: str
    number: int
    counter: str
    at: datetime  # aware, office time
    again: bool  # a recall or a resume: the same number called once more


@dataclass(frozen=True)
class LineWaiting:
    code: str
    prefix: str
    names: dict[str, str]
    waiting: int


@dataclass(frozen=True)
class BoardState:
    day: date
    serving: dict[str, str]  # loket -> the code called or served there now
    calls: list[Call]  # newest first
    lines: list[LineWaiting]
    read_at: datetime  # aware, office time: shown when the database stops answering


class BoardReader:
    """Reads the board's picture from the database; every value computed at that moment."""

    def __init__(self, session_factory: sessionmaker[Session], clock: Clock, timezone: str):
        self._sessions = session_factory
        self._clock = clock
        self._zone = office_zone(timezone)

    def read(self) -> BoardState:
        now = self._clock.now()
        day = business_date(now, self._zone)
        with self._sessions() as session:
            return BoardState(
                day=day,
                serving=self._serving(session, day),
                calls=self._calls(session, day),
                lines=self._lines(session, day),
                read_at=now.astimezone(self._zone),
            )

    def _serving(self, session: Session, day: date) -> dict[str, str]:
        query = (
            select(Ticket.counter, Ticket.code)
            .where(Ticket.business_date == day, Ticket.state.in_(AT_COUNTER))
            .order_by(Ticket.called_at)
        )
        return {counter: code for counter, code in session.execute(query) if counter}

    def _calls(self, session: Session, day: date) -> list[Call]:
        query = (
            select(TicketEvent, Ticket.code, Ticket.number, Line.prefix)
            .join(Ticket, TicketEvent.ticket_id == Ticket.id)
            .join(Line, Ticket.service_id == Line.id)
            .where(Ticket.business_date == day, TicketEvent.state == TicketState.CALLED)
            .order_by(TicketEvent.id.desc())
            .limit(LAST_CALLS)
        )
        return [
            Call(
                event_id=event.id,
                code=code,
                prefix=prefix,
                number=number,
                counter=event.counter or "",
                at=event.at.astimezone(self._zone),
                again=event.action in ("recall", "resume"),
            )
            for event, code, number, prefix in session.execute(query)
        ]

    def _lines(self, session: Session, day: date) -> list[LineWaiting]:
        counts = (
            select(Ticket.service_id, func.count().label("waiting"))
            .where(Ticket.business_date == day, Ticket.state.in_(WAITING))
            .group_by(Ticket.service_id)
            .subquery()
        )
        query = (
            select(Line, func.coalesce(counts.c.waiting, 0))
            .outerjoin(counts, counts.c.service_id == Line.id)
            .where(Line.enabled)
            .order_by(Line.sort_order, Line.code)
        )
        return [
            LineWaiting(code=line.code, prefix=line.prefix, names=dict(line.names), waiting=n)
            for line, n in session.execute(query)
        ]
