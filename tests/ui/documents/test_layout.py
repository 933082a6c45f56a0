"""The documents screen in the real window on a 1280 x 800 panel, in both palettes: every
button whole, inside the window and clear of the others and of the message; a finished
print told calmly, a problem in the warning's look."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from kiosk.documents.errors import PrintRejected
from tests.ui import test_staff_window as staff_window
from tests.ui.conftest import WindowFactory
from tests.ui.documents.test_screen import CODE, FakeDocuments
from tests.ui.test_screens_ux import assert_whole, laid_out, on_window
from ui.documents.screen import LETTER, LOOKUP, MESSAGE_MAX_CHARS, DocumentsScreen
from ui.theme import palette_for
from ui.window import KioskWindow

# The staff window's fixtures: a shown 1280 x 800 kiosk window with staff and documents.
staff_port = staff_window.staff_port
documents_port = staff_window.documents_port
make_staffed = staff_window.make_staffed
answered = staff_window.answered

PANEL = QRect(0, 0, 1280, 800)
THEMES = pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "contrast"])


def assert_fits_the_panel(window: KioskWindow, page: QWidget) -> None:
    """The window stayed 1280 x 800; every shown button of `page` is whole, inside it and
    clear of every other button and of every shown label."""
    laid_out()
    assert window.size().width() <= PANEL.width() and window.size().height() <= PANEL.height()
    buttons = [b for b in page.findChildren(QPushButton) if b.isVisible()]
    labels = [label for label in page.findChildren(QLabel) if label.isVisible() and label.text()]
    for index, button in enumerate(buttons):
        where = on_window(button)
        assert_whole(button)
        assert PANEL.contains(where), f"{button.objectName()} at {where} is off the panel"
        assert where.width() >= 44 and where.height() >= 44, button.objectName()
        for other in buttons[index + 1 :]:
            assert not where.intersects(on_window(other)), (
                f"{button.objectName()} overlaps {other.objectName()}"
            )
        for label in labels:
            if label.parentWidget() is not button:  # a button's own caption
                assert not where.intersects(on_window(label)), (
                    f"{label.objectName()} covers {button.objectName()}"
                )
    for label in labels:
        assert_whole(label)
        needed = label.heightForWidth(label.width()) if label.wordWrap() else 0
        assert label.height() >= needed, f"{label.objectName()} cut: {label.height()} < {needed}"


def letter_printed(
    qtbot, make: WindowFactory, language: str, high_contrast: bool
) -> tuple[KioskWindow, DocumentsScreen]:
    """A window on the documents screen, after a lookup and a printed letter."""
    window = make()
    window.set_language(language)
    window.set_high_contrast(high_contrast)
    screen = window.page("documents")
    assert isinstance(screen, DocumentsScreen)
    window.show_screen("documents")
    with answered(qtbot, screen, LOOKUP):
        screen.entry.setText(CODE)
        screen.lookup_button.click()
    with answered(qtbot, screen, LETTER):
        screen.letter_button.click()
    return window, screen


def refused(qtbot, screen: DocumentsScreen, port: FakeDocuments, reason: str) -> None:
    """The A4 printer refuses the proof with `reason`; the screen has said so."""
    port.print_error = PrintRejected(reason)
    with qtbot.waitSignal(screen.failed, timeout=5_000):
        screen.proof_button.click()
    screen.message.ensurePolished()


def colour_count(label: QLabel, colour: str) -> int:
    image = label.grab().toImage()
    return sum(
        image.pixelColor(x, y).name() == colour
        for x in range(image.width())
        for y in range(image.height())
    )


@THEMES
@pytest.mark.parametrize("language", ["id", "jv", "en"])
def test_a_printed_letter_and_its_message_fit_the_panel(
    qtbot, make_staffed: WindowFactory, language: str, high_contrast: bool
) -> None:
    window, screen = letter_printed(qtbot, make_staffed, language, high_contrast)
    assert screen.message.isVisible() and screen.letter_button.isVisible()
    assert_fits_the_panel(window, screen)
    # ...with room under the keypad: the message is not squeezed in over a button.
    assert on_window(screen.message).bottom() < on_window(screen.proof_button).top()


@THEMES
def test_printing_with_its_busy_bar_fits_the_panel(
    qtbot, make_staffed: WindowFactory, documents_port: FakeDocuments, high_contrast: bool
) -> None:
    window, screen = letter_printed(qtbot, make_staffed, "id", high_contrast)
    documents_port.gate.clear()  # the A4 printer is slow
    screen.proof_button.click()
    assert screen.progress.isVisible() and screen.message.text()
    assert_fits_the_panel(window, screen)
    assert PANEL.contains(on_window(screen.progress))
    with answered(qtbot, screen, "proof"):
        documents_port.gate.set()


@THEMES
def test_a_printer_reason_of_any_length_keeps_the_buttons_on_the_panel(
    qtbot, make_staffed: WindowFactory, documents_port: FakeDocuments, high_contrast: bool
) -> None:
    window, screen = letter_printed(qtbot, make_staffed, "id", high_contrast)
    refused(qtbot, screen, documents_port, "lp: " + "the printer said no " * 500)
    assert len(screen.message.text()) <= MESSAGE_MAX_CHARS
    assert screen.message.text().endswith("\u2026")
    assert_fits_the_panel(window, screen)


def test_success_is_calm_and_a_problem_is_a_warning(
    qtbot, make_staffed: WindowFactory, documents_port: FakeDocuments
) -> None:
    _, screen = letter_printed(qtbot, make_staffed, "en", False)
    warning = palette_for(False).warning.lower()
    screen.message.ensurePolished()
    assert screen.message.palette().color(QPalette.ColorRole.WindowText).name() != warning
    assert colour_count(screen.message, warning) == 0  # no red text, no red bar
    assert screen.message.text().startswith("\u2713")  # the check mark of a finished print
    refused(qtbot, screen, documents_port, "lp: out of paper")
    assert colour_count(screen.message, warning) > 0  # the same label, now a warning


def test_success_and_a_problem_look_different_in_high_contrast(
    qtbot, make_staffed: WindowFactory, documents_port: FakeDocuments
) -> None:
    """High contrast draws every mark in one yellow: a problem has its bar and bold text,
    a finished print neither, and starts with a check mark."""
    _, screen = letter_printed(qtbot, make_staffed, "en", True)
    screen.message.ensurePolished()
    assert screen.message.contentsRect().left() == 0  # no bar
    assert not screen.message.font().bold()
    refused(qtbot, screen, documents_port, "lp: out of paper")
    assert screen.message.contentsRect().left() > 0  # the warning bar at its left
    assert screen.message.font().bold()
