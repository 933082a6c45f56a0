"""Kiosk processes for concurrency tests: spawned, started together, hitting one database."""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from typing import TypeVar

from sqlalchemy import Engine

from kiosk.db.engine import create_engine_for, session_factory
from kiosk.db.migrate import upgrade
from kiosk.printers import PrinterUnavailable
from kiosk.queue.counter import CounterDesk
from kiosk.queue.desk import QueueDesk
from kiosk.queue.lines import DEFAULT_LINES, seed_lines
from kiosk.queue.types import Priority
from tests.helpers.stubs import FakeClock, FlakyPrinter, RecordingPrinter

SERVICE_CODES = ("A", "B")
PRINT_SECONDS = 0.004  # up to 4 ms per ticket, holding the lock
PAUSE_SECONDS = 0.01  # up to 10 ms between citizens, so the other kiosk gets its turns


@dataclass(frozen=True)
class KioskOutcome:
    """What one kiosk process saw: codes printed, codes whose print failed (voided), and
    how often the printer was not ready (no number used)."""

    attempts: int
    printed: list[str]
    failed: list[str]
    not_ready: int

    @property
    def used(self) -> list[str]:
        return self.printed + self.failed


T = TypeVar("T")
Job = Callable[[Engine, int, int, Callable[[], object]], T]


def run_kiosks(url: str, attempts: int, processes: int = 2) -> list[KioskOutcome]:
    """`processes` kiosks issue at once; each says what its printer did."""
    return run_together(url, processes, _issue_tickets, attempts)


def start_kiosks(url: str, processes: int = 2) -> list[list[str]]:
    """`processes` kiosks migrate and seed one fresh database at the same moment."""
    return run_together(url, processes, _migrate_and_seed, 0)


def run_together(url: str, processes: int, job: Job[T], attempts: int) -> list[T]:
    """Spawn the processes, release them together, collect what each returns (fail fast)."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(processes)
    results: Queue[tuple[int, T]] = context.Queue()
    workers = [
        context.Process(target=_kiosk, args=(job, url, attempts, seed, barrier, results))
        for seed in range(processes)
    ]
    for worker in workers:
        worker.start()
    collected: dict[int, T] = {}
    deadline = time.monotonic() + 120
    while len(collected) < processes:
        if time.monotonic() > deadline or any(w.exitcode not in (None, 0) for w in workers):
            _stop(workers)
            raise AssertionError(f"a kiosk process failed: {[w.exitcode for w in workers]}")
        with contextlib.suppress(queue.Empty):
            seed, codes = results.get(timeout=0.2)
            collected[seed] = codes
    for worker in workers:
        worker.join(timeout=30)
    return [collected[seed] for seed in range(processes)]


def _stop(workers: Sequence[BaseProcess]) -> None:
    for worker in workers:
        if worker.is_alive():
            worker.terminate()
        worker.join(timeout=5)


def _kiosk(
    job: Job[T],
    url: str,
    attempts: int,
    seed: int,
    barrier: Barrier,
    results: Queue[tuple[int, T]],
) -> None:
    engine = create_engine_for(url)
    try:
        results.put((seed, job(engine, seed, attempts, lambda: barrier.wait(timeout=60))))
    finally:
        engine.dispose()


def _issue_tickets(
    engine: Engine, seed: int, attempts: int, ready: Callable[[], object]
) -> KioskOutcome:
    printer = FlakyPrinter(failure_rate=0.2, seconds=PRINT_SECONDS, seed=seed)
    kiosk = QueueDesk(session_factory(engine), printer, FakeClock(), "Kantor Uji", "Asia/Jakarta")
    pauses = random.Random(seed + 1000)
    kiosk.lines()  # connect and warm up before the race starts
    ready()
    for attempt in range(attempts):
        with contextlib.suppress(PrinterUnavailable):
            kiosk.issue_ticket(SERVICE_CODES[(attempt + seed) % len(SERVICE_CODES)])
        time.sleep(PAUSE_SECONDS * pauses.random())
    return KioskOutcome(
        attempts,
        [ticket.code for ticket in printer.printed],
        [ticket.code for ticket in printer.failed],
        printer.not_ready,
    )


def _migrate_and_seed(
    engine: Engine, seed: int, attempts: int, ready: Callable[[], object]
) -> list[str]:
    """What the app does at start-up; returns the codes of the services it inserted."""
    ready()
    upgrade(engine)
    with session_factory(engine)() as session:
        inserted = seed_lines(session, DEFAULT_LINES)
        session.commit()
    return [definition.code for definition in DEFAULT_LINES[:inserted]]


@dataclass(frozen=True)
class StationOutcome:
    """What one station process did: the codes it issued and the codes it called."""

    issued: list[str]
    called: list[str]


def run_stations(url: str, rounds: int, processes: int = 4) -> list[StationOutcome]:
    """`processes` stations (a kiosk and a loket each) issue and call on one database at once."""
    return run_together(url, processes, _issue_and_call, rounds)


def _issue_and_call(
    engine: Engine, seed: int, rounds: int, ready: Callable[[], object]
) -> StationOutcome:
    """Each round: issue a ticket (every third one elderly), then call the next one to this
    station's loket and serve it (every fifth: the citizen did not come)."""
    sessions = session_factory(engine)
    kiosk = QueueDesk(sessions, RecordingPrinter(), FakeClock(), "Kantor Uji", "Asia/Jakarta")
    counter = CounterDesk(sessions, FakeClock(), "Asia/Jakarta")
    loket = str(seed + 1)
    issued, called = [], []
    kiosk.lines()  # connect and warm up before the race starts
    ready()
    for round_number in range(rounds):
        priority = Priority.ELDERLY if round_number % 3 == 0 else None
        issued.append(kiosk.issue_ticket(SERVICE_CODES[round_number % 2], priority).code)
        ticket = counter.call_next(loket, SERVICE_CODES, actor=f"S-{loket}")
        if ticket is None:
            continue
        called.append(ticket.code)
        if round_number % 5 == 4:
            counter.no_show(ticket.ticket_id, loket, actor=f"S-{loket}")
        else:
            counter.start(ticket.ticket_id, loket, actor=f"S-{loket}")
            counter.finish(ticket.ticket_id, loket, actor=f"S-{loket}")
    return StationOutcome(issued, called)
