"""Tickets issued and called per second with 1, 4 and 8 stations sharing one database.

Each station is a process of its own doing what a kiosk and a loket do, in a loop: issue a
ticket (every third one elderly) through the real QueueDesk, then call the next waiting
ticket to its own loket through the real CounterDesk, start and finish it: five write
transactions per ticket, each with its row locks (the day's counter row, SKIP LOCKED for
"call next"). SIMULATED: the ticket printer (it accepts every ticket at once) and the
stations' being on one machine. Stations are released together by a barrier and run for
--seconds; a ticket counts once it was issued and finished.

Real: PostgreSQL (a throw-away cluster started with scripts/services.sh, fsync off as in
the tests, unless --database-url or KIOSK_TEST_POSTGRES_URL names a server on which this
may create databases), each run on a fresh migrated database; and an SQLite file (WAL),
where one writer at a time is the design: several stations on SQLite share one PC.

The baseline is one station in the same run. Target (PostgreSQL): 8 stations at least 4x
one. On this 2-core machine the stations, PostgreSQL and the kernel share two cores, so
the printed "CPU-bound ceiling" (cores / one station's share of them) says what any
number of stations could reach here.
Run: python -m benchmarks.queue_stations [--seconds 5] [--stations 1,4,8]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path

from benchmarks.central_rig import fresh_database, postgres_server
from kiosk.clock import SystemClock
from kiosk.db.engine import create_engine_for, session_factory
from kiosk.db.migrate import upgrade
from kiosk.queue.counter import CounterDesk
from kiosk.queue.desk import QueueDesk
from kiosk.queue.lines import DEFAULT_LINES, seed_lines
from kiosk.queue.types import IssuedTicket, Priority

LINES = ("A", "B")
TARGET = 4.0


class InstantPrinter:
    """SIMULATED: a ticket printer that is always ready and takes no time."""

    def check_ready(self) -> None:
        return None

    def print_ticket(self, ticket: IssuedTicket, language: str) -> None:
        return None


@dataclass(frozen=True)
class Run:
    stations: int
    tickets: int
    seconds: float
    cpu: float  # CPU seconds the stations used

    @property
    def rate(self) -> float:
        return self.tickets / self.seconds


def station(
    url: str, number: int, seconds: float, barrier: Barrier, results: Queue[tuple[int, float]]
) -> None:
    engine = create_engine_for(url)
    sessions = session_factory(engine)
    kiosk = QueueDesk(sessions, InstantPrinter(), SystemClock(), "Kantor Uji", "Asia/Jakarta")
    counter = CounterDesk(sessions, SystemClock(), "Asia/Jakarta")
    loket, done = str(number + 1), 0
    kiosk.lines()  # connect before the clock starts
    barrier.wait(timeout=120)
    started = time.process_time()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        priority = Priority.ELDERLY if done % 3 == 0 else None
        kiosk.issue_ticket(LINES[done % 2], priority)
        ticket = counter.call_next(loket, LINES, actor=f"S-{loket}")
        if ticket is not None:
            counter.start(ticket.ticket_id, loket, actor=f"S-{loket}")
            counter.finish(ticket.ticket_id, loket, actor=f"S-{loket}")
        done += 1
    results.put((done, time.process_time() - started))
    engine.dispose()


def measure(url: str, stations: int, seconds: float) -> Run:
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(stations + 1)
    results: Queue[tuple[int, float]] = context.Queue()
    workers = [
        context.Process(target=station, args=(url, n, seconds, barrier, results))
        for n in range(stations)
    ]
    for worker in workers:
        worker.start()
    barrier.wait(timeout=120)
    started = time.monotonic()
    counts = [results.get(timeout=seconds + 120) for _ in workers]
    elapsed = time.monotonic() - started
    for worker in workers:
        worker.join(timeout=30)
    return Run(
        stations, sum(c for c, _ in counts), max(elapsed, seconds), sum(c for _, c in counts)
    )


def prepare(url: str) -> None:
    engine = create_engine_for(url)
    upgrade(engine)
    with session_factory(engine)() as session:
        seed_lines(session, DEFAULT_LINES)
        session.commit()
    engine.dispose()


@contextmanager
def sqlite_file() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite:///{Path(folder) / 'stations.db'}"


def report(name: str, runs: list[Run]) -> None:
    base = runs[0]
    print(f"{name}:")
    for run in runs:
        ratio = run.rate / base.rate
        print(
            f"  {run.stations} station(s): {run.tickets} tickets in {run.seconds:.1f} s = "
            f"{run.rate:7.1f}/s, {ratio:4.2f}x one station; "
            f"stations' CPU {run.cpu / run.seconds:.2f} cores"
        )
    share = base.cpu / base.seconds
    cores = os.cpu_count() or 1
    print(
        f"  one station keeps {share:.2f} cores busy: "
        f"CPU-bound ceiling here about {cores / max(share, 0.01):.1f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--stations", default="1,4,8")
    parser.add_argument("--database-url", default=os.environ.get("KIOSK_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    counts = [int(n) for n in args.stations.split(",")]
    with postgres_server(args.database_url) as server:
        runs = []
        for n in counts:
            with fresh_database(server) as url:
                prepare(url)
                runs.append(measure(url, n, args.seconds))
        report("PostgreSQL", runs)
        last = runs[-1].rate / runs[0].rate
        verdict = "met" if last >= TARGET else "MISSED"
        print(f"  target: {counts[-1]} stations at least {TARGET:.0f}x one: {last:.2f}x, {verdict}")
    runs = []
    for n in counts:
        with sqlite_file() as url:
            prepare(url)
            runs.append(measure(url, n, args.seconds))
    report("SQLite (one PC; a single writer by design)", runs)


if __name__ == "__main__":
    main()
