"""What the queue needs from the outside: a ticket printer."""

from __future__ import annotations

from typing import Protocol

from kiosk.queue.types import IssuedTicket


class TicketPrinter(Protocol):
    """Prints one queue ticket.

    The queue asks `check_ready` before it uses up a number, so a printer that is out of
    paper, offline or unplugged costs no number. `print_ticket` is called once the
    number is committed (state PRINTING); it returns only after the printer has accepted
    the whole ticket and raises :class:`kiosk.printers.PrinterUnavailable` otherwise, which
    voids that number (its bytes may already be on paper).
    """

    def check_ready(self) -> None:
        """Raise PrinterUnavailable unless the printer could print now; sends no ticket."""
        ...

    def print_ticket(self, ticket: IssuedTicket, language: str) -> None: ...
