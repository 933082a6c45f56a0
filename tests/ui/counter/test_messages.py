"""The counter's problems in plain words: no exception text reaches the clerk."""

from __future__ import annotations

import pytest

from kiosk.queue.errors import (
    CounterBusy,
    InvalidTransition,
    QueueBusy,
    TicketNotFound,
    UnknownLine,
)
from ui.counter.messages import describe_counter_error, done_text
from ui.i18n import Tr

EN = Tr("en")


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (CounterBusy("B-012"), "Ticket B-012 is still at this loket."),
        (InvalidTransition("a ticket cannot go from done to serving"), "changed meanwhile"),
        (UnknownLine("Z"), "Queue line Z is not in use any more."),
        (QueueBusy("lock timeout"), "The queue is busy."),
        (TicketNotFound("no ticket with id 7"), "That ticket does not exist."),
        (OSError("connection refused"), "cannot be reached"),
        (RuntimeError("psycopg.OperationalError: server closed"), "cannot be reached"),
    ],
)
def test_each_problem_is_said_in_plain_words(error: BaseException, said: str) -> None:
    text = describe_counter_error(error, EN)

    assert said in text
    assert "from done to" not in text and "psycopg" not in text and "id 7" not in text


def test_what_a_tap_did_is_said_with_the_ticket() -> None:
    assert done_text("finish", "A-003", EN) == "A-003 is done."
    assert done_text("call", "A-003", EN) == ""  # the ticket on screen says it
