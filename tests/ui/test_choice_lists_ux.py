"""Choice lists as a finger meets them: every option shown when there is room, a chosen
option marked with a check, and lists that scroll by a drag of the mouse as well as by
touch (many kiosk panels send mouse events)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect
from PySide6.QtWidgets import QApplication, QScrollArea, QVBoxLayout, QWidget

from kiosk.wizard import ChoiceView
from tests.ui.guided import MAX_STEPS, current_step, give_valid_answer, next_step, open_service
from ui.window import KioskWindow
from ui.wizard.choices import ChoiceList

DOMISILI = "surat-keterangan-domisili"


def walk_to(qtbot, window: KioskWindow, service_id: str, step_name: str) -> None:
    open_service(qtbot, window, service_id)
    for _ in range(MAX_STEPS):
        step = current_step(window)
        if step.name == step_name:
            return
        give_valid_answer(qtbot, window, step)
        next_step(qtbot, window, step)
    raise AssertionError(f"no step {step_name!r}")


def shown_choice_list(window: KioskWindow) -> ChoiceList:
    lists = [c for c in window.page("question").findChildren(ChoiceList) if c.isVisible()]
    assert len(lists) == 1
    return lists[0]


def test_a_reused_choice_list_shows_every_option_of_the_next_question(qtbot, guided):
    walk_to(qtbot, guided, DOMISILI, "keperluan")
    # What Qt does before it paints: the pending layouts first.
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    choices = shown_choice_list(guided)
    scroll = choices.findChild(QScrollArea)
    viewport = scroll.viewport()
    seen = QRect(QPoint(0, 0), viewport.size())
    step = current_step(guided)
    assert len(choices.buttons) == len(step.choices) == 5
    for value, button in choices.buttons.items():
        assert button.isVisible(), value
        place = QRect(button.mapTo(viewport, QPoint(0, 0)), button.size())
        assert seen.contains(place), (value, place, seen)
    assert scroll.verticalScrollBar().maximum() == 0  # nothing hidden below


def options(count: int, word: str = "Pilihan") -> list[ChoiceView]:
    return [ChoiceView(f"v{n}", f"{word} {n}") for n in range(count)]


def column_with(choices: ChoiceList, qtbot) -> QWidget:
    """A screen-like column: the list, then a stretch (room to grow)."""
    page = QWidget()
    column = QVBoxLayout(page)
    column.addWidget(choices)
    column.addStretch(1)
    qtbot.addWidget(page)
    page.resize(800, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def covers_its_content(choices: ChoiceList) -> bool:
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    scroll = choices.findChild(QScrollArea)
    return scroll.verticalScrollBar().maximum() == 0 and scroll.viewport().height() >= max(
        b.geometry().bottom() + 1 for b in choices.buttons.values()
    )


@pytest.mark.parametrize("hidden", [False, True], ids=["shown", "hidden"])
def test_a_list_grows_with_more_options_whether_shown_or_hidden(qtbot, hidden: bool):
    choices = ChoiceList(options(2), [], multiple=False)
    page = column_with(choices, qtbot)  # noqa: F841 (kept alive)
    assert covers_its_content(choices)
    if hidden:
        choices.hide()
    choices.set_choices(options(5), [], multiple=False)
    choices.show()
    assert covers_its_content(choices)
    choices.set_choices(options(5, "Pilihan yang jauh lebih panjang " * 3), [], False)
    assert covers_its_content(choices)
