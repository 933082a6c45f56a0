"""The queue's application service: issue, print, reprint and move tickets along."""

from __future__ import annotations

import contextlib
import logging
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.clock import Clock
from kiosk.db.engine import begin_write
from kiosk.i18n import DEFAULT_LANGUAGE
from kiosk.office_time import business_date, office_zone, zone_label
from kiosk.printers import PrinterUnavailable
from kiosk.queue import signals, waiting
from kiosk.queue.errors import InvalidTransition, TicketNotFound, TicketVoided, UnknownLine
from kiosk.queue.lines import line_info
from kiosk.queue.locking import recording_printed, waiting_for_lock
from kiosk.queue.models import Line, Ticket, TicketEvent
from kiosk.queue.numbering import format_code
from kiosk.queue.ports import TicketPrinter
from kiosk.queue.printing_owner import PrintingOwner, Processes, ProcessTable
from kiosk.queue.printing_record import abandoned_tickets, describe_owner, record_printing_owner
from kiosk.queue.reservation import reserve_next_number
from kiosk.queue.states import SET_BY_ISSUING, TIMESTAMP_COLUMNS, check_transition
from kiosk.queue.types import IssuedTicket, Priority, QueueLine, TicketState

log = logging.getLogger(__name__)

VOID_NOTE = "printer failed; the ticket may be partly or wholly on paper"
ABANDONED_NOTE = "its kiosk stopped while printing; the ticket may be on paper"


class QueueDesk:
    """Every count it returns is computed from the database at that moment, never cached."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        printer: TicketPrinter,
        clock: Clock,
        office_name: str,
        timezone: str,
        processes: Processes | None = None,
    ) -> None:
        self._sessions = session_factory
        self._printer = printer
        self._clock = clock
        self._processes = ProcessTable() if processes is None else processes
        self._office_name = office_name
        self._zone = office_zone(timezone)

    def today(self) -> date:
        """The office-local business day now."""
        return business_date(self._clock.now(), self._zone)

    def lines(self) -> list[QueueLine]:
        """Enabled services in display order."""
        query = select(Line).where(Line.enabled).order_by(Line.sort_order, Line.code)
        with self._sessions() as session:
            return [line_info(row) for row in session.scalars(query)]

    def issue_ticket(
        self,
        line_code: str,
        priority: Priority | None = None,
        language: str = DEFAULT_LANGUAGE,
    ) -> IssuedTicket:
        """Use up a number, print it, and mark it ISSUED once the printer accepted it.

        Bytes that left for the printer cannot be called back, and a kill or a power cut
        may come at any instant, so the number is committed (state PRINTING) before its
        first byte leaves. A printer that is not ready raises PrinterUnavailable first,
        with no number used. Any failure once the number is committed voids it (a gap,
        never a duplicate): a printer problem raises TicketVoided, anything else
        propagates unchanged. A ticket printed but not recorded as ISSUED raises
        TicketNotRecorded.
        """
        self._printer.check_ready()
        issued = self._reserve(line_code, priority)
        try:
            self._printer.print_ticket(issued, language)
        except BaseException as error:
            self._void_after_failure(issued, error)
            if isinstance(error, PrinterUnavailable):
                raise TicketVoided(
                    issued.code, error.problem, error.detail, error.may_print_later
                ) from error
            raise
        self._confirm_printed(issued)
        return issued

    def _reserve(self, line_code: str, priority: Priority | None) -> IssuedTicket:
        """One transaction: the next number and its PRINTING ticket, committed."""
        owner = self._processes.current()
        with self._sessions() as session, waiting_for_lock():
            begin_write(session)
            now = self._clock.now()  # after the lock: a long wait may cross midnight
            service = self._enabled_line(session, line_code)
            day = business_date(now, self._zone)
            number = reserve_next_number(session, service, day)
            ticket = self._new_ticket(
                session, service, day, number, priority, now, printing_owner=owner
            )
            issued = self._describe(session, ticket, service)
            session.commit()
        return issued

    def _confirm_printed(self, issued: IssuedTicket) -> None:
        """PRINTING -> ISSUED: the printer accepted the whole ticket."""
        with recording_printed(issued.code), waiting_for_lock():
            self._change(issued.ticket_id, TicketState.ISSUED)

    def _void_after_failure(self, issued: IssuedTicket, error: BaseException) -> None:
        """Keep the number used up: its bytes may be on paper, or print later."""
        reason = error.problem.value if isinstance(error, PrinterUnavailable) else "error"
        try:
            self._change(issued.ticket_id, TicketState.VOIDED, f"{VOID_NOTE}: {reason}")
        except Exception as failure:  # the next start-up voids it; the first error matters
            log.error("ticket %s left printing: %s", issued.code, type(failure).__name__)
            return
        log.warning("ticket %s voided: the printer failed (%s)", issued.code, reason)

    def void_abandoned(self) -> list[str]:
        """Void the tickets left PRINTING by a process that died; returns their codes.

        Run at start-up. Only tickets whose printing process is provably dead, or stale
        (see :func:`kiosk.queue.printing_owner.is_abandoned`), never one a live process
        is printing now. Each may be on paper: staff are told to serve whoever holds it.
        """
        with self._sessions() as session:
            abandoned = abandoned_tickets(session, self._clock.now(), self._processes)
        voided = []
        for ticket_id, code, owner in abandoned:
            with contextlib.suppress(InvalidTransition):  # confirmed or voided meanwhile
                self._change(ticket_id, TicketState.VOIDED, ABANDONED_NOTE)
                voided.append(code)
                log.warning(
                    "ticket %s voided: the kiosk printing it (%s) stopped. It may be on "
                    "paper: if a citizen holds it, serve them",
                    code,
                    describe_owner(owner),
                )
        return voided

    def _change(self, ticket_id: int, state: TicketState, note: str | None = None) -> None:
        """One write transaction: the ticket moves to `state` (InvalidTransition if not)."""
        with self._sessions() as session:
            begin_write(session)
            ticket = self._ticket(session, ticket_id, lock=True)
            self._apply(session, ticket, state, None, note)
            session.commit()

    def reprint(
        self,
        ticket_id: int,
        language: str = DEFAULT_LANGUAGE,
        actor: str | None = None,
        counter: str | None = None,
    ) -> IssuedTicket:
        """Print a ticket again with today's people-ahead and wait, and put the reprint in
        the audit trail (who asked, from which loket); its state does not change."""
        issued = self.get_ticket(ticket_id)
        self._printer.print_ticket(issued, language)
        with self._sessions() as session, waiting_for_lock():
            begin_write(session)
            ticket = self._ticket(session, ticket_id, lock=True)
            event = TicketEvent(
                ticket_id=ticket.id,
                state=ticket.state,
                at=self._clock.now(),
                counter=counter,
                actor=actor,
                action="reprint",
            )
            session.add(event)
            session.commit()
        return issued

    def get_ticket(self, ticket_id: int) -> IssuedTicket:
        with self._sessions() as session:
            ticket = self._ticket(session, ticket_id)
            return self._describe(session, ticket, self._line_of(session, ticket))

    def transition(
        self,
        ticket_id: int,
        new_state: TicketState,
        counter: str | None = None,
        note: str | None = None,
    ) -> IssuedTicket:
        """Move a ticket to `new_state` (raises InvalidTransition) and record the event.

        `counter` is the loket (service desk) acting. Transfers go through :meth:`transfer`,
        which also issues the ticket in the other service. Printing, issued and voided
        are set by issuing alone.
        """
        if new_state is TicketState.TRANSFERRED:
            raise InvalidTransition("a transfer needs the target service: use transfer()")
        if new_state in SET_BY_ISSUING:
            raise InvalidTransition(f"only issuing sets a ticket {new_state.value}")
        with self._sessions() as session, waiting_for_lock():
            begin_write(session)
            ticket = self._ticket(session, ticket_id, lock=True)
            self._apply(session, ticket, new_state, counter, note)
            session.commit()
            return self._describe(session, ticket, self._line_of(session, ticket))

    def transfer(
        self,
        ticket_id: int,
        to_line_code: str,
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
            target = self._enabled_line(session, to_line_code)
            self._apply(session, old, TicketState.TRANSFERRED, counter, note)
            day = business_date(now, self._zone)
            number = reserve_next_number(session, target, day)
            new = self._new_ticket(session, target, day, number, old.priority, now, origin=old)
            session.commit()
            return self._describe(session, new, target)

    def waiting_count(self, line_code: str) -> int:
        """Tickets of the service still waiting to be called today."""
        with self._sessions() as session:
            service = self._enabled_line(session, line_code)
            return waiting.waiting_count(session, service, self.today())

    def _enabled_line(self, session: Session, code: str) -> Line:
        query = select(Line).where(Line.code == code, Line.enabled)
        service = session.scalars(query).one_or_none()
        if service is None:
            raise UnknownLine(code)
        return service

    def _line_of(self, session: Session, ticket: Ticket) -> Line:
        return session.get_one(Line, ticket.service_id)

    def _ticket(self, session: Session, ticket_id: int, lock: bool = False) -> Ticket:
        ticket = session.get(Ticket, ticket_id, with_for_update=lock)
        if ticket is None:
            raise TicketNotFound(f"no ticket with id {ticket_id}")
        return ticket

    def _new_ticket(
        self,
        session: Session,
        service: Line,
        day: date,
        number: int,
        priority: Priority | None,
        now: datetime,
        origin: Ticket | None = None,
        printing_owner: PrintingOwner | None = None,
    ) -> Ticket:
        """A new ticket with its first event: PRINTING when a process is about to print it,
        else ISSUED (a transfer prints nothing)."""
        state = TicketState.ISSUED if printing_owner is None else TicketState.PRINTING
        ticket = Ticket(
            service_id=service.id,
            business_date=day,
            number=number,
            code=format_code(service.prefix, number),
            priority=priority,
            state=state,
            issued_at=now,
            transferred_from_id=origin.id if origin else None,
        )
        if printing_owner is not None:
            record_printing_owner(ticket, printing_owner)
        session.add(ticket)
        session.flush()
        note = f"transferred from {origin.code}" if origin else None
        session.add(TicketEvent(ticket_id=ticket.id, state=state, at=now, note=note))
        session.flush()
        signals.changed(session)
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
        signals.changed(session)  # lokets and the board hear of it when this commits

    def _describe(self, session: Session, ticket: Ticket, service: Line) -> IssuedTicket:
        issued_at = ticket.issued_at.astimezone(self._zone)
        ahead, minutes = waiting.estimated_wait_minutes(session, ticket, service)
        return IssuedTicket(
            ticket_id=ticket.id,
            code=ticket.code,
            number=ticket.number,
            business_date=ticket.business_date,
            line=line_info(service),
            priority=ticket.priority,
            issued_at=issued_at,
            zone_label=zone_label(self._zone, issued_at),
            people_ahead=ahead,
            estimated_wait_minutes=minutes,
            office_name=self._office_name,
        )
