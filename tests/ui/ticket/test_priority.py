"""The priority question: four answers of equal weight, each with its picture, and a
wrong answer corrected before anything prints."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kiosk.queue.types import Priority
from tests.ui.fakes import SERVICE_B, FakeQueue
from tests.ui.helpers import button, tap, text
from ui.window import KioskWindow

ANSWERS = ["priority_elderly", "priority_disabled", "priority_pregnant", "priority_none"]


def open_priority(qtbot, window: KioskWindow, line: str = "B") -> None:
    tap(qtbot, window, "take_number")
    tap(qtbot, window, f"line_{line}")
    assert window.current_screen == "priority"


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_the_four_answers_have_the_same_size_and_look(
    qtbot, make_window, high_contrast: bool
) -> None:
    window = make_window(high_contrast=high_contrast, language="en")
    open_priority(qtbot, window)
    answers = [button(window, name) for name in ANSWERS]
    assert {(b.width(), b.height()) for b in answers} == {(answers[0].width(), answers[0].height())}
    assert answers[0].height() >= 140 and answers[0].width() >= 400
    assert {b.property("role") for b in answers} == {None}  # none is pushed forward
    assert {b.styleSheet() for b in answers} == {""}
    assert [b.text() for b in answers] == ["Elderly", "Disability", "Pregnant", "No"]
    tops = sorted({b.y() for b in answers})
    assert len(tops) == 2  # a grid of two rows of two


def test_a_wrong_answer_is_changed_before_anything_prints(
    qtbot, make_window, fake_queue: FakeQueue
) -> None:
    window = make_window(language="en")
    open_priority(qtbot, window)
    tap(qtbot, window, "priority_pregnant")  # the wrong one
    assert window.current_screen == "ticket_confirm"
    assert text(window, "chosen_line") == "Service B: Certificates"
    assert text(window, "chosen_priority") == "Priority: Pregnant"
    assert fake_queue.calls == []  # nothing printed yet
    tap(qtbot, window, "change_priority")
    assert window.current_screen == "priority"
    tap(qtbot, window, "priority_elderly")
    assert text(window, "chosen_priority") == "Priority: Elderly"
    with qtbot.waitSignal(window.ticket_issued, timeout=5_000) as issued:
        tap(qtbot, window, "print_ticket")
    assert [(c.line_code, c.priority) for c in fake_queue.calls] == [("B", Priority.ELDERLY)]
    assert issued.args[0].priority is Priority.ELDERLY


def test_no_priority_is_said_plainly_with_its_picture(qtbot, make_window) -> None:
    window = make_window()
    open_priority(qtbot, window, line="A")
    tap(qtbot, window, "priority_none")
    picture = window.page("ticket_confirm").findChild(QLabel, "chosen_picture")
    assert picture is not None and picture.isVisible()
    assert window.tickets.confirm.picture.kind == "none"
    window.set_language("en")
    assert text(window, "chosen_priority") == "No priority"
    assert text(window, "chosen_line") == "Service A: Population records"


def test_a_late_answer_after_the_confirmation_shows_changes_nothing(
    qtbot, make_window, fake_queue: FakeQueue
) -> None:
    window = make_window(language="en")
    open_priority(qtbot, window)
    tap(qtbot, window, "priority_disabled")
    window.tickets.priority.priority_chosen.emit(Priority.PREGNANT)  # a second finger, late
    assert text(window, "chosen_priority") == "Priority: Disability"
    with qtbot.waitSignal(window.ticket_issued, timeout=5_000):
        tap(qtbot, window, "print_ticket")
    assert [c.priority for c in fake_queue.calls] == [Priority.DISABLED]


def test_a_line_name_with_format_signs_and_markup_is_shown_as_it_is(
    qtbot, make_window, fake_queue: FakeQueue
) -> None:
    """Line names come from data: a "%" or a tag must neither break the sentence nor
    turn into markup."""
    odd = "Surat %(letter)s <b>100%</b> " + "panjang " * 40
    fake_queue.service_list = [replace(SERVICE_B, names={"id": odd, "en": odd})]
    window = make_window(language="en")
    open_priority(qtbot, window)
    tap(qtbot, window, "priority_none")
    shown = window.tickets.confirm.line
    assert shown.text() == f"Service B: {odd}"
    assert shown.textFormat() == Qt.TextFormat.PlainText
    assert window.page("ticket_confirm").minimumSizeHint().height() <= 800
