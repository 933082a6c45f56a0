"""Queue numbers: the daily reset, codes, and never one number twice."""

from __future__ import annotations

import tempfile
from collections import defaultdict
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.db.engine import create_engine_for, session_factory
from kiosk.printers import PrinterProblem, PrinterUnavailable
from kiosk.queue.desk import QueueDesk
from kiosk.queue.errors import TicketVoided
from kiosk.queue.numbering import format_code
from tests.helpers.database import copy_template
from tests.helpers.stubs import FakeClock, RecordingPrinter


def utc(hour: int, minute: int, second: int) -> datetime:
    return datetime(2024, 5, 6, hour, minute, second, tzinfo=UTC)


@pytest.mark.parametrize(
    ("prefix", "number", "code"),
    [("B", 12, "B-012"), ("A", 1, "A-001"), ("C", 999, "C-999"), ("A", 1234, "A-1234")],
)
def test_format_code(prefix: str, number: int, code: str) -> None:
    assert format_code(prefix, number) == code


def test_daily_reset_in_the_queue(queue: QueueDesk, clock: FakeClock) -> None:
    clock.set(utc(16, 59, 58))
    first = queue.issue_ticket("A")
    second = queue.issue_ticket("A")
    clock.set(utc(17, 0, 0))  # 00:00 WIB on the 7th
    third = queue.issue_ticket("A")

    assert (first.code, second.code, third.code) == ("A-001", "A-002", "A-001")
    assert third.business_date == date(2024, 5, 7)
    assert third.issued_at.isoformat() == "2024-05-07T00:00:00+07:00"
    assert third.zone_label == "WIB"


# One attempt: (service code, what the printer does)
PRINTS, NOT_READY, FAILS_MID_TICKET = "prints", "not ready", "fails mid-ticket"
attempts = st.lists(
    st.tuples(st.sampled_from("ABC"), st.sampled_from([PRINTS, NOT_READY, FAILS_MID_TICKET])),
    max_size=25,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=attempts)
def test_every_number_is_used_once_and_a_printer_not_ready_uses_none(
    seeded_template: Path, plan: list[tuple[str, str]]
) -> None:
    """Issued and voided numbers together run 1..N per service without a repeat; a
    printer not ready uses none, a print failing mid-ticket voids its number (a gap)."""
    with tempfile.TemporaryDirectory() as directory:
        engine = create_engine_for(copy_template(seeded_template, Path(directory)))
        printer = RecordingPrinter()
        queue = QueueDesk(session_factory(engine), printer, FakeClock(), "K", "Asia/Jakarta")
        try:
            used = run_plan(queue, printer, plan)
        finally:
            engine.dispose()

    for code in "ABC":
        numbers = sorted(used[code, PRINTS] + used[code, FAILS_MID_TICKET])
        assert numbers == list(range(1, len(numbers) + 1)), code
        assert len(used[code, FAILS_MID_TICKET]) == plan.count((code, FAILS_MID_TICKET))
    assert len(printer.printed) == sum(outcome == PRINTS for _, outcome in plan)


def run_plan(
    queue: QueueDesk, printer: RecordingPrinter, plan: list[tuple[str, str]]
) -> dict[tuple[str, str], list[int]]:
    """The numbers each attempt used, by (service, outcome); the waiting counts checked."""
    used: dict[tuple[str, str], list[int]] = defaultdict(list)
    for code, outcome in plan:
        if outcome == NOT_READY:
            printer.not_ready = PrinterProblem.OFFLINE
            with pytest.raises(PrinterUnavailable) as refused:
                queue.issue_ticket(code)
            assert not isinstance(refused.value, TicketVoided)
            printer.not_ready = None
        elif outcome == FAILS_MID_TICKET:
            printer.fail_next()
            with pytest.raises(TicketVoided) as voided:
                queue.issue_ticket(code)
            used[code, outcome].append(int(voided.value.code.partition("-")[2]))
        else:
            used[code, outcome].append(queue.issue_ticket(code).number)
    for code in "ABC":
        assert queue.waiting_count(code) == len(used[code, PRINTS])
    return used
