"""What can go wrong in the queue; kiosk.queue.messages says it in plain words."""

from __future__ import annotations

from kiosk.errors import KioskError
from kiosk.printers import PrinterProblem, PrinterUnavailable


class TicketVoided(PrinterUnavailable):
    """The printer failed after the ticket's number was used up, so the number is voided.

    Its bytes may have reached the printer (part of the ticket, even all of it, may be on
    paper), so the number is never given to anyone else and is never called: a gap,
    never two citizens holding one number. The citizen takes a new ticket or asks staff.
    """

    def __init__(
        self, code: str, problem: PrinterProblem, detail: str = "", may_print_later: bool = False
    ) -> None:
        super().__init__(problem, detail, may_print_later)
        self.code = code

    def __str__(self) -> str:
        return f"ticket {self.code} voided: {super().__str__()}"


class UnknownLine(KioskError):
    """A service code that the queue does not know (or that is disabled)."""

    def __init__(self, code: str) -> None:
        super().__init__(f"unknown service: {code!r}")
        self.code = code


class QueueFull(KioskError):
    """The service's number range for today is used up."""

    def __init__(self, code: str) -> None:
        super().__init__(f"no numbers left today for service {code!r}")
        self.code = code


class QueueBusy(KioskError):
    """Another kiosk held the queue's lock too long (a stuck printer or a lost network)."""


class TicketNotRecorded(KioskError):
    """The ticket printed but its number could not be saved: staff must see that ticket."""

    def __init__(self, code: str) -> None:
        super().__init__(f"ticket {code} was printed but could not be saved")
        self.code = code


class InvalidTransition(KioskError):
    """A ticket state change that the queue rules do not allow."""


class TicketNotFound(KioskError):
    """No ticket with that identity."""


class CounterBusy(KioskError):
    """The loket still has a called or serving ticket: finish, hold or mark it first."""

    def __init__(self, code: str) -> None:
        super().__init__(f"the counter still has ticket {code}")
        self.code = code
