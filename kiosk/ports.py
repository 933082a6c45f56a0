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

    Returns only after the printer has accepted the whole ticket; raises
    :class:`kiosk.errors.PrinterUnavailable` otherwise. Called inside the
    issuing transaction, so a raise means the number is not consumed.
    """

    def print_ticket(self, ticket: IssuedTicket, language: str) -> None: ...


class SecretStore(Protocol):
    """Where the kiosk keeps its secrets (data key, credentials): the OS keyring in
    production, never a file next to the database."""

    def get_secret(self, name: str) -> str | None: ...

    def set_secret(self, name: str, value: str) -> None: ...
