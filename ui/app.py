"""Start the kiosk screens: the one entry point the composition root calls."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from ui.contracts import QueuePort, UiOptions
from ui.theme import BASE_FONT_PX, FONT_FAMILY
from ui.window import KioskWindow


def run_kiosk(queue: QueuePort, options: UiOptions, argv: list[str]) -> int:
    """Show the kiosk and run the Qt event loop until it quits; returns its exit code."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    font = QFont(FONT_FAMILY)
    font.setPixelSize(BASE_FONT_PX)
    app.setFont(font)
    window = KioskWindow(queue, options)
    app.installEventFilter(window.idle_watcher)
    window.show_kiosk()
    window.refresh_services()  # the queue may still be opening its database: ask again
    try:
        return app.exec()
    finally:
        app.removeEventFilter(window.idle_watcher)
        window.close()  # waits for a ticket still printing
        window.deleteLater()
