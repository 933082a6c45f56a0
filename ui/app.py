"""Start the kiosk screens: the one entry point the composition root calls."""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from ui.contracts import QueuePort, ServicesPort, UiOptions
from ui.theme import BASE_FONT_PX, FONT_FAMILY
from ui.window import KioskWindow

VIRTUAL_KEYBOARD = "qtvirtualkeyboard"

Deliver = Callable[[str], None]  # hands one scanned code over; safe from any thread
StartScanner = Callable[[Deliver], object]  # starts a reader; may return it (with stop())


class ScanRelay(QObject):
    """Carries codes from a reader's thread to the window on the GUI thread."""

    scanned = Signal(str)

    def deliver(self, text: str) -> None:
        self.scanned.emit(text)  # queued: the window's slot runs on the GUI thread


def prepare_environment(options: UiOptions) -> None:
    """Call before the QApplication exists: at the kiosk (a touch screen without a
    keyboard) text questions open Qt's on-screen keyboard; the counter has a real one."""
    if options.role == "kiosk":
        os.environ.setdefault("QT_IM_MODULE", VIRTUAL_KEYBOARD)


def run_kiosk(
    queue: QueuePort,
    options: UiOptions,
    argv: list[str],
    services: ServicesPort | None = None,
    start_scanner: StartScanner | None = None,
) -> int:
    """Show the kiosk and run the Qt event loop until it quits; returns its exit code.

    `start_scanner` is called once with a thread-safe `deliver(text)`; each receipt QR
    it delivers opens that application's status.
    """
    existing = QApplication.instance()
    if not isinstance(existing, QApplication):
        prepare_environment(options)  # too late once an application exists
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    font = QFont(FONT_FAMILY)
    font.setPixelSize(BASE_FONT_PX)
    app.setFont(font)
    window = KioskWindow(queue, options, services)
    relay = ScanRelay(window)
    relay.scanned.connect(window.on_code_scanned, Qt.ConnectionType.QueuedConnection)
    scanner = start_scanner(relay.deliver) if start_scanner is not None else None
    app.installEventFilter(window.idle_watcher)
    window.show_kiosk()
    window.refresh_services()  # the queue may still be opening its database: ask again
    try:
        return app.exec()
    finally:
        stop = getattr(scanner, "stop", None)
        if callable(stop):
            stop()
        app.removeEventFilter(window.idle_watcher)
        window.close()  # waits for a ticket still printing
        window.deleteLater()
