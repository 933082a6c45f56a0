"""Domain errors the core raises; the outer layers turn them into plain messages."""

from __future__ import annotations

from enum import StrEnum


class KioskError(Exception):
    """Base of every error the core expects and explains to a person."""


class PrinterProblem(StrEnum):
    """Why the printer did not accept a ticket, in terms a person can act on."""

    OFFLINE = "offline"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    CUTTER_ERROR = "cutter_error"
    UNPLUGGED = "unplugged"
    NOT_RESPONDING = "not_responding"


class PrinterUnavailable(KioskError):
    """The printer did not accept the whole document.

    Raised as is when no queue number was used (the printer was not ready before
    anything was sent); see TicketVoided for a number used up and then cancelled.
    """

    def __init__(
        self, problem: PrinterProblem, detail: str = "", may_print_later: bool = False
    ) -> None:
        super().__init__(
            f"printer unavailable: {problem.value}" + (f" ({detail})" if detail else "")
        )
        self.problem = problem
        self.detail = detail
        # Part of the ticket reached the printer and it did not confirm discarding it: it
        # may still come out when the printer recovers, so that number must not be reused.
        self.may_print_later = may_print_later


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


class UnknownService(KioskError):
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


class ConfigError(KioskError):
    """A setting the technician must fix; the message names the file, the key and the problem."""

    def __init__(self, source: str, problem: str, key: str | None = None) -> None:
        where = f"{source}: {key}" if key else source
        super().__init__(f"{where}: {problem}")
        self.source = source
        self.key = key
        self.problem = problem
