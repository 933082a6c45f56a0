"""run_kiosk: shows the window, watches for idleness, and returns the loop's exit code."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from ui.app import run_kiosk
from ui.window import KioskWindow


def test_run_kiosk_shows_the_window_and_returns_the_exit_code(qapp, fake_queue, options):
    seen: list[tuple[bool, str, int]] = []

    def look_then_quit() -> None:
        try:
            for widget in qapp.topLevelWidgets():
                if isinstance(widget, KioskWindow):
                    seen.append((widget.isVisible(), widget.current_screen, widget.width()))
        finally:
            qapp.exit(3)

    QTimer.singleShot(0, look_then_quit)
    assert run_kiosk(fake_queue, options, ["kiosk"]) == 3
    assert seen == [(True, "home", 1280)]
