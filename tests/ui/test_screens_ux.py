"""Screens as a 1280 x 800 panel shows them: nothing cut off, nothing overlapping, keys
big and even, and every mark readable in both palettes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QRect
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from tests.ui import test_staff_window as staff_window
from tests.ui.conftest import WindowFactory
from tests.ui.fakes import NUMBER
from tests.ui.guided_steps import type_keys
from tests.ui.helpers import hold_office_name, tap
from ui.theme import palette_for
from ui.window import KioskWindow

# The staff window's fixtures: a shown 1280 x 800 kiosk window with staff and documents.
staff_port = staff_window.staff_port
documents_port = staff_window.documents_port
make_staffed = staff_window.make_staffed

PANEL = QRect(0, 0, 1280, 800)
STATUS_CODE = "K7QM2XHN"  # well formed, and stored nowhere


@pytest.fixture
def staffed(make_staffed: WindowFactory) -> KioskWindow:
    return make_staffed()


def laid_out() -> None:
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def on_window(widget: QWidget) -> QRect:
    """Where `widget` is, in its window's coordinates."""
    return QRect(widget.mapTo(widget.window(), widget.rect().topLeft()), widget.size())


def assert_whole(widget: QWidget) -> None:
    """Inside every widget around it, so no part is clipped away."""
    where, parent = QRect(widget.geometry()), widget.parentWidget()
    while parent is not None and not parent.isWindow():
        assert parent.rect().contains(where), f"{widget.objectName()} cut by its parent"
        where.translate(parent.pos())
        parent = parent.parentWidget()


def assert_not_cut(label) -> None:
    needed = label.heightForWidth(label.width()) if label.wordWrap() else -1
    needed = max(needed, label.sizeHint().height())
    assert label.height() >= needed, f"{label.objectName()}: {label.height()} < {needed}"
    assert label.width() >= label.sizeHint().width() or label.wordWrap()


def assert_keys_clear_of_the_buttons(window: KioskWindow, keys, buttons) -> None:
    for symbol, key in keys.items():
        assert_whole(key)
        where = on_window(key)
        assert PANEL.contains(where), f"key {symbol!r} at {where} is off the panel"
        for button in buttons:
            if button.isVisible():
                assert not where.intersects(on_window(button)), f"key {symbol!r} under a button"


def test_the_staff_number_keypad_fits_above_cancel_and_next(qtbot, staffed: KioskWindow) -> None:
    hold_office_name(qtbot, staffed)
    screen = staffed.staff.sign_in if staffed.staff else None
    assert screen is not None
    laid_out()
    assert staffed.size().height() <= 800
    assert_not_cut(screen.title)
    keys = screen.number_entry.keypad.keys
    assert_keys_clear_of_the_buttons(staffed, keys, (screen.cancel_button, screen.next_button))
    assert screen.sizeHint().height() <= 800  # the two-line title, not its one-word minimum


def test_the_pin_circles_are_one_uncut_line_under_a_pin_title(qtbot, staffed: KioskWindow) -> None:
    hold_office_name(qtbot, staffed)
    screen = staffed.staff.sign_in if staffed.staff else None
    assert screen is not None
    title_for_the_number = screen.title.text()
    for digit in NUMBER:
        screen.number_entry.keypad.keys[digit].click()
    screen.next_button.click()
    laid_out()
    assert screen.pin_display.isVisible()
    assert screen.title.text() != title_for_the_number  # no more "tap or type the number"
    display = screen.pin_display
    assert not display.wordWrap()
    assert display.fontMetrics().height() < 100  # not the ticket number's 160 px
    assert_not_cut(display)
    assert PANEL.contains(on_window(display))
    keys = screen.pin_keypad.keys
    assert_keys_clear_of_the_buttons(staffed, keys, (screen.cancel_button, screen.next_button))


def test_the_status_screen_with_a_message_fits_the_panel(qtbot, guided: KioskWindow) -> None:
    tap(qtbot, guided, "check_status")
    screen = guided.page("status_entry")
    type_keys(qtbot, guided, STATUS_CODE)
    screen.set_searching(True)  # the busy bar, as while the lookup runs
    laid_out()
    assert screen.minimumSizeHint().height() <= 800
    with qtbot.waitSignal(guided.guided.status_shown, timeout=5_000):
        screen.set_searching(False)
        tap(qtbot, guided, "check_status")  # a code nobody has: a message says so
    laid_out()
    assert screen.findChild(QLabel, "problems").text()
    assert screen.minimumSizeHint().height() <= 800
    assert screen.heightForWidth(1280) <= 800
    assert guided.height() <= 800  # the window did not grow to make room
    assert_keys_clear_of_the_buttons(guided, screen.keypad.keys, (screen.check_button,))


def test_a_problem_does_not_look_like_a_button_label_in_high_contrast(
    qtbot, guided: KioskWindow
) -> None:
    guided.set_high_contrast(True)
    tap(qtbot, guided, "check_status")
    screen = guided.page("status_entry")
    tap(qtbot, guided, "check_status")  # nothing typed: a problem is shown
    problem = screen.findChild(QLabel, "problems")
    assert problem.text()
    problem.ensurePolished()
    screen.back_button.ensurePolished()
    label_colour = screen.back_button.palette().color(QPalette.ColorRole.ButtonText)
    assert problem.palette().color(QPalette.ColorRole.WindowText) != label_colour
    assert problem.contentsRect().left() > 0  # the bar at its left


def warning_pixels(label: QLabel, warning: str) -> int:
    image = label.grab().toImage()  # one visible label: grab() draws it as shown
    return sum(
        image.pixelColor(x, y).name() == warning
        for x in range(min(12, image.width()))
        for y in range(image.height())
    )


def test_an_empty_message_line_shows_no_warning_bar(qtbot, guided: KioskWindow) -> None:
    tap(qtbot, guided, "check_status")
    screen = guided.page("status_entry")
    laid_out()
    problem = screen.findChild(QLabel, "problems")
    assert problem.isVisible() and problem.text() == ""
    warning = palette_for(False).warning.lower()
    assert warning_pixels(problem, warning) == 0
    screen.show_problem("Kode tidak ditemukan.")
    laid_out()
    assert warning_pixels(problem, warning) > 0  # a message has its bar
