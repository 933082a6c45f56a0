"""Big enough to touch and to read, in both palettes, measured on the shown widgets."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from kiosk.errors import PrinterProblem, PrinterUnavailable
from tests.ui.helpers import tap, tap_until_printing
from ui.theme import HIGH_CONTRAST, NORMAL, stylesheet

MIN_TOUCH_PX = 72
MIN_TEXT_PX = 24
MIN_NUMBER_PX = 96


def font_px(widget: QWidget) -> int:
    widget.ensurePolished()
    return QFontInfo(widget.font()).pixelSize()


def check_screen(window) -> None:
    page = window.page(window.current_screen)
    buttons = [b for b in page.findChildren(QPushButton) if b.isVisible()]
    labels = [label for label in page.findChildren(QLabel) if label.isVisible() and label.text()]
    assert buttons or window.current_screen == "printing"
    for button in buttons:
        assert button.height() >= MIN_TOUCH_PX, (window.current_screen, button.objectName())
        if button.text():
            assert font_px(button) >= MIN_TEXT_PX, button.objectName()
    for label in labels:
        assert font_px(label) >= MIN_TEXT_PX, (window.current_screen, label.text())


def visit_every_screen(qtbot, window, fake_queue):
    """Yield on each screen in turn, reaching it through the real buttons."""
    yield  # home
    tap(qtbot, window, "take_number")
    yield  # service
    tap(qtbot, window, "service_A")
    yield  # priority
    gate = fake_queue.hold()
    tap(qtbot, window, "priority_none")
    yield  # printing
    with qtbot.waitSignal(window.ticket_issued, timeout=5_000):
        gate.set()
    yield  # done
    tap(qtbot, window, "finish")
    fake_queue.gate = None
    fake_queue.fail_with = PrinterUnavailable(PrinterProblem.COVER_OPEN)
    with qtbot.waitSignal(window.print_failed, timeout=5_000):
        tap_until_printing(qtbot, window, "A", "none")
    yield  # printer_problem
    tap(qtbot, window, "back_to_start")
    fake_queue.fail_with = RuntimeError("boom")
    with qtbot.waitSignal(window.print_failed, timeout=5_000):
        tap_until_printing(qtbot, window, "A", "none")
    yield  # error


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_every_screen_has_big_targets_and_big_text(qtbot, window, fake_queue, high_contrast):
    window.set_high_contrast(high_contrast)
    seen = []
    for _ in visit_every_screen(qtbot, window, fake_queue):
        seen.append(window.current_screen)
        check_screen(window)
    assert seen == [
        "home",
        "service",
        "priority",
        "printing",
        "done",
        "printer_problem",
        "error",
    ]


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_the_loading_screen_has_big_targets_and_big_text(
    qtbot, make_window, fake_queue, high_contrast
):
    fake_queue.hold_services()
    window = make_window(high_contrast=high_contrast)
    tap(qtbot, window, "take_number")
    assert window.current_screen == "loading"
    check_screen(window)


def test_the_ticket_number_is_very_large(qtbot, window):
    with qtbot.waitSignal(window.ticket_issued, timeout=5_000):
        tap_until_printing(qtbot, window, "B", "none")
    number = window.page("done").findChild(QLabel, "ticket_number")
    assert font_px(number) >= MIN_NUMBER_PX
    assert number.height() >= MIN_NUMBER_PX


def test_the_contrast_button_switches_the_palette_at_run_time(qtbot, window):
    assert window.styleSheet() == stylesheet(NORMAL)
    tap(qtbot, window, "high_contrast")
    assert window.high_contrast
    assert window.styleSheet() == stylesheet(HIGH_CONTRAST)
    assert "#FFFF00" in window.styleSheet()
    tap(qtbot, window, "high_contrast")
    assert window.styleSheet() == stylesheet(NORMAL)
