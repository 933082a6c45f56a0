"""Pure rules of a ticket's life: which state may follow which."""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.errors import InvalidTransition
from kiosk.queue.types import TicketState

S = TicketState

# A recall is CALLED -> CALLED. TRANSFERRED ends this ticket; the transfer issues a new
# ticket in the other service.
ALLOWED: Mapping[TicketState, frozenset[TicketState]] = {
    S.ISSUED: frozenset({S.CALLED, S.CANCELLED, S.HELD, S.TRANSFERRED}),
    S.CALLED: frozenset({S.SERVING, S.NO_SHOW, S.HELD, S.CALLED, S.TRANSFERRED}),
    S.SERVING: frozenset({S.DONE, S.HELD, S.TRANSFERRED}),
    S.HELD: frozenset({S.CALLED, S.CANCELLED}),
    S.DONE: frozenset(),
    S.NO_SHOW: frozenset(),
    S.CANCELLED: frozenset(),
    S.TRANSFERRED: frozenset(),
}

TERMINAL: frozenset[TicketState] = frozenset(s for s, after in ALLOWED.items() if not after)
WAITING: frozenset[TicketState] = frozenset({S.ISSUED})  # what "people ahead" counts

# The Ticket column that records the first time a state is reached (HELD: events only).
TIMESTAMP_COLUMNS: Mapping[TicketState, str] = {
    S.ISSUED: "issued_at",
    S.CALLED: "called_at",
    S.SERVING: "serving_started_at",
    **{state: "finished_at" for state in TERMINAL},
}


def can_transition(current: TicketState, new: TicketState) -> bool:
    return new in ALLOWED[current]


def check_transition(current: TicketState, new: TicketState) -> None:
    """Raise InvalidTransition unless the rules allow `current` -> `new`."""
    if not can_transition(current, new):
        raise InvalidTransition(f"a ticket cannot go from {current.value} to {new.value}")
