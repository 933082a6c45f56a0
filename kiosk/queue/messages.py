"""The queue's texts for the screen and the ticket, and its errors in plain words."""

from __future__ import annotations

from kiosk.errors import KioskError
from kiosk.i18n import translations
from kiosk.printers import PRINTER_PROBLEMS, PrinterUnavailable
from kiosk.queue.errors import (
    QueueBusy,
    QueueFull,
    TicketNotFound,
    TicketNotRecorded,
    TicketVoided,
    UnknownLine,
)
from kiosk.queue.types import Priority


def priority_text(priority: Priority, language: str) -> str:
    """'PRIORITAS: LANSIA': the ticket prints it under the number, and the done screen
    shows the same words, so the citizen sees that the choice was taken."""
    _ = translations(language).gettext
    labels = {
        Priority.ELDERLY: _("PRIORITY: ELDERLY"),
        Priority.DISABLED: _("PRIORITY: DISABILITY"),
        Priority.PREGNANT: _("PRIORITY: PREGNANT"),
    }
    return labels[priority]


def people_ahead_text(people_ahead: int, language: str) -> str:
    """'3 orang di depan Anda', or that nobody is ahead; for the screen and the ticket."""
    translation = translations(language)
    if people_ahead <= 0:
        return translation.gettext("No one is ahead of you.")
    return translation.ngettext(
        "%(count)d person ahead of you", "%(count)d people ahead of you", people_ahead
    ) % {"count": people_ahead}


def wait_text(minutes: int, language: str) -> str:
    """The estimated wait in plain words; 'soon' rather than '0 minutes'."""
    translation = translations(language)
    if minutes <= 0:
        return translation.gettext("You will be called soon.")
    return translation.ngettext(
        "Estimated wait: about %(minutes)d minute",
        "Estimated wait: about %(minutes)d minutes",
        minutes,
    ) % {"minutes": minutes}


def voided_text(code: str, language: str) -> str:
    """A number used up and then cancelled: it may be on paper, and it will not be called."""
    return translations(language).gettext(
        "Queue number %(code)s was cancelled because the printer failed, and it will not "
        "be called. Take a new number once the printer works, or ask a staff member."
    ) % {"code": code}


def describe_error(error: KioskError, language: str) -> str:
    """One or two sentences saying what went wrong and what happens next."""
    _ = translations(language).gettext
    if isinstance(error, TicketVoided):
        return f"{_(PRINTER_PROBLEMS[error.problem])} {voided_text(error.code, language)}"
    if isinstance(error, PrinterUnavailable):
        return "{} {}".format(_(PRINTER_PROBLEMS[error.problem]), _("No queue number was used."))
    if isinstance(error, QueueFull):
        return _("Service %(code)s has no numbers left today.") % {"code": error.code}
    if isinstance(error, UnknownLine):
        return _("There is no service with code %(code)s.") % {"code": error.code}
    if isinstance(error, QueueBusy):
        return _("The queue is busy. Please try again in a moment.")
    if isinstance(error, TicketNotRecorded):
        return _(
            "Your ticket %(code)s was printed but could not be saved. "
            "Please show it to a staff member."
        ) % {"code": error.code}
    if isinstance(error, TicketNotFound):
        return _("That ticket does not exist.")
    return str(error)
