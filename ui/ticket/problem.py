"""When no number was given: what happened, in plain words, and what to do now."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kiosk.errors import KioskError
from kiosk.i18n import N_
from kiosk.printers import PrinterProblem, describe_problem
from kiosk.queue.errors import QueueBusy, QueueFull, TicketNotRecorded, UnknownLine
from kiosk.queue.messages import describe_error
from ui.base.screen import Screen, make_button, make_label
from ui.i18n import Tr
from ui.ticket.spoken import sentences

NOT_TAKEN = N_("Your queue number has not been taken. Please call a staff member for help.")
QUEUE_FULL = N_(
    "Numbers for this service have run out for today. Please call a staff member for help."
)
UNKNOWN_SERVICE = N_(
    "This service is not available right now. Please call a staff member for help."
)
NO_ANSWER = N_("Please call a staff member for help. If a ticket comes out later, please keep it.")
VOIDED = N_(
    "Your number %(code)s was cancelled because the printer had a problem, and it will "
    "not be called. Please call a staff member for help."
)
NO_SERVICES = N_("No service is open right now. Please call a staff member for help.")
UNEXPECTED = N_("Something went wrong. Please call a staff member for help.")


class _MessageScreen(Screen):
    """A heading, an explanation, where to find staff, and a button back to the start."""

    back_to_start = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = make_label("warning", object_name="heading")
        self.message = make_label("title", object_name="message")
        self.advice = make_label("info", object_name="advice")
        self.where_staff = make_label("info", object_name="where_staff")
        self.back_button = make_button("back_to_start", "primary")
        self.back_button.clicked.connect(self.back_to_start)
        self.column.addStretch(1)
        for label in (self.heading, self.message, self.advice, self.where_staff):
            self.column.addWidget(label)
        self.column.addStretch(1)
        self.column.addWidget(self.back_button)
        self._tr = Tr()

    def spoken_text(self) -> str:
        labels = (self.heading, self.message, self.advice, self.where_staff)
        return sentences(label.text() for label in labels if label.isVisibleTo(self))

    def retranslate(self, tr: Tr) -> None:
        self._tr = tr
        self.back_button.setText(tr("Back to start"))
        self.where_staff.setText(tr("Staff are at the service counter."))
        self._fill()

    def _fill(self) -> None:
        raise NotImplementedError


class PrinterProblemScreen(_MessageScreen):
    """With `can_retry`, "Try again" above "Back to start": once staff have put paper in
    or shut the cover, the citizen prints the same choice without choosing again."""

    name = "printer_problem"

    retry = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._problem = PrinterProblem.NOT_RESPONDING
        self._advice = NOT_TAKEN
        self._voided_code: str | None = None
        self.retry_button = make_button("retry", "primary", big=True)
        self.retry_button.clicked.connect(self.retry)
        self.column.insertWidget(self.column.indexOf(self.back_button), self.retry_button)
        self._offer_retry(False)

    def show_problem(
        self, problem: PrinterProblem, advice: str = NOT_TAKEN, can_retry: bool = False
    ) -> None:
        """Say what is wrong; `advice` is one of this module's messages (NOT_TAKEN, NO_ANSWER)."""
        self._problem = problem
        self._advice = advice
        self._voided_code = None
        self._offer_retry(can_retry)
        self._fill()

    def show_voided(self, problem: PrinterProblem, code: str, can_retry: bool = False) -> None:
        """The printer failed after number `code` was used up: it is cancelled, never called."""
        self._problem = problem
        self._advice = VOIDED
        self._voided_code = code
        self._offer_retry(can_retry)
        self._fill()

    def spoken_text(self) -> str:
        retry = self.retry_button.text() if self.retry_button.isVisibleTo(self) else ""
        return sentences([super().spoken_text(), retry])

    def retranslate(self, tr: Tr) -> None:
        self.retry_button.setText(tr("Try again"))
        super().retranslate(tr)

    def _offer_retry(self, on: bool) -> None:
        """One main action at a time: "Back to start" steps back while "Try again" shows."""
        self.retry_button.setVisible(on)
        self.back_button.setProperty("role", "" if on else "primary")
        self.back_button.style().unpolish(self.back_button)
        self.back_button.style().polish(self.back_button)

    def _fill(self) -> None:
        _ = self._tr
        self.heading.setText(_("Sorry"))
        self.message.setText(describe_problem(self._problem, _.language))
        if self._voided_code is None:
            self.advice.setText(_(self._advice))
        else:
            self.advice.setText(_(self._advice) % {"code": self._voided_code})


class ErrorScreen(_MessageScreen):
    """Queue full, unknown service, or anything unexpected (never a traceback)."""

    name = "error"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._message = UNEXPECTED
        self._explained: KioskError | None = None

    def show_error(self, error: BaseException) -> None:
        if isinstance(error, QueueFull):
            self.show_message(QUEUE_FULL)
        elif isinstance(error, UnknownLine):
            self.show_message(UNKNOWN_SERVICE)
        elif isinstance(error, QueueBusy | TicketNotRecorded):
            self._explained = error  # the core's own words: try again / show the ticket
            self._fill()
        else:
            self.show_message(UNEXPECTED)

    def show_message(self, msgid: str) -> None:
        """Show one of this module's messages (an English msgid marked with N_)."""
        self._message = msgid
        self._explained = None
        self._fill()

    def _fill(self) -> None:
        _ = self._tr
        self.heading.setText(_("Sorry"))
        if self._explained is not None:
            self.message.setText(describe_error(self._explained, _.language))
        else:
            self.message.setText(_(self._message))
        self.advice.setText("")
        self.advice.setVisible(False)
