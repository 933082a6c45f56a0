"""Small interfaces the core needs; the composition root plugs real parts in."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol

from kiosk.queue.types import IssuedTicket


class Clock(Protocol):
    """Where the core gets the time; tests pass a fixed or stepping clock."""

    def now(self) -> datetime:
        """Return an aware datetime (any zone; the core converts)."""
        ...


class SystemClock:
    """The real clock, in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class TicketPrinter(Protocol):
    """Prints one queue ticket.

    The queue asks `check_ready` before it uses up a number, so a printer that is out of
    paper, offline or unplugged costs no number. `print_ticket` is called once the
    number is committed (state PRINTING); it returns only after the printer has accepted
    the whole ticket and raises :class:`kiosk.errors.PrinterUnavailable` otherwise, which
    voids that number (its bytes may already be on paper).
    """

    def check_ready(self) -> None:
        """Raise PrinterUnavailable unless the printer could print now; sends no ticket."""
        ...

    def print_ticket(self, ticket: IssuedTicket, language: str) -> None: ...


class SecretStore(Protocol):
    """Where the kiosk keeps its secrets (data key, credentials): the OS keyring in
    production, never a file next to the database."""

    def get_secret(self, name: str) -> str | None: ...

    def set_secret(self, name: str, value: str) -> None: ...
