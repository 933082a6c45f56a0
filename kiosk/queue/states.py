"""Pure rules of a ticket's life: which state may follow which."""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.queue.errors import InvalidTransition
from kiosk.queue.types import TicketState

S = TicketState

# A recall is CALLED -> CALLED. TRANSFERRED ends this ticket; the transfer issues a new
# ticket in the other service. PRINTING ends ISSUED (the printer accepted the ticket) or
# VOIDED (it failed, or the printing process died): a voided number is never called.
ALLOWED: Mapping[TicketState, frozenset[TicketState]] = {
    S.PRINTING: frozenset({S.ISSUED, S.VOIDED}),
    S.ISSUED: frozenset({S.CALLED, S.CANCELLED, S.HELD, S.TRANSFERRED}),
    S.CALLED: frozenset({S.SERVING, S.NO_SHOW, S.HELD, S.CALLED, S.TRANSFERRED}),
    S.SERVING: frozenset({S.DONE, S.HELD, S.TRANSFERRED}),
    S.HELD: frozenset({S.CALLED, S.CANCELLED}),
    S.DONE: frozenset(),
    S.NO_SHOW: frozenset(),
    S.CANCELLED: frozenset(),
    S.TRANSFERRED: frozenset(),
    S.VOIDED: frozenset(),
}

TERMINAL: frozenset[TicketState] = frozenset(s for s, after in ALLOWED.items() if not after)
WAITING: frozenset[TicketState] = frozenset({S.ISSUED})  # what "people ahead" counts
# Whose people ahead are counted: a waiting ticket, and one being printed (the count goes
# on its paper). A PRINTING ticket is not yet someone waiting, so it is never "ahead".
IN_LINE: frozenset[TicketState] = WAITING | {S.PRINTING}

# Set only by issuing (and start-up's reconciliation), never by a counter's transition:
# the printing process alone knows whether its ticket reached paper.
SET_BY_ISSUING: frozenset[TicketState] = frozenset({S.PRINTING, S.ISSUED, S.VOIDED})

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


# Sent to another loket: the ticket waits again (ISSUED, keeping its number and its paper)
# for that loket alone. Only the counter's transfer does this, never a plain transition.
REQUEUE_FROM: frozenset[TicketState] = frozenset({S.CALLED, S.SERVING, S.HELD})
# At a loket now: "call next" waits until the clerk ends or holds it.
AT_COUNTER: frozenset[TicketState] = frozenset({S.CALLED, S.SERVING})
