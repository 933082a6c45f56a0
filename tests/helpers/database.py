"""Test databases: migrate and seed once, copy per test; checks on the numbers stored."""

from __future__ import annotations

import itertools
import shutil
from collections import defaultdict
from pathlib import Path

from sqlalchemy import Engine, select

from kiosk.db.engine import create_engine_for, session_factory
from kiosk.db.migrate import upgrade
from kiosk.db.models import Service, Ticket
from kiosk.queue.catalogue import DEFAULT_SERVICES, seed_services


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def migrate_and_seed(url: str) -> None:
    engine = create_engine_for(url)
    try:
        upgrade(engine)
        with session_factory(engine).begin() as session:
            seed_services(session, DEFAULT_SERVICES)
    finally:
        engine.dispose()


def copy_template(template: Path, directory: Path) -> str:
    """A fresh database URL; disposing the template's engine checkpointed its WAL into it."""
    target = directory / "anjungan.db"
    shutil.copyfile(template, target)
    return sqlite_url(target)


def numbers_by_service(engine: Engine) -> dict[str, list[int]]:
    query = select(Service.code, Ticket.number).join(Service).order_by(Ticket.number)
    numbers: dict[str, list[int]] = defaultdict(list)
    with engine.connect() as connection:
        for code, number in connection.execute(query):
            numbers[code].append(number)
    return numbers


def assert_numbers_one_to_k(
    engine: Engine, printed_by_process: list[list[str]], attempts_per_process: int
) -> None:
    """Committed tickets are exactly the printed ones, numbered 1..K per service."""
    numbers = numbers_by_service(engine)
    printed = sorted(code for codes in printed_by_process for code in codes)
    stored = sorted(f"{code}-{n:03d}" for code, ns in numbers.items() for n in ns)
    assert stored == printed
    for code, ns in numbers.items():
        assert ns == list(range(1, len(ns) + 1)), f"gap or duplicate in {code}: {ns}"
    attempts = len(printed_by_process) * attempts_per_process
    assert 0.6 * attempts < len(printed) < attempts  # about 20% of the prints failed


def assert_processes_interleaved(printed_by_process: list[list[str]]) -> None:
    """Guard: the kiosks really raced. One after the other would switch owner once at most."""
    owner = {code: process for process, codes in enumerate(printed_by_process) for code in codes}
    switches = []
    for service in {code.partition("-")[0] for code in owner}:
        owners = [owner[code] for code in sorted(owner) if code.startswith(f"{service}-")]
        switches.append(sum(a != b for a, b in itertools.pairwise(owners)))
    assert max(switches) >= 2, switches
