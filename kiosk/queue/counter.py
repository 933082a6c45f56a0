"""A loket's work on the queue: call the next ticket, recall, serve, hold, transfer, no-show.

Every change is one write transaction that also records a TicketEvent with the loket
and the signed-in clerk (the audit trail of who called, moved or reprinted what, and
when), and tells the other stations (kiosk.queue.signals) when it commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.clock import Clock
from kiosk.db.engine import begin_write
from kiosk.office_time import business_date, office_zone
from kiosk.queue import signals
from kiosk.queue.choosing import CALL_ACTION, CallRule, next_ticket
from kiosk.queue.errors import CounterBusy, InvalidTransition, TicketNotFound, UnknownLine
from kiosk.queue.locking import waiting_for_lock
from kiosk.queue.models import Line, Ticket, TicketEvent
from kiosk.queue.numbering import format_code
from kiosk.queue.reservation import reserve_next_number
from kiosk.queue.states import AT_COUNTER, REQUEUE_FROM, TIMESTAMP_COLUMNS, check_transition
from kiosk.queue.types import CounterTicket, TicketState

S = TicketState


class CounterDesk:
    """The queue as one loket (`counter`, e.g. "2") sees it, acting for clerk `actor`."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        clock: Clock,
        timezone: str,
        rule: CallRule | None = None,
    ) -> None:
        self._sessions = session_factory
        self._clock = clock
        self._zone = office_zone(timezone)
        self._rule = rule or CallRule()

    def today(self) -> date:
        return business_date(self._clock.now(), self._zone)

    def call_next(self, counter: str, lines: Sequence[str], actor: str) -> CounterTicket | None:
        """Call the next waiting ticket of `lines` to `counter`; None when nobody waits.

        Raises CounterBusy while the loket still has a called or serving ticket: the
        clerk finishes, holds or marks it first, so nobody is forgotten at the desk.
        """
        with self._sessions() as session, waiting_for_lock():
            begin_write(session)
            busy = self._at_counter(session, counter)
            if busy is not None:
                raise CounterBusy(busy.code)
            ids = self._line_ids(session, lines)
            ticket = next_ticket(session, self.today(), ids, counter, self._rule)
            if ticket is None:
                return None
            ticket.assigned_counter = None
            self._apply(session, ticket, S.CALLED, counter, actor, CALL_ACTION)
            return self._commit(session, ticket)

    def recall(self, ticket_id: int, counter: str, actor: str) -> CounterTicket:
        """Call the same number again (the board announces it again)."""
        return self._move(ticket_id, S.CALLED, counter, actor, "recall", {S.CALLED})

    def start(self, ticket_id: int, counter: str, actor: str) -> CounterTicket:
        """The citizen came: serving starts (the wait ends here)."""
        return self._move(ticket_id, S.SERVING, counter, actor, None)

    def finish(self, ticket_id: int, counter: str, actor: str) -> CounterTicket:
        return self._move(ticket_id, S.DONE, counter, actor, None)

    def no_show(self, ticket_id: int, counter: str, actor: str) -> CounterTicket:
        return self._move(ticket_id, S.NO_SHOW, counter, actor, None)

    def hold(self, ticket_id: int, counter: str, actor: str) -> CounterTicket:
        """Set aside (the citizen fetches a document); the loket may call the next one."""
        return self._move(ticket_id, S.HELD, counter, actor, None)

    def resume(self, ticket_id: int, counter: str, actor: str) -> CounterTicket:
        """Call a held ticket back to this loket (refused while another one is at it)."""
        with self._sessions() as session, waiting_for_lock():
            begin_write(session)
            ticket = self._ticket(session, ticket_id)
            if ticket.state is not S.HELD:
                raise InvalidTransition(f"ticket {ticket.code} is not held")
            busy = self._at_counter(session, counter)
            if busy is not None:
                raise CounterBusy(busy.code)
            self._apply(session, ticket, S.CALLED, counter, actor, "resume")
            return self._commit(session, ticket)

    def transfer_to_counter(
        self, ticket_id: int, to_counter: str, counter: str, actor: str
    ) -> CounterTicket:
        """Send the ticket, keeping its number, to wait for loket `to_counter` alone."""
        with self._sessions() as session, waiting_for_lock():
            begin_write(session)
            ticket = self._ticket(session, ticket_id)
            if ticket.state not in REQUEUE_FROM:
                raise InvalidTransition(f"ticket {ticket.code} cannot be sent to another loket")
            ticket.assigned_counter = to_counter
            ticket.state = S.ISSUED
            self._event(session, ticket, (counter, actor), "transfer", f"to loket {to_counter}")
            return self._commit(session, ticket)

    def transfer_to_line(
        self, ticket_id: int, to_line: str, counter: str, actor: str
    ) -> CounterTicket:
        """End the ticket TRANSFERRED and give the citizen a number in line `to_line`.

        The new number keeps the priority and joins the end of that line; nothing is
        printed here (the clerk reprints it, or writes it on the ticket).
        """
        with self._sessions() as session, waiting_for_lock():
            begin_write(session)
            old = self._ticket(session, ticket_id)
            target = self._lines(session, [to_line])[0]
            self._apply(session, old, S.TRANSFERRED, counter, actor, "transfer")
            now = self._clock.now()
            number = reserve_next_number(session, target, self.today())
            new = Ticket(
                service_id=target.id,
                business_date=self.today(),
                number=number,
                code=format_code(target.prefix, number),
                priority=old.priority,
                state=S.ISSUED,
                issued_at=now,
                transferred_from_id=old.id,
            )
            session.add(new)
            session.flush()
            note = f"transferred from {old.code}"
            self._event(session, new, (counter, actor), "transfer", note)
            return self._commit(session, new)

    def record_reprint(self, ticket_id: int, counter: str, actor: str) -> None:
        """Put a reprint in the audit trail (the printing itself is the caller's)."""
        with self._sessions() as session, waiting_for_lock():
            begin_write(session)
            ticket = self._ticket(session, ticket_id)
            self._event(session, ticket, (counter, actor), "reprint")
            session.commit()

    def at_counter(self, counter: str) -> CounterTicket | None:
        """The ticket called or being served at `counter` now."""
        with self._sessions() as session:
            ticket = self._at_counter(session, counter)
            return None if ticket is None else self._describe(session, ticket)

    def held(self, counter: str) -> list[CounterTicket]:
        """Today's tickets this loket set aside, oldest first."""
        query = (
            select(Ticket)
            .where(
                Ticket.business_date == self.today(),
                Ticket.state == S.HELD,
                Ticket.counter == counter,
            )
            .order_by(Ticket.issued_at)
        )
        with self._sessions() as session:
            return [self._describe(session, t) for t in session.scalars(query)]

    def _move(
        self,
        ticket_id: int,
        state: TicketState,
        counter: str,
        actor: str,
        action: str | None,
        only_from: set[TicketState] | None = None,
    ) -> CounterTicket:
        with self._sessions() as session, waiting_for_lock():
            begin_write(session)
            ticket = self._ticket(session, ticket_id)
            if only_from is not None and ticket.state not in only_from:
                raise InvalidTransition(f"ticket {ticket.code} is {ticket.state.value}")
            self._apply(session, ticket, state, counter, actor, action)
            return self._commit(session, ticket)

    def _apply(
        self,
        session: Session,
        ticket: Ticket,
        state: TicketState,
        counter: str,
        actor: str,
        action: str | None,
    ) -> None:
        check_transition(ticket.state, state)
        column = TIMESTAMP_COLUMNS.get(state)
        if column is not None and getattr(ticket, column) is None:
            setattr(ticket, column, self._clock.now())
        ticket.state = state
        ticket.counter = counter
        self._event(session, ticket, (counter, actor), action)

    def _event(
        self,
        session: Session,
        ticket: Ticket,
        who: tuple[str, str],
        action: str | None,
        note: str | None = None,
    ) -> None:
        """Record the ticket's present state, what `who` (loket, clerk) did, and when."""
        counter, actor = who
        event = TicketEvent(
            ticket_id=ticket.id,
            state=ticket.state,
            at=self._clock.now(),
            counter=counter,
            actor=actor,
            action=action,
            note=note,
        )
        session.add(event)
        session.flush()

    def _commit(self, session: Session, ticket: Ticket) -> CounterTicket:
        described = self._describe(session, ticket)
        signals.changed(session)
        session.commit()
        return described

    def _at_counter(self, session: Session, counter: str) -> Ticket | None:
        query = select(Ticket).where(
            Ticket.business_date == self.today(),
            Ticket.state.in_(AT_COUNTER),
            Ticket.counter == counter,
        )
        return session.scalars(query.order_by(Ticket.called_at.desc())).first()

    def _ticket(self, session: Session, ticket_id: int) -> Ticket:
        ticket = session.get(Ticket, ticket_id, with_for_update=True)
        if ticket is None:
            raise TicketNotFound(f"no ticket with id {ticket_id}")
        return ticket

    def _lines(self, session: Session, codes: Sequence[str]) -> list[Line]:
        query = select(Line).where(Line.code.in_(codes), Line.enabled)
        found = {line.code: line for line in session.scalars(query)}
        for code in codes:
            if code not in found:
                raise UnknownLine(code)
        return [found[code] for code in codes]

    def _line_ids(self, session: Session, codes: Sequence[str]) -> list[int]:
        return [line.id for line in self._lines(session, codes)]

    def _describe(self, session: Session, ticket: Ticket) -> CounterTicket:
        line = session.get_one(Line, ticket.service_id)
        return CounterTicket(
            ticket_id=ticket.id,
            code=ticket.code,
            prefix=line.prefix,
            number=ticket.number,
            line_code=line.code,
            priority=ticket.priority,
            state=ticket.state,
            counter=ticket.counter,
            assigned_counter=ticket.assigned_counter,
            issued_at=ticket.issued_at.astimezone(self._zone),
            called_at=None if ticket.called_at is None else ticket.called_at.astimezone(self._zone),
        )
