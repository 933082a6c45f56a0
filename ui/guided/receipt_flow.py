"""The consented form stored and its receipt printed: the finishing screen, then the
proof (`SubmittedScreen`) or the problem (`ApplicationProblemScreen`)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.applications.errors import ReceiptNotPrinted
from kiosk.applications.types import Receipt
from kiosk.wizard import Wizard
from ui.contracts import ApplicationsPort
from ui.guided.finishing import FinishingScreen
from ui.guided.problem import NOT_SAVED, ApplicationProblemScreen
from ui.guided.submitted import SubmittedScreen
from ui.tasks import Policy, Tasks
from ui.voice import Voice

log = logging.getLogger(__name__)

FINALISE = "finalise"  # the kind of call storing and printing is


class ReceiptFlow(QObject):
    """Stores one wizard's form once and prints its receipt, off the GUI thread."""

    show_screen = Signal(str)
    stored = Signal()  # the form is in: its answers may leave the form's memory
    closed = Signal()  # the proof was closed
    submitted = Signal(object)  # Receipt (printed or not)
    finalise_failed = Signal(object)  # the exception; nothing was stored

    def __init__(
        self,
        services: ApplicationsPort,
        tasks: Tasks,
        voice: Voice,
        parent: QObject,
        slow_seconds: float,
    ) -> None:
        """`slow_seconds`: after that long, the finishing screen says it is taking long."""
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self._voice = voice
        self._wizard: Wizard | None = None  # the form being stored
        # Stored, its receipt not printed: kept (answers and all, in memory only) so
        # that "Coba lagi" prints through the same finalise, which stores nothing twice.
        self._held: Wizard | None = None
        self.finishing = FinishingScreen()
        self.done = SubmittedScreen()
        self.problem = ApplicationProblemScreen()
        self._slow_timer = QTimer(self)
        self._slow_timer.setSingleShot(True)
        self._slow_timer.setInterval(max(1, round(slow_seconds * 1000)))
        self._slow_timer.timeout.connect(lambda: self.finishing.set_slow(True))
        self.done.finished.connect(self._close)
        self.done.print_again.connect(self._print_again)
        self.problem.retry.connect(self._finalise)

    @property
    def finalising(self) -> bool:
        """The application is being stored and printed."""
        return self._tasks.running(FINALISE)

    @property
    def holding_code(self) -> bool:
        """A code whose receipt did not print is on screen: it stays until dismissed."""
        return self._held is not None

    def finalise(self, wizard: Wizard) -> None:
        """Store and print `wizard`'s consented form; the finishing screen meanwhile."""
        self._wizard = wizard
        self._finalise()

    def forget(self) -> None:
        """The form was wiped: nothing is left to try again."""
        self._wizard = None
        self._release()

    def _close(self) -> None:
        """ "Selesai": the code was taken or written down; the next person may come."""
        self._release()
        self.closed.emit()

    def _release(self) -> None:
        if self._held is not None:
            self._held.wipe()
            self._held = None

    def _print_again(self) -> None:
        """ "Coba lagi" on the done screen: the same finalise prints the stored form's
        receipt again (ApplicationsPort.finalise stores a form once)."""
        held, services = self._held, self._services
        if held is None:
            return
        started = self._tasks.add(
            lambda: services.finalise(held),
            self._on_finalised,
            self._on_finalise_failed,
            policy=Policy.REFUSE_WHILE_BUSY,
            kind=FINALISE,
        )
        if started:
            self.done.set_printing()

    def _finalise(self) -> None:
        if self._wizard is None or not self._start_finalise(self._wizard):
            return  # a double tap: the first call is running
        self.finishing.set_slow(False)
        self._slow_timer.start()
        self.show_screen.emit(self.finishing.name)
        self._voice.say(self.finishing.message.text())

    def _start_finalise(self, wizard: Wizard) -> bool:
        """False (nothing started) while a finalise runs, so a double tap stores one
        application."""
        services = self._services
        return self._tasks.add(
            lambda: services.finalise(wizard),
            self._on_finalised,
            self._on_finalise_failed,
            policy=Policy.REFUSE_WHILE_BUSY,
            kind=FINALISE,
        )

    def _on_finalised(self, receipt: Receipt) -> None:
        self._release()
        self._finish(receipt, printed=True)

    def _on_finalise_failed(self, error: Exception) -> None:
        log.warning("finalise call failed: %s", type(error).__name__)
        if isinstance(error, ReceiptNotPrinted):  # stored; only the receipt did not print
            log.warning("receipt not printed: printer %s", error.problem.value)
            self._finish(error.receipt, printed=False)
            return
        self._slow_timer.stop()
        self.problem.show_message(NOT_SAVED, can_retry=self._wizard is not None)
        self.show_screen.emit(self.problem.name)
        self._voice.say(self.problem.spoken_text())
        self.finalise_failed.emit(error)

    def _finish(self, receipt: Receipt, printed: bool) -> None:
        self._slow_timer.stop()
        wizard, self._wizard = self._wizard, None
        line = wizard.definition.queue_service if wizard is not None else ""
        if wizard is not None and printed:
            wizard.wipe()  # stored and printed: the answers leave the screen's memory
        elif wizard is not None:
            self._held = wizard  # for "Coba lagi"; wiped when the code is dismissed
        self.stored.emit()
        self.done.show_receipt(receipt, printed, line)
        self.show_screen.emit(self.done.name)
        self._voice.say(self.done.spoken_text())
        self.submitted.emit(receipt)
