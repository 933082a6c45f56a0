"""Hosting more screens: register, show, route scanned codes and card taps, forget."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from ui.base.screen import Screen
from ui.base.stack import ScreenStack
from ui.i18n import Tr
from ui.theme import Palette


class BadgeScreen(Screen):
    """A stand-in for a staff screen: takes card taps, and codes starting with STAFF:."""

    name = "badge"

    def __init__(self) -> None:
        super().__init__()
        self.title = QLabel()
        self.column.addWidget(self.title)
        self.cards: list[str] = []
        self.codes: list[str] = []
        self.forgotten = 0

    def retranslate(self, _: Tr) -> None:
        self.title.setText(_("Back"))

    def take_code(self, text: str) -> bool:
        if not text.startswith("STAFF:"):
            return False
        self.codes.append(text)
        return True

    def take_card(self, tag: str) -> bool:
        self.cards.append(tag)
        return True

    def forget(self) -> None:
        self.forgotten += 1
        self.cards.clear()


def badge_sheet(palette: Palette) -> str:
    return f"QLabel {{ color: {palette.warning}; }}"


def test_an_added_screen_is_translated_styled_and_shown(qtbot, window) -> None:
    badge = BadgeScreen()
    window.add_screen(badge, badge_sheet)
    assert badge.title.text() == "Kembali"
    with qtbot.waitSignal(window.screen_changed) as changed:
        window.show_screen("badge")
    assert changed.args == ["badge"] and window.page("badge") is badge
    window.set_language("en")
    assert badge.title.text() == "Back"
    plain = badge.styleSheet()
    window.set_high_contrast(True)
    assert badge.styleSheet() != plain and "color" in badge.styleSheet()


def test_a_card_tap_goes_to_the_screen_shown_else_out_as_unclaimed(qtbot, window) -> None:
    badge = BadgeScreen()
    window.add_screen(badge)
    with qtbot.waitSignal(window.card_unclaimed) as unclaimed:
        window.on_card_tapped("0A1B2C3D4E")  # at home: no screen takes it
    assert unclaimed.args == ["0A1B2C3D4E"] and badge.cards == []
    window.show_screen("badge")
    with qtbot.assertNotEmitted(window.card_unclaimed):
        window.on_card_tapped("0A1B2C3D4E")
    assert badge.cards == ["0A1B2C3D4E"]


def test_a_scanned_code_goes_to_the_screen_shown_first(qtbot, window) -> None:
    badge = BadgeScreen()
    window.add_screen(badge)
    window.show_screen("badge")
    window.on_code_scanned("STAFF:42")
    window.on_code_scanned("ANJUNGAN:S:XYZ")  # not the screen's: no guided services here
    assert badge.codes == ["STAFF:42"] and window.current_screen == "badge"


def test_every_screen_forgets_when_the_kiosk_restarts_for_the_next_person(qtbot, window) -> None:
    badge = BadgeScreen()
    window.add_screen(badge)
    window.show_screen("badge")
    window.on_card_tapped("0A1B2C3D4E")
    with qtbot.waitSignal(window.screen_changed) as changed:
        window.idle_watcher.timed_out.emit()
    assert changed.args == ["home"] and badge.forgotten == 1 and badge.cards == []


def test_two_screens_never_share_a_name(qtbot) -> None:
    stack = ScreenStack()
    qtbot.addWidget(stack)
    stack.add(BadgeScreen())
    with pytest.raises(ValueError, match="badge"):
        stack.add(BadgeScreen())


class CountingScreen(Screen):
    """A screen whose wrapped text counts the heights it is asked for."""

    name = "counting"

    def __init__(self) -> None:
        super().__init__()
        self.asked = 0
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        self.asked += 1
        return 100

    def retranslate(self, _: Tr) -> None:
        pass


def test_the_stack_size_hint_never_measures_every_screen_at_a_new_width(qtbot) -> None:
    # QStackedWidget's own hint asks every screen its height for the hint's width, at
    # each relayout of the window: it cost most of a question's change (benchmarks).
    stack = ScreenStack()
    qtbot.addWidget(stack)
    screen = CountingScreen()
    stack.add(screen)
    label = QLabel("Nomor Induk Kependudukan")
    screen.column.addWidget(label)
    hint = stack.sizeHint()
    assert screen.asked == 0
    assert hint.width() >= label.sizeHint().width()
