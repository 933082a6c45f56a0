"""Ticket states: the transition table, and every change recorded with its time."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.queue.desk import QueueDesk
from kiosk.queue.errors import InvalidTransition
from kiosk.queue.models import Ticket, TicketEvent
from kiosk.queue.states import (
    ALLOWED,
    IN_LINE,
    TERMINAL,
    WAITING,
    can_transition,
    check_transition,
)
from kiosk.queue.types import IssuedTicket, TicketState
from tests.helpers.stubs import FakeClock

S = TicketState
EXPECTED_ALLOWED = {
    (S.PRINTING, S.ISSUED),
    (S.PRINTING, S.VOIDED),
    (S.ISSUED, S.CALLED),
    (S.ISSUED, S.CANCELLED),
    (S.ISSUED, S.HELD),
    (S.ISSUED, S.TRANSFERRED),
    (S.CALLED, S.SERVING),
    (S.CALLED, S.NO_SHOW),
    (S.CALLED, S.HELD),
    (S.CALLED, S.CALLED),
    (S.CALLED, S.TRANSFERRED),
    (S.SERVING, S.DONE),
    (S.SERVING, S.HELD),
    (S.SERVING, S.TRANSFERRED),
    (S.HELD, S.CALLED),
    (S.HELD, S.CANCELLED),
}
# Shortest way from a new ticket to each state, through `transition`.
PATH_TO: dict[TicketState, list[TicketState]] = {
    S.ISSUED: [],
    S.CALLED: [S.CALLED],
    S.SERVING: [S.CALLED, S.SERVING],
    S.HELD: [S.HELD],
}


def test_the_table_is_exactly_the_rules() -> None:
    table = {(old, new) for old, news in ALLOWED.items() for new in news}
    assert table == EXPECTED_ALLOWED
    assert set(ALLOWED) == set(TicketState)
    assert {S.DONE, S.NO_SHOW, S.CANCELLED, S.TRANSFERRED, S.VOIDED} == TERMINAL


def test_only_issued_tickets_wait_and_printing_ones_have_people_ahead() -> None:
    assert {S.ISSUED} == WAITING
    assert {S.ISSUED, S.PRINTING} == IN_LINE


@pytest.mark.parametrize(("old", "new"), list(itertools.product(TicketState, TicketState)))
def test_check_transition_agrees_with_the_table(old: TicketState, new: TicketState) -> None:
    if (old, new) in EXPECTED_ALLOWED:
        check_transition(old, new)
        assert can_transition(old, new)
    else:
        with pytest.raises(InvalidTransition, match=f"from {old.value} to {new.value}"):
            check_transition(old, new)


@pytest.mark.parametrize(
    ("old", "new"),
    sorted(
        pair for pair in EXPECTED_ALLOWED if pair[1] is not S.TRANSFERRED and pair[0] in PATH_TO
    ),
)
def test_allowed_transition_is_stored_with_event_and_time(
    queue: QueueDesk,
    clock: FakeClock,
    sessions: sessionmaker[Session],
    old: TicketState,
    new: TicketState,
) -> None:
    ticket_id = ticket_in_state(queue, clock, old)
    at = clock.advance(minutes=3)

    queue.transition(ticket_id, new, counter="Loket 2", note="test")

    with sessions() as session:
        ticket = session.get_one(Ticket, ticket_id)
        last = session.scalars(
            select(TicketEvent).where(TicketEvent.ticket_id == ticket_id).order_by(TicketEvent.id)
        ).all()[-1]
    assert ticket.state is new
    assert ticket.counter == "Loket 2"
    assert (last.state, last.at, last.counter, last.note) == (new, at, "Loket 2", "test")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (S.ISSUED, S.SERVING),
        (S.ISSUED, S.DONE),
        (S.ISSUED, S.NO_SHOW),
        (S.HELD, S.SERVING),
        (S.SERVING, S.CALLED),
        (S.SERVING, S.NO_SHOW),
    ],
)
def test_forbidden_transition_changes_nothing(
    queue: QueueDesk,
    clock: FakeClock,
    sessions: sessionmaker[Session],
    old: TicketState,
    new: TicketState,
) -> None:
    ticket_id = ticket_in_state(queue, clock, old)
    events_before = event_count(sessions, ticket_id)

    with pytest.raises(InvalidTransition):
        queue.transition(ticket_id, new)

    assert queue_state(sessions, ticket_id) is old
    assert event_count(sessions, ticket_id) == events_before


@pytest.mark.parametrize("new", [S.ISSUED, S.VOIDED, S.PRINTING])
def test_only_issuing_moves_a_ticket_out_of_printing(
    sessions: sessionmaker[Session], clock: FakeClock, new: TicketState
) -> None:
    """While its ticket prints, staff can neither issue nor void it by hand: only the
    printing process knows whether it reached paper."""
    refused: list[str] = []

    class StaffTryingWhilePrinting:
        def check_ready(self) -> None:
            pass

        def print_ticket(self, ticket: IssuedTicket, language: str) -> None:
            assert queue_state(sessions, ticket.ticket_id) is S.PRINTING
            with pytest.raises(InvalidTransition, match="only issuing") as caught:
                queue.transition(ticket.ticket_id, new)
            refused.append(str(caught.value))

    queue = QueueDesk(sessions, StaffTryingWhilePrinting(), clock, "K", "Asia/Jakarta")
    ticket_id = queue.issue_ticket("A").ticket_id

    assert len(refused) == 1
    assert queue_state(sessions, ticket_id) is S.ISSUED
    assert event_count(sessions, ticket_id) == 2  # printing, issued: nothing from staff


@pytest.mark.parametrize("terminal", [S.DONE, S.NO_SHOW, S.CANCELLED])
def test_terminal_states_accept_nothing(
    queue: QueueDesk, clock: FakeClock, terminal: TicketState
) -> None:
    before = {S.DONE: S.SERVING, S.NO_SHOW: S.CALLED, S.CANCELLED: S.ISSUED}[terminal]
    ticket_id = ticket_in_state(queue, clock, before)
    queue.transition(ticket_id, terminal)

    for new in TicketState:
        with pytest.raises(InvalidTransition):
            queue.transition(ticket_id, new)


def test_a_full_visit_stamps_each_column_once(
    queue: QueueDesk, clock: FakeClock, sessions: sessionmaker[Session]
) -> None:
    start = datetime(2024, 5, 6, 2, 0, tzinfo=UTC)
    ticket_id = queue.issue_ticket("B").ticket_id
    clock.advance(minutes=5)
    queue.transition(ticket_id, S.CALLED, counter="Loket 1")
    clock.advance(minutes=1)
    queue.transition(ticket_id, S.CALLED, counter="Loket 1")  # recall
    clock.advance(minutes=1)
    queue.transition(ticket_id, S.SERVING)
    clock.advance(minutes=7)
    queue.transition(ticket_id, S.DONE)

    with sessions() as session:
        ticket = session.get_one(Ticket, ticket_id)
        events = session.execute(
            select(TicketEvent.state, TicketEvent.at)
            .where(TicketEvent.ticket_id == ticket_id)
            .order_by(TicketEvent.id)
        ).all()
    minutes = [(state, int((at - start).total_seconds() // 60)) for state, at in events]
    assert minutes == [
        (S.PRINTING, 0),
        (S.ISSUED, 0),
        (S.CALLED, 5),
        (S.CALLED, 6),
        (S.SERVING, 7),
        (S.DONE, 14),
    ]
    assert ticket.issued_at == start
    assert ticket.called_at is not None and ticket.called_at.minute == 5  # the first call
    assert ticket.serving_started_at is not None and ticket.serving_started_at.minute == 7
    assert ticket.finished_at is not None and ticket.finished_at.minute == 14
    assert ticket.counter == "Loket 1"


def test_transition_to_transferred_needs_transfer(queue: QueueDesk) -> None:
    ticket_id = queue.issue_ticket("A").ticket_id
    with pytest.raises(InvalidTransition, match="transfer"):
        queue.transition(ticket_id, S.TRANSFERRED)


def ticket_in_state(queue: QueueDesk, clock: FakeClock, state: TicketState) -> int:
    ticket_id = queue.issue_ticket("A").ticket_id
    for step in PATH_TO[state]:
        clock.advance(minutes=1)
        queue.transition(ticket_id, step)
    return ticket_id


def queue_state(sessions: sessionmaker[Session], ticket_id: int) -> TicketState:
    with sessions() as session:
        return session.get_one(Ticket, ticket_id).state


def event_count(sessions: sessionmaker[Session], ticket_id: int) -> int:
    with sessions() as session:
        query = select(TicketEvent).where(TicketEvent.ticket_id == ticket_id)
        return len(session.scalars(query).all())
