"""The start screen: three actions at most, the clearer-screen switch at the top, and no
staff button for a citizen to take (staff hold the office's name, or tap their badge)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.ui import test_staff_window as staff_window
from tests.ui.conftest import WindowFactory
from tests.ui.helpers import hold_office_name
from ui.home_parts import HOLD_MS
from ui.window import KioskWindow

staff_port = staff_window.staff_port
documents_port = staff_window.documents_port
make_staffed = staff_window.make_staffed


@pytest.fixture
def staffed(make_staffed: WindowFactory) -> KioskWindow:
    return make_staffed(language="en")


def test_three_actions_the_languages_and_a_clearer_screen_nothing_else(
    staffed: KioskWindow,
) -> None:
    shown = {b.objectName() for b in staffed.home.findChildren(QPushButton) if b.isVisible()}
    actions = shown - {"high_contrast"} - {n for n in shown if n.startswith("language_")}
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
