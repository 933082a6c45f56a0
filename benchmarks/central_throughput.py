"""The central server under load: applications accepted per second with 1 and 4 worker
processes on PostgreSQL, and 500 kiosks syncing at once.

Real: PostgreSQL (a throw-away cluster started with scripts/services.sh, fsync off as in
the tests, unless --database-url or KIOSK_TEST_POSTGRES_URL names a server on which this
may create databases); `central serve --workers N` as its own processes on loopback, each
against a fresh database; kiosks enrolled with one-time codes; e-KTP applications filled
in through the kiosk's wizard, each with its own NIK, name and phone, sealed with HPKE for
the centre's key in the wire shape a kiosk posts, all before any clock starts; HTTP over
TCP through requests. SIMULATED: the kiosks, threads of this one process (the load
generator), each request with its kiosk's own credential.

Throughput: --clients threads post batches of --batch applications; each batch on a
connection of its own (a kiosk syncs once a minute, longer than uvicorn keeps a
connection), so the kernel hands it to a free worker. Both centres run side by side and
are measured in turn, --passes times each after a warm-up, so that a load that comes and
goes on a shared machine falls on both; the medians are compared. Target: 4 workers at
least 3x one.

500 kiosks: as many threads, released together by a barrier, each doing one kiosk's
round on its own connection: upload a small batch, pull its status changes (one is
waiting), pull the catalogue with its ETag (every tenth holds an older one and downloads
it), report health; with the kiosk's default timeouts (10 s connect, 60 s read). "At
once" means the 500 rounds start at the same instant; the most requests in flight at one
time is printed. Target: every answer the expected one, no connection error.

The centre, PostgreSQL, this load generator and whatever else runs share this machine's
cores: one worker keeps about one core busy, so with 2 cores 4 workers cannot reach 3x
one. Beside each result: the cores each part kept busy ("others": the rest of the
machine), and the applications accepted per second of the centre's own CPU, which shows
whether workers hinder each other (a lock, a shared row) apart from a lack of cores.
Run: python -m benchmarks.central_throughput [--applications 8000] [--passes 3] [--kiosks 500]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks.central_kiosks import (
    GATE_S,
    Kiosk,
    Round,
    Tally,
    batches,
    enrol_kiosks,
    prepare_rounds,
    run_round,
    send_all,
)
from benchmarks.central_rig import CpuUse, cpu_use, fresh_database, postgres_server, snapshot
from tests.central.live import LiveCentre, start, stop

TARGET_RATIO = 3.0


@contextmanager
def serving(server: str, folder: Path, workers: int) -> Iterator[tuple[LiveCentre, str]]:
    """`central serve --workers N` on a fresh database of `server`; the centre and its URL."""
    with fresh_database(server) as database:
        live = start(folder / f"centre-{workers}", workers, CENTRAL_DATABASE_URL=database)
        try:
            yield live, database
        finally:
            stop(live)


@dataclass
class Loaded:
    """A centre warmed up, with its kiosks and a pass's worth of batches per pass."""

    live: LiveCentre
    database: str
    workers: int
    kiosks: list[Kiosk]
    passes: list[list[bytes]]


@dataclass(frozen=True)
class Pass:
    workers: int
    seconds: float
    tally: Tally
    cpu: CpuUse

    @property
    def per_second(self) -> float:
        return self.tally.outcomes["accepted"] / self.seconds

    @property
    def per_core_second(self) -> float:
        """Accepted per second of the centre's own CPU: whether workers hinder each other."""
        return self.per_second / max(sum(self.cpu.centre), 0.01)


def loaded(
    stack: ExitStack, server: str, folder: Path, workers: int, args: argparse.Namespace
) -> Loaded:
    live, database = stack.enter_context(serving(server, folder, workers))
    kiosks, key = enrol_kiosks(live, args.clients)
    size, count = args.batch, args.applications
    warm = batches(key, size * args.clients * workers, size)
    passes = [batches(key, count, size, first=count * (i + 1)) for i in range(args.passes)]
    send_all(live.url, kiosks, warm, args.clients)  # every worker has met the definitions
    return Loaded(live, database, workers, kiosks, passes)


def timed(centre: Loaded, index: int, clients: int) -> Pass:
    before = snapshot(centre.database)
    started = time.perf_counter()
    tally = send_all(centre.live.url, centre.kiosks, centre.passes[index], clients)
    seconds = time.perf_counter() - started
    return Pass(
        centre.workers, seconds, tally, cpu_use(before, centre.live.process.pid, centre.database)
    )


def throughput(server: str, folder: Path, args: argparse.Namespace) -> list[Pass]:
    with ExitStack() as stack:
        centres = [loaded(stack, server, folder, n, args) for n in (1, args.workers)]
        return [timed(centre, i, args.clients) for i in range(args.passes) for centre in centres]


@dataclass(frozen=True)
class Crowd:
    rounds: list[Round]
    seconds: float
    tally: Tally
    cpu: CpuUse


def crowd(server: str, folder: Path, args: argparse.Namespace) -> Crowd:
    with serving(server, folder, args.crowd_workers) as (live, database):
        rounds = prepare_rounds(live, args.kiosks, args.crowd_batch)
        tally = Tally()
        gate = threading.Barrier(len(rounds) + 1)
        threading.stack_size(512 * 1024)
        threads = [
            threading.Thread(target=run_round, args=(live.url, r, tally, gate)) for r in rounds
        ]
        for thread in threads:
            thread.start()
        before = snapshot(database)
        gate.wait(GATE_S)
        started = time.perf_counter()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - started
        return Crowd(rounds, seconds, tally, cpu_use(before, live.process.pid, database))


def report_throughput(passes: list[Pass], args: argparse.Namespace) -> None:
    cores = os.cpu_count()
    print(f"Applications accepted per second ({args.applications} e-KTP applications a pass,")
    print(f"  batches of {args.batch}, {args.clients} client threads; {cores} CPU cores)")
    for number, run in enumerate(passes):
        other = sum(run.tally.unexpected.values()) + sum(
            n for outcome, n in run.tally.outcomes.items() if outcome != "accepted"
        )
        print(f"  pass {number // 2 + 1}, {run.workers} worker(s): {run.per_second:5.0f}/s", end="")
        print(f" ({run.seconds:4.1f} s, {other} not accepted;", end="")
        print(f" {run.per_core_second:4.0f} per centre core-second)")
        print(f"    {run.cpu}")
    one, many = (_median(passes, n) for n in (1, args.workers))
    print(f"  median: 1 worker {one.per_second:.0f}/s, {args.workers} workers", end="")
    print(f" {many.per_second:.0f}/s: ratio {many.per_second / one.per_second:.2f}x", end="")
    print(f" (target at least {TARGET_RATIO:g}x)")
    print(f"  cores: 1 worker kept {sum(one.cpu.centre):.2f} busy,", end="")
    print(
        f" {args.workers} workers {sum(many.cpu.centre):.2f} of the {cores} (PostgreSQL, the load",
        end="",
    )
    print(" and others had the rest); per centre core-second", end="")
    print(f" {one.per_core_second:.0f} with 1 worker, {many.per_core_second:.0f} with", end="")
    print(f" {args.workers}", end="")
    hindered = many.per_core_second < 0.85 * one.per_core_second
    print(": the workers hinder each other" if hindered else ": no worker hinders another")


def _median(passes: list[Pass], workers: int) -> Pass:
    """The pass with the median rate among those of `workers` (the lower of two)."""
    runs = sorted((p for p in passes if p.workers == workers), key=lambda p: p.per_second)
    return runs[(len(runs) - 1) // 2]


def report_crowd(result: Crowd, args: argparse.Namespace) -> None:
    done = sorted(r.seconds for r in result.rounds if r.seconds is not None)
    surprises = sum(result.tally.unexpected.values())
    print(f"{len(result.rounds)} kiosks syncing at once ({args.crowd_workers} workers,", end="")
    print(f" {os.cpu_count()} CPU cores): each uploads {args.crowd_batch} applications,")
    print("  pulls its status changes and the catalogue (ETag), reports health")
    print(f"  {len(done)} rounds complete in {result.seconds:.1f} s; a round took", end="")
    print(
        f" {statistics.median(done or [0.0]):.1f} s (median), {max(done or [0.0]):.1f} s (slowest)"
    )
    print(f"  at most {result.tally.most_in_flight} requests in flight at one time")
    print(f"  answers other than expected: {surprises} (target 0) {dict(result.tally.unexpected)}")
    print(f"  {result.cpu}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=8000, help="per pass")
    parser.add_argument("--passes", type=int, default=3, help="timed passes per centre")
    parser.add_argument("--batch", type=int, default=50, help="applications per request")
    parser.add_argument("--clients", type=int, default=8, help="load generator threads")
    parser.add_argument("--workers", type=int, default=4, help="compared with 1 worker")
    parser.add_argument("--kiosks", type=int, default=500, help="syncing at once; 0: none")
    parser.add_argument("--crowd-batch", type=int, default=5, help="applications a kiosk sends")
    parser.add_argument("--crowd-workers", type=int, default=4)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("KIOSK_TEST_POSTGRES_URL"),
        help="a PostgreSQL server to create databases on (default: start one)",
    )
    args = parser.parse_args()
    with postgres_server(args.database_url) as server, tempfile.TemporaryDirectory() as folder:
        report_throughput(throughput(server, Path(folder), args), args)
        if args.kiosks:
            report_crowd(crowd(server, Path(folder), args), args)


if __name__ == "__main__":
    main()
