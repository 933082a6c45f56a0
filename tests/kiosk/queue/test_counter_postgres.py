"""Several stations on one PostgreSQL: lokets never share a ticket, boards hear calls at once."""

from __future__ import annotations

import threading
import time
from collections import Counter

from sqlalchemy import Engine, func, select

from kiosk.db.engine import session_factory
from kiosk.queue.choosing import CALL_ACTION
from kiosk.queue.counter import CounterDesk
from kiosk.queue.desk import QueueDesk
from kiosk.queue.models import TicketEvent
from kiosk.queue.signals import PostgresWatcher, watcher_for
from kiosk.queue.types import TicketState
from tests.helpers.database import numbers_by_service
from tests.helpers.postgres import NEEDS_POSTGRES
from tests.helpers.stubs import FakeClock, RecordingPrinter
from tests.helpers.workers import SERVICE_CODES, run_stations

ROUNDS = 30

pytestmark = NEEDS_POSTGRES


def test_four_stations_issue_and_call_without_sharing_or_losing_a_ticket(
    pg_url: str, pg_engine: Engine
) -> None:
    outcomes = run_stations(pg_url, ROUNDS, processes=4)
    drain = CounterDesk(session_factory(pg_engine), FakeClock(), "Asia/Jakarta")
    left = []
    while (ticket := drain.call_next("9", SERVICE_CODES, actor="S-9")) is not None:
        left.append(ticket.code)
        drain.no_show(ticket.ticket_id, "9", actor="S-9")

    issued = [code for outcome in outcomes for code in outcome.issued]
    called = [code for outcome in outcomes for code in outcome.called] + left
    assert len(issued) == 4 * ROUNDS
    assert sorted(called) == sorted(issued)  # every ticket called exactly once: none lost
    assert [code for code, n in Counter(called).items() if n > 1] == []
    assert all(outcome.called for outcome in outcomes)  # every loket got work
    for numbers in numbers_by_service(pg_engine).values():
        assert numbers == list(range(1, len(numbers) + 1))  # gap-free: nothing voided here
    with session_factory(pg_engine)() as session:
        first_calls = session.scalar(
            select(func.count()).where(
                TicketEvent.state == TicketState.CALLED, TicketEvent.action == CALL_ACTION
            )
        )
    assert first_calls == len(issued)


def test_a_board_hears_a_call_through_listen_notify(pg_engine: Engine) -> None:
    sessions = session_factory(pg_engine)
    QueueDesk(sessions, RecordingPrinter(), FakeClock(), "Kantor", "Asia/Jakarta").issue_ticket("B")
    counter = CounterDesk(sessions, FakeClock(), "Asia/Jakarta")
    watcher = watcher_for(pg_engine)
    assert isinstance(watcher, PostgresWatcher)
    try:
        assert watcher.wait(0.3) is False  # nothing committed: it waits, never spins
        timer = threading.Timer(0.2, counter.call_next, args=("1", ["B"], "S-01"))
        started = time.monotonic()
        timer.start()
        assert watcher.wait(30) is True
        assert time.monotonic() - started < 10  # the notification, not the timeout
        timer.join()
    finally:
        watcher.close()


def test_a_loket_hears_of_a_ticket_issued_at_a_kiosk(pg_engine: Engine) -> None:
    sessions = session_factory(pg_engine)
    kiosk = QueueDesk(sessions, RecordingPrinter(), FakeClock(), "Kantor", "Asia/Jakarta")
    watcher = watcher_for(pg_engine)
    try:
        assert watcher.wait(0.3) is False
        timer = threading.Timer(0.2, kiosk.issue_ticket, args=("B",))
        timer.start()
        assert watcher.wait(30) is True
        timer.join()
    finally:
        watcher.close()
