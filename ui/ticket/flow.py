"""Taking a queue number: (loading ->) service -> priority -> confirm -> printing -> done,
or a problem."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.errors import KioskError
from kiosk.printers import PrinterProblem, PrinterUnavailable
from kiosk.queue.errors import TicketVoided
from kiosk.queue.types import IssuedTicket, Priority, QueueLine
from ui.base.screen import Screen
from ui.base.stack import ScreenStack
from ui.contracts import QueuePort, UiOptions
from ui.i18n import Tr
from ui.tasks import Policy, Tasks
from ui.ticket.confirm import ConfirmScreen
from ui.ticket.done import DoneScreen
from ui.ticket.line import LineScreen
from ui.ticket.loading import LoadingScreen
from ui.ticket.printing import PrintingScreen
from ui.ticket.priority import PriorityScreen
from ui.ticket.problem import NO_ANSWER, NO_SERVICES, NOT_TAKEN, ErrorScreen, PrinterProblemScreen
from ui.ticket.spoken import Spoken

log = logging.getLogger(__name__)

TICKET, LINES = "ticket", "lines"  # the kinds of queue call


class TicketFlow(QObject):
    """Owns the ticket screens, the queue calls and the three timers of the ticket path.

    It shows screens on the window's `stack`; "home" and "the next person" are the
    window's business, asked for with `home_requested` and `finished`.
    """

    home_requested = Signal()
    finished = Signal()  # the done screen was closed or timed out: the next person
    ticket_issued = Signal(object)  # IssuedTicket
    print_failed = Signal(object)  # the exception that stopped the ticket
    printing_timed_out = Signal()  # the watchdog gave up waiting for the ticket call
    late_result = Signal(object)  # IssuedTicket or exception that came after the watchdog
    lines_loaded = Signal(object)  # list[QueueLine], each time a refresh comes back
    lines_failed = Signal(object)  # the exception of a refresh (the list stays as it was)
    speak = Signal(str)  # what the voice may read: each ticket screen's texts as it shows

    def __init__(
        self, queue: QueuePort, options: UiOptions, stack: ScreenStack, parent: QObject | None
    ) -> None:
        super().__init__(parent)
        self._stack = stack
        self._tr = Tr()
        self._line_code: str | None = None
        self._priority: Priority | None = None
        self._printing_choice: tuple[str, Priority | None] | None = None  # the last started
        self._retry_choice: tuple[str, Priority | None] | None = None  # "Try again" prints it
        self._awaiting = False  # False again once the watchdog gives up on the call
        self._lines_arrived = False  # a refresh has come back at least once
        self._queue = queue
        self._tasks = Tasks(self)  # one queue call at a time, in order
        self._done_timer = single_shot(options.done_screen_seconds, self)
        self._loading_timer = single_shot(options.loading_timeout_seconds, self)
        self._watchdog = single_shot(options.printing_watchdog_seconds, self)
        self._build_screens()
        self._connect()
        self.refresh_lines()  # the start-up list, off the GUI thread like every call

    @property
    def screens(self) -> list[Screen]:
        return [
            self.loading,
            self.line_screen,
            self.priority,
            self.confirm,
            self.printing,
            self.done,
            self.printer_problem,
            self.error,
        ]

    @property
    def awaiting_ticket(self) -> bool:
        """A ticket call is running and the watchdog has not given up on it."""
        return self._awaiting

    def use_language(self, tr: Tr) -> None:
        self._tr = tr

    def take_number(self) -> None:
        if self.line_screen.lines:
            self._show("line")
        elif self._lines_arrived and not self.refreshing:
            self._show_no_lines()
        else:  # still starting (or a refresh is on its way): wait for the list
            self.refresh_lines()
            self._show("loading")

    @property
    def refreshing(self) -> bool:
        """A requested service list has not come back yet."""
        return self._tasks.running(LINES)

    def refresh_lines(self) -> None:
        """Fetch the service list again, off the GUI thread; a request already on its
        way covers this one too (e.g. many visits home while a hung ticket call holds
        the lane)."""
        self._tasks.add(
            self._queue.lines,
            self._on_lines_loaded,
            self._on_lines_failed,
            policy=Policy.REFUSE_WHILE_BUSY,
            kind=LINES,
        )

    def wait_for_done(self, msecs: int) -> bool:
        return self._tasks.wait_for_done(msecs)

    # -- building -----------------------------------------------------------

    def _build_screens(self) -> None:
        self.loading = LoadingScreen()
        self.line_screen = LineScreen()
        self.priority = PriorityScreen()
        self.confirm = ConfirmScreen()
        self.printing = PrintingScreen()
        self.done = DoneScreen()
        self.printer_problem = PrinterProblemScreen()
        self.error = ErrorScreen()

    def _connect(self) -> None:
        self._stack.screen_changed.connect(self._on_screen_changed)
        self.loading.back.connect(self.home_requested)
        self._loading_timer.timeout.connect(self._on_loading_timed_out)
        self.line_screen.line_chosen.connect(self._on_line_chosen)
        self.line_screen.back.connect(self.home_requested)
        self.priority.priority_chosen.connect(self._on_priority_chosen)
        self.priority.back.connect(lambda: self._show("line"))
        self.confirm.confirmed.connect(self._on_confirmed)
        self.confirm.change.connect(lambda: self._show("priority"))
        self.done.finished.connect(self.finished)
        self._done_timer.timeout.connect(self.finished)
        self._watchdog.timeout.connect(self._on_watchdog)
        self.printer_problem.back_to_start.connect(self.home_requested)
        self.printer_problem.retry.connect(self._on_retry)
        self.error.back_to_start.connect(self.home_requested)

    def _show(self, name: str) -> None:
        self._stack.show_screen(name)

    def _on_screen_changed(self, name: str) -> None:
        """The done and loading screens each run their timer while they show; each
        ticket screen is read aloud as it shows, as the guided path's are."""
        for timer, screen in ((self._done_timer, "done"), (self._loading_timer, "loading")):
            if name == screen:
                timer.start()
            else:
                timer.stop()
        shown = self._stack.current
        if shown in self.screens and isinstance(shown, Spoken):
            self.speak.emit(shown.spoken_text())

    # -- the service list ---------------------------------------------------

    def _on_lines_loaded(self, services: list[QueueLine]) -> None:
        self._lines_arrived = True
        self.line_screen.set_lines(services)
        self.lines_loaded.emit(services)
        if self._stack.current_name == "loading":
            if services:
                self._show("line")
            elif not self.refreshing:
                self._show_no_lines()

    def _on_lines_failed(self, error: Exception) -> None:
        log.warning("could not refresh the service list: %s", type(error).__name__)
        if self._stack.current_name == "loading" and not self.refreshing:
            self._show_no_lines()
        self.lines_failed.emit(error)

    def _on_loading_timed_out(self) -> None:
        if self._stack.current_name == "loading":
            log.warning("the service list did not arrive in time")
            self._show_no_lines()

    def _show_no_lines(self) -> None:
        self.error.show_message(NO_SERVICES)
        self._show("error")

    # -- the ticket ---------------------------------------------------------

    def _on_line_chosen(self, line_code: str) -> None:
        self._line_code = line_code
        self._show("priority")

    def _on_priority_chosen(self, priority: Priority | None) -> None:
        """Say what was chosen before anything prints: a wrong tap is one tap to undo."""
        code = self._line_code
        line = next((line for line in self.line_screen.lines if line.code == code), None)
        if line is None or self._stack.current_name != "priority":
            return  # a late second tap: the confirmation already shows
        self._priority = priority
        self.confirm.show_choice(line, priority)
        self._show(self.confirm.name)

    def _on_confirmed(self) -> None:
        if self._line_code is None or self._stack.current_name != self.confirm.name:
            return  # a late second tap: the first one is already printing
        self._print(self._line_code, self._priority)

    def _on_retry(self) -> None:
        """ "Try again" after a printer problem: the same choice, the same path."""
        choice, self._retry_choice = self._retry_choice, None
        if choice is None or self._stack.current_name != self.printer_problem.name:
            return  # a second tap: the first one is already printing
        self._line_code = choice[0]
        self._print(*choice)

    def _print(self, line_code: str, priority: Priority | None) -> None:
        if self._issue_ticket(line_code, priority):
            self._printing_choice = (line_code, priority)
            self._awaiting = True
            self._watchdog.start()
            self._show("printing")
        else:  # the call the watchdog gave up on still holds the printer
            log.warning("ticket not issued: printer still busy with an earlier ticket")
            self._line_code = None
            self._show_not_responding(NOT_TAKEN)  # a late ticket would be someone else's

    def _issue_ticket(self, line_code: str, priority: Priority | None) -> bool:
        """Start printing a ticket; False (nothing started) while one is printing, so a
        double tap can never issue two tickets."""
        queue, language = self._queue, self._tr.language
        return self._tasks.add(
            lambda: queue.issue_ticket(line_code, priority=priority, language=language),
            self._on_ticket_issued,
            self._on_ticket_failed,
            policy=Policy.REFUSE_WHILE_BUSY,
            kind=TICKET,
        )

    def _on_watchdog(self) -> None:
        if not self._awaiting:
            return
        self._awaiting = False
        self._line_code = None
        log.warning("ticket not answered: printer %s", PrinterProblem.NOT_RESPONDING.value)
        self._show_not_responding(NO_ANSWER)  # their ticket may still come out
        self.printing_timed_out.emit()

    def _show_not_responding(self, advice: str) -> None:
        """No "Try again" here: the printer may still be busy with a ticket."""
        self._retry_choice = None
        self.printer_problem.show_problem(PrinterProblem.NOT_RESPONDING, advice)
        self._show("printer_problem")

    def _is_late(self, result: object) -> bool:
        """True (and logged) for a ticket call the watchdog already gave up on."""
        if self._awaiting:
            self._awaiting = False
            self._watchdog.stop()
            return False
        if isinstance(result, IssuedTicket):
            log.warning("ticket %s printed after the watchdog fired", result.code)
        else:
            log.warning("late ticket call failed: %s", type(result).__name__)
        self.late_result.emit(result)
        return True

    def _on_ticket_issued(self, ticket: IssuedTicket) -> None:
        if self._is_late(ticket):
            return  # the screen may belong to the next person by now
        self._line_code = None
        self.done.show_ticket(ticket)
        self._show("done")
        self.ticket_issued.emit(ticket)

    def _on_ticket_failed(self, error: Exception) -> None:
        if self._is_late(error):
            return
        self._line_code = None
        # The printer answered and no ticket is on its way: the same choice may be
        # tried again, once the paper is in or the cover shut.
        self._retry_choice = self._printing_choice
        if isinstance(error, TicketVoided):
            log.warning("ticket %s voided: printer %s", error.code, error.problem.value)
            self.printer_problem.show_voided(error.problem, error.code, can_retry=True)
            self._show("printer_problem")
        elif isinstance(error, PrinterUnavailable):
            log.warning("ticket not issued: printer %s", error.problem.value)
            self.printer_problem.show_problem(error.problem, can_retry=True)
            self._show("printer_problem")
        else:
            # The type only: a message could carry data we must not log.
            level = logging.WARNING if isinstance(error, KioskError) else logging.ERROR
            log.log(level, "ticket not issued: %s", type(error).__name__)
            self.error.show_error(error)
            self._show("error")
        self.print_failed.emit(error)


def single_shot(seconds: float, parent: QObject) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(max(1, round(seconds * 1000)))
    return timer
