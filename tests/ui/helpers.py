"""Tapping the real buttons of the kiosk window, as a finger would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from ui.home_parts import HOLD_MS
from ui.window import KioskWindow


def button(window: KioskWindow, object_name: str) -> QPushButton:
    """The button called `object_name` on the screen now shown."""
    page = window.page(window.current_screen)
    found = page.findChild(QPushButton, object_name)
    assert found is not None, f"no button {object_name!r} on {window.current_screen!r}"
    assert found.isVisible(), f"button {object_name!r} is hidden"
    return found


def tap(qtbot, window: KioskWindow, object_name: str) -> None:
    """A finger's tap. A disabled button ignores it without a word, so a tap that comes
    before a background call's answer has enabled the button again fails here, by name, rather
    than later, somewhere else: wait on the answer's signal before tapping."""
    found = button(window, object_name)
    assert found.isEnabled(), f"button {object_name!r} is disabled"
    qtbot.mouseClick(found, Qt.MouseButton.LeftButton)


def hold_office_name(qtbot, window: KioskWindow) -> None:
    """Staff without their badge: press the office's name and hold it (ui.home_parts)."""
    office = window.home.office
    qtbot.mousePress(office, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_screen == "staff_sign_in", timeout=HOLD_MS + 3_000)
    qtbot.mouseRelease(office, Qt.MouseButton.LeftButton)


def text(window: KioskWindow, object_name: str) -> str:
    """The text of the label called `object_name` on the screen now shown."""
    label = window.page(window.current_screen).findChild(QLabel, object_name)
    assert label is not None, f"no label {object_name!r} on {window.current_screen!r}"
    return label.text() if label.isVisible() else ""


def wait_for_start_up_lines(qtbot, window: KioskWindow) -> None:
    """The line list a window asks for as it starts comes off the GUI thread: a test
    that taps "take a number" at once waits for it first, as a person's finger does."""
    qtbot.waitUntil(lambda: not window.tickets.refreshing, timeout=5_000)


def tap_until_printing(qtbot, window: KioskWindow, service: str, priority: str) -> None:
    """Home -> service -> priority -> "Print my number"; the last tap starts the ticket."""
    tap(qtbot, window, "take_number")
    assert window.current_screen == "line"
    tap(qtbot, window, f"line_{service}")
    assert window.current_screen == "priority"
    tap(qtbot, window, f"priority_{priority}")
    assert window.current_screen == "ticket_confirm"
    tap(qtbot, window, "print_ticket")
