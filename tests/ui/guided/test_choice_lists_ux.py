"""Choice lists as a finger meets them: every option shown when there is room, a chosen
option marked with a check, and lists that scroll by a drag of the mouse as well as by
touch (many kiosk panels send mouse events)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QScrollArea,
    QScrollBar,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from kiosk.wizard import ChoiceView
from tests.ui.guided_steps import (
    MAX_STEPS,
    current_step,
    fill_questions,
    give_valid_answer,
    next_step,
    open_service,
)
from tests.ui.helpers import tap
from ui.guided.choices import BOX, CIRCLE, ChoiceList
from ui.guided.style import guided_stylesheet
from ui.theme import HIGH_CONTRAST, NORMAL, SCROLLBAR_PX, stylesheet
from ui.window import KioskWindow

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


def marks(choices: ChoiceList) -> dict[str, bool]:
    return {value: button.marked() for value, button in choices.buttons.items()}


def test_a_chosen_option_of_one_shows_a_dot_in_its_circle(qtbot):
    choices = ChoiceList(options(3), ["v1"], multiple=False)
    page = column_with(choices, qtbot)  # noqa: F841 (kept alive)
    assert marks(choices) == {"v0": False, "v1": True, "v2": False}
    qtbot.mouseClick(choices.buttons["v2"], Qt.MouseButton.LeftButton)
    assert choices.value() == "v2"
    assert marks(choices) == {"v0": False, "v1": False, "v2": True}
    assert {b.mark.shape for b in choices.buttons.values()} == {CIRCLE}
    assert all(b.mark.isVisible() for b in choices.buttons.values())  # chosen or not
    assert [b.text_shown() for b in choices.buttons.values()] == [
        "Pilihan 0",
        "Pilihan 1",
        "Pilihan 2",
    ]


def test_chosen_options_of_many_show_ticks_and_lose_them_when_unchosen(qtbot):
    choices = ChoiceList(options(3), [], multiple=True)
    page = column_with(choices, qtbot)  # noqa: F841 (kept alive)
    assert {b.mark.shape for b in choices.buttons.values()} == {BOX}
    label_width = choices.buttons["v0"].label.width()
    for value in ("v0", "v2"):
        qtbot.mouseClick(choices.buttons[value], Qt.MouseButton.LeftButton)
    assert marks(choices) == {"v0": True, "v1": False, "v2": True}
    qtbot.mouseClick(choices.buttons["v0"], Qt.MouseButton.LeftButton)
    assert choices.value() == ["v2"]
    assert marks(choices) == {"v0": False, "v1": False, "v2": True}
    assert choices.buttons["v2"].text_shown() == "Pilihan 2"
    assert choices.buttons["v0"].label.width() == label_width  # no rewrapping on a tap
    # The next question's list starts with no mark but its own answers'.
    choices.set_choices(options(2), ["v1"], multiple=True)
    assert marks(choices) == {"v0": False, "v1": True}


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_the_marks_are_drawn_in_the_answers_text_colours(qtbot, high_contrast: bool):
    palette = HIGH_CONTRAST if high_contrast else NORMAL
    choices = ChoiceList(options(2), ["v0"], multiple=False)
    page = column_with(choices, qtbot)
    page.setStyleSheet(stylesheet(palette) + guided_stylesheet(palette))
    for value, colour in (("v0", palette.primary_text), ("v1", palette.secondary_text)):
        mark = choices.buttons[value].mark
        mark.ensurePolished()
        assert mark.palette().color(QPalette.ColorRole.WindowText) == QColor(colour), value


def long_list(qtbot, multiple: bool = False) -> tuple[ChoiceList, QWidget]:
    """Twelve options in a page too low for them: the list scrolls."""
    choices = ChoiceList(options(12), [], multiple=multiple)
    page = column_with(choices, qtbot)
    page.setStyleSheet(stylesheet(NORMAL))
    page.resize(800, 500)
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    assert scroll_bar(choices).maximum() > 0
    return choices, page


def scroll_bar(choices: ChoiceList) -> QScrollBar:
    return choices.findChild(QScrollArea).verticalScrollBar()


def drag(qtbot, widget: QWidget, start: QPoint, end: QPoint, steps: int = 10) -> None:
    """A held left button moved from `start` to `end` over a fraction of a second."""
    left = Qt.MouseButton.LeftButton
    QTest.mousePress(widget, left, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, steps + 1):
        # Kept on purpose, not a wait for something: QScroller times a drag by its own
        # clock, so a finger's moves need real time between them (all at once, the
        # drag would have no speed). There is no signal to wait for instead.
        qtbot.wait(15)
        QTest.mouseMove(widget, start + (end - start) * (step / steps))
    qtbot.wait(15)
    QTest.mouseRelease(widget, left, Qt.KeyboardModifier.NoModifier, end)


def test_a_tap_on_an_option_of_a_scrolling_list_still_chooses_it(qtbot):
    choices, _page = long_list(qtbot)
    qtbot.mouseClick(choices.buttons["v1"], Qt.MouseButton.LeftButton)
    assert choices.value() == "v1"
    assert choices.buttons["v1"].marked()


def test_a_mouse_drag_scrolls_a_long_list_without_choosing(qtbot):
    choices, _page = long_list(qtbot)
    viewport = choices.findChild(QScrollArea).viewport()
    start = QPoint(viewport.width() // 2, viewport.height() - 40)
    at_rest = qtbot.waitSignal(
        QScroller.scroller(viewport).stateChanged,
        timeout=3_000,
        check_params_cb=lambda state: state == QScroller.State.Inactive,
    )
    with at_rest:  # the drag, then the flick that goes on after it, have ended
        drag(qtbot, viewport, start, QPoint(start.x(), 40))
    assert scroll_bar(choices).value() > 0
    assert choices.value() is None  # the drag started on an option: not chosen


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_the_scroll_bar_is_wide_enough_for_a_finger(qtbot, high_contrast: bool):
    choices, page = long_list(qtbot)
    page.setStyleSheet(stylesheet(HIGH_CONTRAST if high_contrast else NORMAL))
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    bar = scroll_bar(choices)
    assert bar.isVisible()
    assert bar.width() >= SCROLLBAR_PX >= 40


def mouse_moves_the_list(qtbot, window: KioskWindow) -> bool:
    """A drag with the left button on the shown screen's list drives its scroller
    (and scrolls it, when there is more than fits)."""
    [area] = window.page(window.current_screen).findChildren(QScrollArea)
    viewport = area.viewport()
    scroller = QScroller.scroller(viewport)
    states: list[QScroller.State] = []
    scroller.stateChanged.connect(states.append)
    bar = area.verticalScrollBar()
    # A list just filled (the guided services arrive off the GUI thread) is laid out on a later
    # turn; pressed before that, the scroller finds nothing to scroll and ignores the
    # drag. A finger never comes that fast: lay the list out first.
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    start = QPoint(viewport.width() // 2, viewport.height() - 8)
    drag(qtbot, viewport, start, QPoint(start.x(), 8))
    qtbot.waitUntil(lambda: scroller.state() is QScroller.State.Inactive, timeout=3_000)
    scroller.stateChanged.disconnect(states.append)
    return QScroller.State.Dragging in states and (bar.maximum() == 0 or bar.value() > 0)


def test_every_guided_list_follows_a_mouse_drag(qtbot, guided):
    tap(qtbot, guided, "guided_services")
    services = guided.page("guided_services")
    qtbot.waitUntil(lambda: any(b.isVisible() for b in services.buttons.values()))
    assert mouse_moves_the_list(qtbot, guided)
    services.findChild(QScrollArea).verticalScrollBar().setValue(0)  # its button in sight
    tap(qtbot, guided, "back")
    open_service(qtbot, guided, DOMISILI)
    fill_questions(qtbot, guided)
    assert guided.current_screen == "summary"
    assert mouse_moves_the_list(qtbot, guided)
    tap(qtbot, guided, "next")
    assert guided.current_screen == "consent"
    assert mouse_moves_the_list(qtbot, guided)
