"""Fakes of the core's ports (clock, ticket printer) for tests."""

from __future__ import annotations

import itertools
import random
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from kiosk.applications.lookup import receipt_of
from kiosk.printers import PrinterProblem, PrinterUnavailable
from kiosk.queue.printing_owner import PrintingOwner
from kiosk.queue.types import IssuedTicket

# 09:00 WIB on a Monday: inside office hours, far from the midnight reset.
OFFICE_MORNING = datetime(2024, 5, 6, 2, 0, tzinfo=UTC)


class FakeClock:
    """A clock that only moves when told to."""

    def __init__(self, start: datetime = OFFICE_MORNING) -> None:
        self.current = start

    def now(self) -> datetime:
        return self.current

    def set(self, when: datetime) -> None:
        self.current = when

    def advance(self, **delta: float) -> datetime:
        self.current += timedelta(**delta)
        return self.current


class FakeMonotonic:
    """A monotonic clock (time.monotonic's shape) the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@dataclass
class FakeProcesses:
    """The host's processes as a test says: `me`, the ones `running`, the boot time."""

    me: PrintingOwner
    running: set[PrintingOwner] = field(default_factory=set)
    booted: datetime | None = None

    def current(self) -> PrintingOwner:
        return self.me

    def is_running(self, owner: PrintingOwner) -> bool:
        return owner == self.me or owner in self.running

    def booted_at(self) -> datetime | None:
        return self.booted


@dataclass
class RecordingPrinter:
    """Records every ticket it accepts; can be told to refuse the next ones.

    `not_ready` is what the readiness check answers (no number is used); `fail_next` and
    `fail_always_with` make the print itself fail, once the number is used up.
    """

    printed: list[tuple[IssuedTicket, str]] = field(default_factory=list)
    attempts: int = 0
    checks: int = 0
    not_ready: PrinterProblem | None = None
    _failures: list[PrinterProblem] = field(default_factory=list)
    fail_always_with: PrinterProblem | None = None

    def fail_next(self, problem: PrinterProblem = PrinterProblem.PAPER_OUT, times: int = 1) -> None:
        self._failures.extend([problem] * times)

    def check_ready(self) -> None:
        self.checks += 1
        if self.not_ready is not None:
            raise PrinterUnavailable(self.not_ready, "fake printer not ready")

    def print_ticket(self, ticket: IssuedTicket, language: str) -> None:
        self.attempts += 1
        problem = self._failures.pop(0) if self._failures else self.fail_always_with
        if problem is not None:
            raise PrinterUnavailable(problem, "fake printer told to fail")
        self.printed.append((ticket, language))

    @property
    def codes(self) -> list[str]:
        return [ticket.code for ticket, _ in self.printed]


class FlakyPrinter:
    """Takes a few milliseconds per ticket; says it is not ready, or fails mid-ticket, at
    random: the first uses no number, the second voids one."""

    def __init__(self, failure_rate: float, seconds: float, seed: int) -> None:
        self.failure_rate = failure_rate
        self.seconds = seconds
        self.random = random.Random(seed)
        self.printed: list[IssuedTicket] = []
        self.failed: list[IssuedTicket] = []  # voided by the queue
        self.not_ready = 0

    def check_ready(self) -> None:
        if self.random.random() < self.failure_rate:
            self.not_ready += 1
            raise PrinterUnavailable(PrinterProblem.OFFLINE, "flaky fake")

    def print_ticket(self, ticket: IssuedTicket, language: str) -> None:
        time.sleep(self.seconds * self.random.random())
        if self.random.random() < self.failure_rate:
            self.failed.append(ticket)
            raise PrinterUnavailable(PrinterProblem.NOT_RESPONDING, "flaky fake")
        self.printed.append(ticket)


def fail_first_receipt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the first receipt made after a submission's commit fail (as a lost
    connection would), and later ones work: for the "stored, then failed" retry."""
    calls = itertools.count()

    def fails_once(*args: Any) -> Any:
        if next(calls) == 0:
            raise RuntimeError("failed after the commit")
        return receipt_of(*args)

    monkeypatch.setattr("kiosk.applications.store.receipt_of", fails_once)
