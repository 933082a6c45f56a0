"""The kiosk window: a stack of screens and the flow between them."""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from kiosk.errors import KioskError, PrinterProblem, PrinterUnavailable
from kiosk.queue.types import IssuedTicket, Priority, ServiceInfo
from ui.contracts import QueuePort, ServicesPort, UiOptions
from ui.i18n import Tr, supported
from ui.idle import IdleWatcher
from ui.screens.base import Screen
from ui.screens.done import DoneScreen
from ui.screens.home import HomeScreen
from ui.screens.loading import LoadingScreen
from ui.screens.printing import PrintingScreen
from ui.screens.priority import PriorityScreen
from ui.screens.problem import (
    NO_ANSWER,
    NO_SERVICES,
    NOT_TAKEN,
    ErrorScreen,
    PrinterProblemScreen,
)
from ui.screens.service import ServiceScreen
from ui.theme import palette_for, stylesheet
from ui.voice import Voice
from ui.wizard.flow import GuidedFlow
from ui.worker import QueueWorker

log = logging.getLogger(__name__)

WINDOWED_SIZE = (1280, 800)
STATUS_SCAN_PREFIX = "ANJUNGAN:S:"  # a receipt's QR code (kiosk.submissions.types.Receipt)


class KioskWindow(QMainWindow):
    """Home -> (loading ->) service -> priority -> printing -> done (or a problem screen).

    With `services`, home also leads to the guided services and the status lookup
    (see `ui.wizard.flow`). `voice` reads the guided screens aloud; by default a real
    one, on at the kiosk and off at the counter.
    """

    screen_changed = Signal(str)  # the name of the screen now shown
    ticket_issued = Signal(object)  # IssuedTicket
    print_failed = Signal(object)  # the exception that stopped the ticket
    printing_timed_out = Signal()  # the watchdog gave up waiting for the ticket call
    late_result = Signal(object)  # IssuedTicket or exception that came after the watchdog
    services_loaded = Signal(object)  # list[ServiceInfo], each time a refresh comes back
    language_changed = Signal(str)

    def __init__(
        self,
        queue: QueuePort,
        options: UiOptions,
        services: ServicesPort | None = None,
        voice: Voice | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._options = options
        self._tr = Tr(supported(options.language))
        self._high_contrast = options.high_contrast
        self._service_code: str | None = None
        self._awaiting_ticket = False  # False again once the watchdog gives up on the call
        self._services_arrived = False  # a refresh has come back at least once
        self._worker = QueueWorker(queue, self)
        self.idle_watcher = IdleWatcher(options.idle_timeout_seconds, self)
        self._done_timer = _single_shot(options.done_screen_seconds, self)
        self._loading_timer = _single_shot(options.loading_timeout_seconds, self)
        self._printing_watchdog = _single_shot(options.printing_watchdog_seconds, self)
        self.voice = voice if voice is not None else Voice(options.voice_on, self._tr.language)
        self.voice.setParent(self)
        self.guided = None if services is None else GuidedFlow(services, self.voice, options, self)
        self._build_screens(options.office_name)
        self._connect()
        self.service.set_services(_startup_services(queue))
        self._apply_theme()
        self._retranslate()
        self.idle_watcher.restart()

    # -- public -------------------------------------------------------------

    @property
    def current_screen(self) -> str:
        widget = self._stack.currentWidget()
        return widget.name if isinstance(widget, Screen) else ""

    @property
    def language(self) -> str:
        return self._tr.language

    @property
    def high_contrast(self) -> bool:
        return self._high_contrast

    def page(self, name: str) -> Screen:
        """The screen called `name` (for tests and diagnostics)."""
        return self._screens[name]

    def show_kiosk(self) -> None:
        if self._options.fullscreen:
            self.showFullScreen()
        else:
            self.resize(*WINDOWED_SIZE)
            self.show()

    def set_language(self, language: str) -> None:
        language = supported(language)
        if language != self._tr.language:
            self._tr = Tr(language)
            self._retranslate()
            self.language_changed.emit(language)

    def set_high_contrast(self, on: bool) -> None:
        if on != self._high_contrast:
            self._high_contrast = on
            self._apply_theme()

    def go_home(self) -> None:
        self._go_to("home")
        self.refresh_services()  # a catalogue update shows on the next visit

    def refresh_services(self) -> None:
        """Fetch the service list again, off the GUI thread."""
        self._worker.refresh_services()

    def shutdown(self, msecs: int = 10_000) -> bool:
        """Wait for a ticket or receipt still printing; True when nothing is left running."""
        guided_done = self.guided is None or self.guided.shutdown(msecs)
        self.voice.shutdown()
        return self._worker.wait_for_done(msecs) and guided_done

    @Slot(str)
    def on_code_scanned(self, text: str) -> None:
        """A line from the code scanner (on the GUI thread: connect a queued signal).

        A receipt's QR code opens that application's status, unless someone is in the
        middle of something: a form, a ticket or a receipt printing.
        """
        if self.guided is None or not text.strip().upper().startswith(STATUS_SCAN_PREFIX):
            log.info("scanned code ignored: not a receipt code")
            return
        if self.guided.in_form or self.guided.busy or self._awaiting_ticket:
            log.info("scanned receipt code ignored: the screen is in use")
            return
        self.guided.reset()
        self.guided.open_status(text.strip()[len(STATUS_SCAN_PREFIX) :])

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    # -- building -----------------------------------------------------------

    def _build_screens(self, office_name: str) -> None:
        self._stack = QStackedWidget()
        self.setCentralWidget(self._stack)
        self.home = HomeScreen(office_name, guided=self.guided is not None)
        self.loading = LoadingScreen()
        self.service = ServiceScreen()
        self.priority = PriorityScreen()
        self.printing = PrintingScreen()
        self.done = DoneScreen()
        self.printer_problem = PrinterProblemScreen()
        self.error = ErrorScreen()
        screens: list[Screen] = [
            self.home,
            self.loading,
            self.service,
            self.priority,
            self.printing,
            self.done,
            self.printer_problem,
            self.error,
            *(self.guided.screens if self.guided is not None else []),
        ]
        self._screens: dict[str, Screen] = {screen.name: screen for screen in screens}
        for screen in screens:
            self._stack.addWidget(screen)

    def _connect(self) -> None:
        self.home.take_number.connect(self._on_take_number)
        self.home.language_chosen.connect(self.set_language)
        self.home.high_contrast_toggled.connect(self.set_high_contrast)
        self.loading.back.connect(self.go_home)
        self._loading_timer.timeout.connect(self._on_loading_timed_out)
        self.service.service_chosen.connect(self._on_service_chosen)
        self.service.back.connect(self.go_home)
        self.priority.priority_chosen.connect(self._on_priority_chosen)
        self.priority.back.connect(lambda: self._go_to("service"))
        self.done.finished.connect(self._restart_for_next_person)
        self._done_timer.timeout.connect(self._restart_for_next_person)
        self._printing_watchdog.timeout.connect(self._on_printing_watchdog)
        self.printer_problem.back_to_start.connect(self.go_home)
        self.error.back_to_start.connect(self.go_home)
        self._worker.ticket_issued.connect(self._on_ticket_issued)
        self._worker.ticket_failed.connect(self._on_ticket_failed)
        self._worker.services_loaded.connect(self._on_services_loaded)
        self._worker.services_failed.connect(self._on_services_failed)
        self.idle_watcher.timed_out.connect(self._on_idle)
        if self.guided is not None:
            self._connect_guided(self.guided)

    def _connect_guided(self, guided: GuidedFlow) -> None:
        self.home.guided_services.connect(guided.open_services)
        self.home.check_status.connect(lambda: guided.open_status())
        guided.show_screen.connect(self._go_to)
        guided.home_requested.connect(self._leave_guided)
        guided.finished.connect(self._restart_for_next_person)
        guided.still_there_answered.connect(self.idle_watcher.restart)

    def _apply_theme(self) -> None:
        self.setStyleSheet(stylesheet(palette_for(self._high_contrast)))
        if self.guided is not None:
            self.guided.apply_theme(palette_for(self._high_contrast))
        self.home.show_state(self._tr.language, self._high_contrast)

    def _retranslate(self) -> None:
        for screen in self._screens.values():
            screen.retranslate(self._tr)
        if self.guided is not None:
            self.guided.use_language(self._tr)
        self.voice.set_language(self._tr.language)
        self.home.show_state(self._tr.language, self._high_contrast)
        _ = self._tr
        self.setWindowTitle(_("Queue number"))

    def _go_to(self, name: str) -> None:
        for timer, screen in ((self._done_timer, "done"), (self._loading_timer, "loading")):
            if name == screen:
                timer.start()
            else:
                timer.stop()
        if name != self.current_screen:
            self._stack.setCurrentWidget(self._screens[name])
            self.screen_changed.emit(name)

    # -- the flow -----------------------------------------------------------

    def _on_take_number(self) -> None:
        if self.service.services:
            self._go_to("service")
        elif self._services_arrived and not self._worker.refreshing:
            self._show_no_services()
        else:  # still starting (or a refresh is on its way): wait for the list
            self.refresh_services()
            self._go_to("loading")

    def _on_services_loaded(self, services: list[ServiceInfo]) -> None:
        self._services_arrived = True
        self.service.set_services(services)
        self.services_loaded.emit(services)
        if self.current_screen == "loading":
            if services:
                self._go_to("service")
            elif not self._worker.refreshing:
                self._show_no_services()

    def _on_services_failed(self, _error: Exception) -> None:
        if self.current_screen == "loading" and not self._worker.refreshing:
            self._show_no_services()

    def _on_loading_timed_out(self) -> None:
        if self.current_screen == "loading":
            log.warning("the service list did not arrive in time")
            self._show_no_services()

    def _show_no_services(self) -> None:
        self.error.show_message(NO_SERVICES)
        self._go_to("error")

    def _on_service_chosen(self, service_code: str) -> None:
        self._service_code = service_code
        self._go_to("priority")

    def _on_priority_chosen(self, priority: Priority | None) -> None:
        if self._service_code is None or self.current_screen != "priority":
            return  # a late second tap: the first one is already printing
        if self._worker.issue_ticket(self._service_code, priority, self._tr.language):
            self._awaiting_ticket = True
            self._printing_watchdog.start()
            self._go_to("printing")
        else:  # the call the watchdog gave up on still holds the printer
            log.warning("ticket not issued: printer still busy with an earlier ticket")
            self._service_code = None
            self._show_not_responding(NOT_TAKEN)  # a late ticket would be someone else's

    def _on_printing_watchdog(self) -> None:
        if not self._awaiting_ticket:
            return
        self._awaiting_ticket = False
        self._service_code = None
        log.warning("ticket not answered: printer %s", PrinterProblem.NOT_RESPONDING.value)
        self._show_not_responding(NO_ANSWER)  # their ticket may still come out
        self.printing_timed_out.emit()

    def _show_not_responding(self, advice: str) -> None:
        self.printer_problem.show_problem(PrinterProblem.NOT_RESPONDING, advice)
        self._go_to("printer_problem")

    def _is_late(self, result: object) -> bool:
        """True (and logged) for a ticket call the watchdog already gave up on."""
        if self._awaiting_ticket:
            self._awaiting_ticket = False
            self._printing_watchdog.stop()
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
        self._service_code = None
        self.done.show_ticket(ticket)
        self._go_to("done")
        self.ticket_issued.emit(ticket)

    def _on_ticket_failed(self, error: Exception) -> None:
        if self._is_late(error):
            return
        self._service_code = None
        if isinstance(error, PrinterUnavailable):
            log.warning("ticket not issued: printer %s", error.problem.value)
            self.printer_problem.show_problem(error.problem)
            self._go_to("printer_problem")
        else:
            # The type only: a message could carry data we must not log.
            level = logging.WARNING if isinstance(error, KioskError) else logging.ERROR
            log.log(level, "ticket not issued: %s", type(error).__name__)
            self.error.show_error(error)
            self._go_to("error")
        self.print_failed.emit(error)

    def _leave_guided(self) -> None:
        """Home from a guided screen, keeping the language the person chose."""
        if self.guided is not None:
            self.guided.reset()
        self.go_home()

    def _restart_for_next_person(self) -> None:
        """Back to the start with the office's default language and contrast."""
        if self.guided is not None:
            self.guided.reset()  # an unfinished form is forgotten, never kept
        self.set_language(self._options.language)
        self.set_high_contrast(self._options.high_contrast)
        self.go_home()

    def _on_idle(self) -> None:
        self.idle_watcher.restart()
        if self._awaiting_ticket:
            return  # never leave the printing screen before the printer answers
        if self.guided is not None and (self.guided.busy or self.guided.asking_still_there):
            return  # the receipt is printing, or the countdown is running
        if self.guided is not None and self.guided.in_form:
            self.guided.ask_still_there(self.current_screen)
            return
        at_rest = (
            self.current_screen == "home"
            and self.language == supported(self._options.language)
            and self.high_contrast == self._options.high_contrast
        )
        if not at_rest:
            self._restart_for_next_person()


def _single_shot(seconds: float, parent: QWidget) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(max(1, round(seconds * 1000)))
    return timer


def _startup_services(queue: QueuePort) -> list[ServiceInfo]:
    """The service list once, before the window shows; later refreshes run off the GUI thread."""
    try:
        return queue.services()
    except Exception as error:  # the kiosk still starts; the list is fetched again at home
        log.error("could not load the service list: %s", type(error).__name__)
        return []
