"""What can go wrong with a printer (ticket, receipt or A4), in terms a person can act on.

Every printing feature raises and explains these; each feature owns its printer port.
"""

from __future__ import annotations

from enum import StrEnum

from kiosk.errors import KioskError
from kiosk.i18n import N_, translations


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


PRINTER_PROBLEMS: dict[PrinterProblem, str] = {
    PrinterProblem.PAPER_OUT: N_("The printer is out of paper."),
    PrinterProblem.COVER_OPEN: N_("The printer cover is open."),
    PrinterProblem.OFFLINE: N_("The printer is not ready."),
    PrinterProblem.CUTTER_ERROR: N_("The printer cannot cut the paper."),
    PrinterProblem.UNPLUGGED: N_("The printer is not connected."),
    PrinterProblem.NOT_RESPONDING: N_("The printer is not responding."),
}


def describe_problem(problem: PrinterProblem, language: str) -> str:
    """What is wrong with the printer, in one sentence."""
    return translations(language).gettext(PRINTER_PROBLEMS[problem])


class PrinterWatch:
    """What the kiosk last learnt about its printer, for the centre's health report.

    The printer is asked only when a ticket or receipt prints (never by the report: the
    serial line belongs to printing); "unknown" until the first print after a start.
    """

    def __init__(self) -> None:
        self.printer = "unknown"  # "ready" or a PrinterProblem value
        self.paper = "unknown"  # "ok", "low" or "out"

    def saw_ready(self, paper_low: bool) -> None:
        self.printer, self.paper = "ready", "low" if paper_low else "ok"

    def saw_problem(self, problem: PrinterProblem) -> None:
        self.printer = problem.value
        if problem is PrinterProblem.PAPER_OUT:
            self.paper = "out"
