"""The queue's application service: issue, print, reprint and move tickets along."""

from __future__ import annotations

import logging
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.db.engine import begin_write
from kiosk.db.models import Service, Ticket, TicketEvent
from kiosk.errors import InvalidTransition, PrinterUnavailable, TicketNotFound, UnknownService
from kiosk.ports import Clock, TicketPrinter
from kiosk.queue import waiting
from kiosk.queue.catalogue import service_info
from kiosk.queue.locking import commit_printed, waiting_for_lock
from kiosk.queue.numbering import business_date, format_code, office_zone, zone_label
from kiosk.queue.reservation import reserve_next_number
from kiosk.queue.states import TIMESTAMP_COLUMNS, check_transition
from kiosk.queue.types import DEFAULT_LANGUAGE, IssuedTicket, Priority, ServiceInfo, TicketState

log = logging.getLogger(__name__)

VOID_NOTE = "print not confirmed: the printer may still print it"


class QueueService:
    """Every count it returns is computed from the database at that moment, never cached."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        printer: TicketPrinter,
        clock: Clock,
        office_name: str,
        timezone: str,
    ) -> None:
        self._sessions = session_factory
        self._printer = printer
        self._clock = clock
        self._office_name = office_name
        self._zone = office_zone(timezone)

    def today(self) -> date:
        """The office-local business day now."""
        return business_date(self._clock.now(), self._zone)

    def services(self) -> list[ServiceInfo]:
        """Enabled services in display order."""
        query = select(Service).where(Service.enabled).order_by(Service.sort_order, Service.code)
        with self._sessions() as session:
            return [service_info(row) for row in session.scalars(query)]

    def issue_ticket(
        self,
        service_code: str,
        priority: Priority | None = None,
        language: str = DEFAULT_LANGUAGE,
    ) -> IssuedTicket:
        """Reserve a number, print it, and commit only once the printer accepted the ticket.

        One transaction holds the number's lock while printing (about a second). If the
        printer raises, the transaction rolls back, the number is not consumed, and the
        exception propagates unchanged.
        """
        with self._sessions() as session, waiting_for_lock():
            begin_write(session)
            now = self._clock.now()  # after the lock: a long wait may cross midnight
            service = self._enabled_service(session, service_code)
            day = business_date(now, self._zone)
            number = reserve_next_number(session, service, day)
            ticket = self._new_ticket(session, service, day, number, priority, now)
            issued = self._describe(session, ticket, service)
            try:
                self._printer.print_ticket(issued, language)
            except PrinterUnavailable as error:
                if error.may_print_later:
                    self._void_unconfirmed(session, ticket)
                raise
            commit_printed(session, issued.code)
        return issued

    def _void_unconfirmed(self, session: Session, ticket: Ticket) -> None:
        """Keep the number used up (a gap) rather than risk two citizens holding it."""
        self._apply(session, ticket, TicketState.CANCELLED, None, VOID_NOTE)
        session.commit()
        log.warning("ticket %s voided: the printer may still print it", ticket.code)

    def reprint(self, ticket_id: int, language: str = DEFAULT_LANGUAGE) -> IssuedTicket:
        """Print a ticket again with today's people-ahead and wait; records nothing."""
        issued = self.get_ticket(ticket_id)
        self._printer.print_ticket(issued, language)
        return issued

    def get_ticket(self, ticket_id: int) -> IssuedTicket:
        with self._sessions() as session:
            ticket = self._ticket(session, ticket_id)
            return self._describe(session, ticket, self._service_of(session, ticket))

    def transition(
        self,
        ticket_id: int,
        new_state: TicketState,
        counter: str | None = None,
        note: str | None = None,
    ) -> IssuedTicket:
        """Move a ticket to `new_state` (raises InvalidTransition) and record the event.

        `counter` is the loket (service desk) acting. Transfers go through :meth:`transfer`,
        which also issues the ticket in the other service.
        """
        if new_state is TicketState.TRANSFERRED:
            raise InvalidTransition("a transfer needs the target service: use transfer()")
        with self._sessions() as session, waiting_for_lock():
            begin_write(session)
            ticket = self._ticket(session, ticket_id, lock=True)
            self._apply(session, ticket, new_state, counter, note)
            session.commit()
            return self._describe(session, ticket, self._service_of(session, ticket))

    def transfer(
        self,
        ticket_id: int,
        to_service_code: str,
        counter: str | None = None,
        note: str | None = None,
    ) -> IssuedTicket:
        """End a ticket as TRANSFERRED and issue its successor in another service, atomically.

        The new ticket keeps the priority and joins the end of the other service's queue.
        Nothing is printed (a counter PC may have no printer): call :meth:`reprint` for paper.
        """
        with self._sessions() as session, waiting_for_lock():
            begin_write(session)
            now = self._clock.now()
            old = self._ticket(session, ticket_id, lock=True)
            target = self._enabled_service(session, to_service_code)
            self._apply(session, old, TicketState.TRANSFERRED, counter, note)
            day = business_date(now, self._zone)
            number = reserve_next_number(session, target, day)
            new = self._new_ticket(session, target, day, number, old.priority, now, origin=old)
            session.commit()
            return self._describe(session, new, target)

    def waiting_count(self, service_code: str) -> int:
        """Tickets of the service still waiting to be called today."""
        with self._sessions() as session:
            service = self._enabled_service(session, service_code)
            return waiting.waiting_count(session, service, self.today())

    def _enabled_service(self, session: Session, code: str) -> Service:
        query = select(Service).where(Service.code == code, Service.enabled)
        service = session.scalars(query).one_or_none()
        if service is None:
            raise UnknownService(code)
        return service

    def _service_of(self, session: Session, ticket: Ticket) -> Service:
        return session.get_one(Service, ticket.service_id)

    def _ticket(self, session: Session, ticket_id: int, lock: bool = False) -> Ticket:
        ticket = session.get(Ticket, ticket_id, with_for_update=lock)
        if ticket is None:
            raise TicketNotFound(f"no ticket with id {ticket_id}")
        return ticket

    def _new_ticket(
        self,
        session: Session,
        service: Service,
        day: date,
        number: int,
        priority: Priority | None,
        now: datetime,
        origin: Ticket | None = None,
    ) -> Ticket:
        ticket = Ticket(
            service_id=service.id,
            business_date=day,
            number=number,
            code=format_code(service.prefix, number),
            priority=priority,
            state=TicketState.ISSUED,
            issued_at=now,
            transferred_from_id=origin.id if origin else None,
        )
        session.add(ticket)
        session.flush()
        note = f"transferred from {origin.code}" if origin else None
        session.add(TicketEvent(ticket_id=ticket.id, state=TicketState.ISSUED, at=now, note=note))
        session.flush()
        return ticket

    def _apply(
        self,
        session: Session,
        ticket: Ticket,
        new_state: TicketState,
        counter: str | None,
        note: str | None,
    ) -> None:
        """Change the state, stamp its column the first time, and record the event."""
        check_transition(ticket.state, new_state)
        now = self._clock.now()
        ticket.state = new_state
        column = TIMESTAMP_COLUMNS.get(new_state)  # HELD has only its events
        if column is not None and getattr(ticket, column) is None:
            setattr(ticket, column, now)
        if counter is not None:
            ticket.counter = counter
        session.add(
            TicketEvent(ticket_id=ticket.id, state=new_state, at=now, counter=counter, note=note)
        )
        session.flush()

    def _describe(self, session: Session, ticket: Ticket, service: Service) -> IssuedTicket:
        issued_at = ticket.issued_at.astimezone(self._zone)
        ahead, minutes = waiting.estimated_wait_minutes(session, ticket, service)
        return IssuedTicket(
            ticket_id=ticket.id,
            code=ticket.code,
            number=ticket.number,
            business_date=ticket.business_date,
            service=service_info(service),
            priority=ticket.priority,
            issued_at=issued_at,
            zone_label=zone_label(self._zone, issued_at),
            people_ahead=ahead,
            estimated_wait_minutes=minutes,
            office_name=self._office_name,
        )
