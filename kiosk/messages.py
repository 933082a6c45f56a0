"""Plain-language explanations of the core's errors, in the person's language."""

from __future__ import annotations

from kiosk.errors import (
    KioskError,
    PrinterProblem,
    PrinterUnavailable,
    QueueFull,
    TicketNotFound,
    UnknownService,
)
from kiosk.i18n import N_, translations

PRINTER_PROBLEMS: dict[PrinterProblem, str] = {
    PrinterProblem.PAPER_OUT: N_("The printer is out of paper."),
    PrinterProblem.COVER_OPEN: N_("The printer cover is open."),
    PrinterProblem.OFFLINE: N_("The printer is offline."),
    PrinterProblem.CUTTER_ERROR: N_("The printer's paper cutter is stuck."),
    PrinterProblem.UNPLUGGED: N_("The printer is not connected."),
    PrinterProblem.NOT_RESPONDING: N_("The printer does not answer."),
}


def describe_problem(problem: PrinterProblem, language: str) -> str:
    """What is wrong with the printer, in one sentence."""
    return translations(language).gettext(PRINTER_PROBLEMS[problem])


def describe_error(error: KioskError, language: str) -> str:
    """One or two sentences saying what went wrong and what happens next."""
    _ = translations(language).gettext
    if isinstance(error, PrinterUnavailable):
        return "{} {}".format(_(PRINTER_PROBLEMS[error.problem]), _("No queue number was used."))
    if isinstance(error, QueueFull):
        return _("Service %(code)s has no numbers left today.") % {"code": error.code}
    if isinstance(error, UnknownService):
        return _("There is no service with code %(code)s.") % {"code": error.code}
    if isinstance(error, TicketNotFound):
        return _("That ticket does not exist.")
    return str(error)
