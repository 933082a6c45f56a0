"""Start the kiosk screens: the one entry point the composition root calls."""

from __future__ import annotations

import locale
import logging
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from ui.contracts import ApplicationsPort, QueuePort, SyncPort, UiOptions
from ui.counter.contracts import CounterParts
from ui.documents.contracts import DocumentsPort
from ui.staff.contracts import StaffPort
from ui.staff.reports import ReportsPort
from ui.theme import BASE_FONT_PX, FONT_FAMILY
from ui.window import KioskWindow

if TYPE_CHECKING:
    from ui.voice import VoiceProblem

log = logging.getLogger(__name__)

VIRTUAL_KEYBOARD = "qtvirtualkeyboard"
# Qt's on-screen keyboard starts in the system locale's layout (it has id_ID), else in
# British English; it has no setting of its own for widgets (VirtualKeyboardSettings is
# QML's), and LC_MESSAGES is the narrowest variable Qt takes the system locale from.
KEYBOARD_LOCALE = "id_ID.UTF-8"

Deliver = Callable[[str], None]  # hands one code or card tag over; safe from any thread
StartReader = Callable[[Deliver], object]  # starts a reader; may return it (with stop())
StartScanner = StartReader  # the name run_kiosk's callers know
# Starts the voice check on a thread of its own; it hands a VoiceProblem, or None when the
# voice can speak, to the callable it is given; may return the check (with stop()).
StartVoiceCheck = Callable[[Callable[["VoiceProblem | None"], None]], object]
# The check starts a speech server: not while the start screen, the database and the later
# screens are being made (start-up stays as quick as without it).
VOICE_CHECK_DELAY_MS = 3_000


class ReaderRelay(QObject):
    """Carries texts (codes, card tags) from a reader's thread to the GUI thread."""

    received = Signal(str)

    def __init__(self, slot: Deliver, parent: QObject) -> None:
        super().__init__(parent)
        self.received.connect(slot, Qt.ConnectionType.QueuedConnection)

    def deliver(self, text: str) -> None:
        self.received.emit(text)  # queued: the slot runs on the GUI thread


class VoiceCheckRelay(QObject):
    """Carries the voice check's answer from its thread to the GUI thread."""

    answered = Signal(object)  # a VoiceProblem, or None

    def __init__(self, window: KioskWindow) -> None:
        super().__init__(window)
        self._window = window
        self.answered.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def deliver(self, problem: VoiceProblem | None) -> None:
        self.answered.emit(problem)

    def _show(self, problem: VoiceProblem | None) -> None:
        """A problem goes on the staff menu, where clerks see it and citizens do not."""
        staff = self._window.staff if problem is not None else None
        if staff is not None and problem is not None:
            staff.menu.show_voice_problem(problem)


def _start_voice_check(start: StartVoiceCheck, window: KioskWindow) -> object:
    """The voice check started; None when it cannot start (the log says why)."""
    try:
        return start(VoiceCheckRelay(window).deliver)
    except Exception as error:  # a check must never keep the kiosk from serving
        log.error("the voice check could not start: %s: %s", type(error).__name__, error)
        return None


def _start(start_reader: StartReader | None, slot: Deliver, window: KioskWindow) -> object:
    """The reader started with a relay to `slot`, or None without one (or when it cannot
    start: the kiosk keeps serving by touch, and the log says why for the technician)."""
    if start_reader is None:
        return None
    try:
        return start_reader(ReaderRelay(slot, window).deliver)
    except Exception as error:  # a wrong port in the settings must not stop the kiosk
        log.error("a reader could not start: %s: %s", type(error).__name__, error)
        return None


def _stop(reader: object) -> None:
    """Stop `reader` if it can be; a failure is logged (its type only: the message may
    quote what was read) and never keeps the other readers or the window from closing."""
    stop = getattr(reader, "stop", None)
    if not callable(stop):
        return
    try:
        stop()
    except Exception as error:
        log.error("a reader could not stop: %s", type(error).__name__)


def prepare_environment(options: UiOptions) -> None:
    """Call before the QApplication exists: at the kiosk (a touch screen without a
    keyboard) text questions open Qt's on-screen keyboard; the counter has a real one."""
    if options.role == "kiosk":
        os.environ.setdefault("QT_IM_MODULE", VIRTUAL_KEYBOARD)
        # The keyboard's layout in Indonesian (its space bar says so). LC_MESSAGES set
        # for the machine is left as it is (LC_ALL, when set, overrides it anyway). Only
        # where the system has that locale: the speech-dispatcher the voice starts
        # inherits the variable, and refuses to start on a locale the system lacks.
        if "LC_MESSAGES" not in os.environ:
            if locale_installed(KEYBOARD_LOCALE):
                os.environ["LC_MESSAGES"] = KEYBOARD_LOCALE
            else:
                log.info(
                    "locale %s is not installed: the on-screen keyboard starts in its "
                    "default layout (locale-gen %s adds it)",
                    KEYBOARD_LOCALE,
                    KEYBOARD_LOCALE,
                )


def locale_installed(name: str) -> bool:
    """Whether the C library can use locale `name` (as a child process would)."""
    previous = locale.setlocale(locale.LC_MESSAGES)
    try:
        locale.setlocale(locale.LC_MESSAGES, name)
    except locale.Error:
        return False
    finally:
        locale.setlocale(locale.LC_MESSAGES, previous)
    return True


def run_kiosk(
    queue: QueuePort,
    options: UiOptions,
    argv: list[str],
    services: ApplicationsPort | None = None,
    start_scanner: StartReader | None = None,
    start_card_reader: StartReader | None = None,
    staff: StaffPort | None = None,
    documents: DocumentsPort | None = None,
    start_voice_check: StartVoiceCheck | None = None,
    sync: SyncPort | None = None,
    counter: CounterParts | None = None,
    reports: ReportsPort | None = None,
) -> int:
    """Show the kiosk and run the Qt event loop until it quits; returns its exit code.

    `counter` (a counter PC only): the loket's parts; a clerk's sign-in opens the loket.

    `start_scanner` and `start_card_reader` are each called once with a thread-safe
    `deliver(text)`: codes go to `KioskWindow.on_code_scanned` (a receipt QR opens that
    application's status), card tags to `KioskWindow.on_card_tapped`.
    `start_voice_check` is called once, VOICE_CHECK_DELAY_MS after the start screen is
    up, with a thread-safe `deliver(problem)`: a problem shows on the staff menu.
    """
    existing = QApplication.instance()
    if not isinstance(existing, QApplication):
        prepare_environment(options)  # too late once an application exists
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    font, previous_font = QFont(FONT_FAMILY), app.font()
    font.setPixelSize(BASE_FONT_PX)
    app.setFont(font)
    window = KioskWindow(
        queue,
        options,
        services,
        staff=staff,
        documents=documents,
        sync=sync,
        counter=counter,
        reports=reports,
    )
    if window.sync_watch is not None:
        window.sync_watch.refresh()
    readers: list[object] = []

    def start_readers() -> None:  # once the start screen is up: opening ports takes a while
        readers.append(_start(start_scanner, window.on_code_scanned, window))
        readers.append(_start(start_card_reader, window.on_card_tapped, window))

    starter = QTimer(window)  # stopped below: no reader may start after the run
    starter.setSingleShot(True)
    starter.timeout.connect(start_readers)
    starter.start(0)
    checker = QTimer(window)  # stopped below, as the starter
    checker.setSingleShot(True)
    if start_voice_check is not None:
        check = start_voice_check
        checker.timeout.connect(lambda: readers.append(_start_voice_check(check, window)))
        checker.start(VOICE_CHECK_DELAY_MS)
    app.installEventFilter(window.idle_watcher)
    window.show_kiosk()
    window.refresh_lines()  # the queue may still be opening its database: ask again
    try:
        return app.exec()
    finally:
        starter.stop()
        checker.stop()
        for reader in readers:  # and the voice check, which ends its speech server
            _stop(reader)
        app.removeEventFilter(window.idle_watcher)
        window.close()  # waits for a ticket still printing
        window.deleteLater()
        app.setFont(previous_font)  # the application may host other windows afterwards
