"""The rig around the centre's benchmark: a PostgreSQL server, fresh databases, and who
kept the cores busy (read from /proc: the machine, the centre's processes, PostgreSQL's
backends for the database, this load generator)."""

from __future__ import annotations

import os
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.central.live import ROOT, free_port

TICKS = os.sysconf("SC_CLK_TCK")


@contextmanager
def postgres_server(given: str | None) -> Iterator[str]:
    """`given`, or a throw-away cluster started and stopped with scripts/services.sh."""
    if given:
        yield given
        return
    script = (
        f"source scripts/services.sh; PG_PORT={free_port()} start_postgres >&2; "
        'printf "%s\\n" "$KIOSK_TEST_POSTGRES_URL" "${PG_DIR:-}" "${PG_BINDIR:-}"'
    )
    started = subprocess.run(
        ["bash", "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    url, pg_dir, bindir = [*started.stdout.splitlines(), "", "", ""][:3]
    if not url:
        raise SystemExit(f"PostgreSQL did not start: {started.stderr.strip()}")
    try:
        yield url
    finally:
        env = {**os.environ, "PG_DIR": pg_dir, "PG_BINDIR": bindir}
        stop = "source scripts/services.sh; stop_postgres"
        subprocess.run(["bash", "-c", stop], cwd=ROOT, env=env, check=False)


@contextmanager
def fresh_database(server: str) -> Iterator[str]:
    """A new database on `server` for one run (its URL), dropped after."""
    name = f"central_bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(make_url(server), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = make_url(server).set(database=name, drivername="postgresql+psycopg")
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


@dataclass(frozen=True)
class Proc:
    parent: int
    session: int
    cpu: float  # seconds, its own
    reaped: float  # seconds of its children that ended and it waited for


@dataclass(frozen=True)
class Snapshot:
    """CPU seconds so far of the machine (all cores) and of each process; sessions
    PostgreSQL opened for the database."""

    wall: float
    machine: float
    processes: dict[int, Proc]
    own: float
    postmaster: int
    sessions: int


def snapshot(database_url: str) -> Snapshot:
    postmaster, sessions = _server_facts(database_url)
    return Snapshot(time.monotonic(), _machine_busy(), _processes(), _own(), postmaster, sessions)


@dataclass(frozen=True)
class CpuUse:
    """Cores kept busy on average while a run was timed, and connections opened."""

    machine: float
    centre: list[float]  # per process of `central serve`
    postgres: float
    load: float
    sessions: int

    def __str__(self) -> str:
        centre = sum(self.centre)
        others = max(0.0, self.machine - centre - self.postgres - self.load)
        workers = "+".join(f"{core:.2f}" for core in self.centre if core >= 0.005) or "0"
        return (
            f"cores busy {self.machine:.2f} = centre {centre:.2f} ({workers}) + PostgreSQL "
            f"{self.postgres:.2f} + load {self.load:.2f} + others {others:.2f}; "
            f"{self.sessions} connections opened to PostgreSQL"
        )


def cpu_use(before: Snapshot, centre_pid: int, database_url: str) -> CpuUse:
    """What each part used since `before`, per second of wall time. The centre is every
    process of its session (it starts in one of its own); PostgreSQL is the postmaster
    and its children, those that ended too (the whole cluster)."""
    after = snapshot(database_url)
    wall = after.wall - before.wall

    def used(pid: int) -> float:
        now, then = after.processes[pid], before.processes.get(pid)
        return now.cpu + now.reaped - (then.cpu + then.reaped if then else 0.0)

    ours = sorted(pid for pid, proc in after.processes.items() if proc.session == centre_pid)
    server = [pid for pid, proc in after.processes.items() if proc.parent == after.postmaster]
    return CpuUse(
        machine=(after.machine - before.machine) / wall,
        centre=[used(pid) / wall for pid in ours],
        postgres=sum(used(pid) for pid in [after.postmaster, *server]) / wall,
        load=(after.own - before.own) / wall,
        sessions=after.sessions - before.sessions - 1,  # less the one asking
    )


def _machine_busy() -> float:
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle and iowait
    return (sum(fields[:8]) - idle) / TICKS


def _processes() -> dict[int, Proc]:
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue  # ended meanwhile
            rest = [int(field) for field in stat.rsplit(")", 1)[1].split()[1:15]]
            # after the state: ppid pgrp session ... utime stime cutime cstime
            found[int(entry.name)] = Proc(
                rest[0], rest[2], (rest[10] + rest[11]) / TICKS, (rest[12] + rest[13]) / TICKS
            )
    return found


def _own() -> float:
    times = os.times()
    return times.user + times.system


def _server_facts(database_url: str) -> tuple[int, int]:
    """The postmaster's pid (the parent of our backend) and the database's sessions."""
    engine = create_engine(make_url(database_url))
    try:
        with engine.connect() as connection:
            backend = connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
            sessions = connection.execute(
                text("SELECT sessions FROM pg_stat_database WHERE datname = current_database()")
            ).scalar_one()
            stat = Path(f"/proc/{backend}/stat").read_text()  # while the backend lives
    finally:
        engine.dispose()
    return int(stat.rsplit(")", 1)[1].split()[1]), int(sessions)
