"""Test databases: migrate and seed once, copy per test; checks on the numbers stored."""

from __future__ import annotations

import itertools
import shutil
from collections import defaultdict
from pathlib import Path

from sqlalchemy import Engine, select

from kiosk.db.engine import create_engine_for, session_factory
from kiosk.db.migrate import upgrade
from kiosk.queue.lines import DEFAULT_LINES, seed_lines
from kiosk.queue.models import Line, Ticket
from kiosk.queue.types import TicketState
from tests.helpers.workers import KioskOutcome


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def migrate_and_seed(url: str) -> None:
    engine = create_engine_for(url)
    try:
        upgrade(engine)
        with session_factory(engine).begin() as session:
            seed_lines(session, DEFAULT_LINES)
    finally:
        engine.dispose()


def copy_template(template: Path, directory: Path) -> str:
    """A fresh database URL; disposing the template's engine checkpointed its WAL into it."""
    target = directory / "anjungan.db"
    shutil.copyfile(template, target)
    return sqlite_url(target)


def numbers_by_service(engine: Engine) -> dict[str, list[int]]:
    query = select(Line.code, Ticket.number).join(Line).order_by(Ticket.number)
    numbers: dict[str, list[int]] = defaultdict(list)
    with engine.connect() as connection:
        for code, number in connection.execute(query):
            numbers[code].append(number)
    return numbers


def codes_in_state(engine: Engine, state: TicketState) -> list[str]:
    query = select(Ticket.code).where(Ticket.state == state).order_by(Ticket.code)
    with engine.connect() as connection:
        return list(connection.execute(query).scalars())


def assert_numbers_one_to_k(engine: Engine, outcomes: list[KioskOutcome]) -> None:
    """Each number 1..K per service was used once: issued (printed) or voided (failed).

    Issued tickets are exactly the printed ones, voided ones exactly those whose print
    failed; a printer not ready used no number.
    """
    numbers = numbers_by_service(engine)
    for code, ns in numbers.items():
        assert ns == list(range(1, len(ns) + 1)), f"gap or duplicate in {code}: {ns}"
    printed = sorted(code for outcome in outcomes for code in outcome.printed)
    failed = sorted(code for outcome in outcomes for code in outcome.failed)
    assert codes_in_state(engine, TicketState.ISSUED) == printed
    assert codes_in_state(engine, TicketState.VOIDED) == failed
    attempts = sum(outcome.attempts for outcome in outcomes)
    not_ready = sum(outcome.not_ready for outcome in outcomes)
    assert len(printed) + len(failed) + not_ready == attempts
    assert 0.5 * attempts < len(printed) < attempts  # about 20% + 16% of the prints failed
    assert failed and not_ready  # both kinds of failure happened


def assert_processes_interleaved(outcomes: list[KioskOutcome]) -> None:
    """Guard: the kiosks really raced. One after the other would switch owner once at most."""
    owner = {code: process for process, outcome in enumerate(outcomes) for code in outcome.used}
    switches = []
    for service in {code.partition("-")[0] for code in owner}:
        owners = [owner[code] for code in sorted(owner) if code.startswith(f"{service}-")]
        switches.append(sum(a != b for a, b in itertools.pairwise(owners)))
    assert max(switches) >= 2, switches
