"""The start screen: three actions at most, the clearer-screen switch at the top, and no
staff button for a citizen to take (staff hold the office's name, or tap their badge)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from tests.ui import test_staff_window as staff_window
from tests.ui.conftest import WindowFactory
from tests.ui.guided_steps import open_service
from tests.ui.helpers import hold_office_name, tap
from ui.home_parts import HOLD_MS
from ui.theme import LARGER_TEXT_SCALE, TITLE_FONT_PX
from ui.window import KioskWindow

staff_port = staff_window.staff_port
documents_port = staff_window.documents_port
make_staffed = staff_window.make_staffed


@pytest.fixture
def staffed(make_staffed: WindowFactory) -> KioskWindow:
    return make_staffed(language="en")


def test_three_actions_the_languages_and_two_switches_nothing_else(
    staffed: KioskWindow,
) -> None:
    shown = {b.objectName() for b in staffed.home.findChildren(QPushButton) if b.isVisible()}
    switches = {"high_contrast", "larger_text"}
    actions = shown - switches - {n for n in shown if n.startswith("language_")}
    assert actions == {"take_number", "guided_services", "check_status"}
    assert "staff" not in shown


def test_the_clearer_screen_switch_is_at_the_top_with_a_picture(staffed: KioskWindow) -> None:
    switch = staffed.home.contrast_button
    assert switch.text() == "Clearer screen"
    assert not switch.icon().isNull()
    top = switch.mapTo(staffed, switch.rect().bottomLeft()).y()
    assert top < staffed.home.take_number_button.mapTo(staffed, staffed.rect().topLeft()).y()
    switch.click()
    assert staffed.home.contrast_button.isChecked()


def test_holding_the_office_name_opens_the_staff_sign_in(qtbot, staffed: KioskWindow) -> None:
    hold_office_name(qtbot, staffed)
    assert staffed.current_screen == "staff_sign_in"


def test_a_short_press_on_the_office_name_does_nothing(qtbot, staffed: KioskWindow) -> None:
    office = staffed.home.office
    qtbot.mousePress(office, Qt.MouseButton.LeftButton)
    qtbot.wait(HOLD_MS // 3)
    qtbot.mouseRelease(office, Qt.MouseButton.LeftButton)
    qtbot.wait(HOLD_MS)
    assert staffed.current_screen == "home"


def test_without_staff_sign_in_holding_the_name_does_nothing(
    qtbot, make_window: WindowFactory
) -> None:
    window = make_window()
    assert window.home.staff_hold is None
    qtbot.mousePress(window.home.office, Qt.MouseButton.LeftButton)
    qtbot.wait(HOLD_MS + 300)
    assert window.current_screen == "home"


def font_px(widget: QWidget) -> int:
    widget.ensurePolished()
    return QFontInfo(widget.font()).pixelSize()


def test_larger_text_sits_under_the_clearer_screen_with_a_picture(staffed: KioskWindow) -> None:
    larger, clearer = staffed.home.larger_text_button, staffed.home.contrast_button
    assert larger.text() == "Larger text"
    assert not larger.icon().isNull()
    assert larger.x() == clearer.x() and larger.width() == clearer.width()  # one column
    assert clearer.geometry().bottom() < larger.y()  # apart
    assert larger.y() < staffed.home.welcome.y()  # at the top, above everything else
    assert larger.height() >= 72


def test_larger_text_makes_every_citizen_screen_larger_until_the_next_person(
    qtbot, guided: KioskWindow
) -> None:
    home = guided.home
    before = font_px(home.welcome), font_px(home.take_number_button)
    tap(qtbot, guided, "larger_text")
    assert guided.larger_text and home.larger_text_button.isChecked()
    after = font_px(home.welcome), font_px(home.take_number_button)
    assert after == (round(before[0] * LARGER_TEXT_SCALE), min(56, round(before[1] * 1.25)))
    open_service(qtbot, guided, "surat-keterangan-domisili")  # the guided sheets grow too
    question = guided.page("question").findChild(QLabel, "question")
    assert question is not None and font_px(question) > TITLE_FONT_PX
    guided.restart_for_next_person()
    assert not guided.larger_text and not home.larger_text_button.isChecked()
    assert (font_px(home.welcome), font_px(home.take_number_button)) == before
    assert font_px(question) == TITLE_FONT_PX


def test_larger_text_ends_when_the_kiosk_is_left_alone(qtbot, make_window) -> None:
    window = make_window(idle_timeout_seconds=0.2)
    tap(qtbot, window, "larger_text")
    assert window.larger_text and window.current_screen == "home"
    qtbot.waitUntil(lambda: not window.larger_text, timeout=3_000)  # home, yet not at rest
    assert not window.home.larger_text_button.isChecked()


def test_larger_text_and_high_contrast_go_together(qtbot, make_window) -> None:
    window = make_window()
    tap(qtbot, window, "larger_text")
    tap(qtbot, window, "high_contrast")
    assert window.larger_text and window.high_contrast
    assert window.home.larger_text_button.isChecked()  # the contrast redraw keeps it
    tap(qtbot, window, "larger_text")
    assert not window.larger_text and window.high_contrast
