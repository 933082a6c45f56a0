"""The question screen for a person at a touch screen: text has its own keypad (Qt's
on-screen keyboard, should one open, leaves Back and Next in sight), Enter moves on, a
problem goes once the answer is being fixed, and a NIK proposal has one blue button."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.helpers.definitions import sample_definition
from tests.ui.guided_steps import (
    NIK,
    current_step,
    fill_questions,
    open_service,
    problems_shown,
    text_entry,
    type_keys,
    type_text,
)
from tests.ui.helpers import button, tap, text
from ui.guided.keyboard import keyboard_overlap
from ui.guided.parts import SCREEN_MARGIN_PX

DOMISILI = "surat-keterangan-domisili"
PANEL = QRect(0, 0, 1280, 800)
SIGNAL_MS = 5_000


# -- the on-screen keyboard ---------------------------------------------------------


def test_a_text_question_takes_hardware_keys_but_no_input_method(qtbot, guided):
    """Qt's on-screen keyboard opens only for a focused widget that takes an input
    method: the letter keypad's entry takes the focus (the counter PC's keys) and none."""
    open_service(qtbot, guided, DOMISILI)
    type_keys(qtbot, guided, NIK)
    tap(qtbot, guided, "next")
    assert current_step(guided).name == "nama"
    entry = text_entry(guided)
    qtbot.waitUntil(entry.hasFocus, timeout=SIGNAL_MS)
    assert not entry.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    assert not [w for w in guided.page("question").findChildren(QLineEdit) if w.isVisible()]


def test_enter_in_a_text_box_goes_to_the_next_question(qtbot, guided):
    open_service(qtbot, guided, DOMISILI)
    fill_questions(qtbot, guided, stop_at="nama")
    type_text(guided, "Budi Santoso")
    QTest.keyClick(text_entry(guided), Qt.Key.Key_Return)
    assert current_step(guided).name == "tempat_lahir"
    assert [row.value for row in wizard_rows(guided) if row.field_name == "nama"] == [
        "Budi Santoso"
    ]


def test_enter_with_a_wrong_answer_explains_it_like_next(qtbot, guided):
    open_service(qtbot, guided, DOMISILI)
    fill_questions(qtbot, guided, stop_at="nama")
    type_text(guided, "B")  # too short: 3 to 100 letters
    QTest.keyClick(text_entry(guided), Qt.Key.Key_Return)
    assert current_step(guided).name == "nama"
    assert problems_shown(guided)


def wizard_rows(window):
    return window.guided.wizard.summary()


@pytest.mark.parametrize(
    ("keyboard", "expected"),
    [
        (QRect(), 0),  # hidden: an empty rectangle
        (QRect(0, 400, 1280, 400), 400),  # the lower half of the panel
        (QRect(0, 500, 1280, 400), 300),  # partly below the window
        (QRect(0, 800, 1280, 400), 0),  # just below it
        (QRect(1280, 400, 600, 400), 0),  # beside it, on another screen
        (QRect(100, 600, 400, 200), 200),  # a narrow one still covers what is above it
    ],
)
def test_the_margin_is_the_part_of_the_screen_under_the_keyboard(keyboard, expected):
    assert keyboard_overlap(keyboard, PANEL) == expected


def test_the_margin_counts_from_the_screens_own_bottom():
    # A screen from y=100 to y=700 (under a header, above a footer): a keyboard from
    # 400 down covers its last 300 pixels.
    assert keyboard_overlap(QRect(0, 400, 1280, 400), QRect(0, 100, 1280, 600)) == 300


def test_back_and_next_sit_above_the_keyboard_and_come_back_down(qtbot, guided):
    open_service(qtbot, guided, DOMISILI)
    fill_questions(qtbot, guided, stop_at="nama")
    page = guided.page("question")
    page.layout().activate()
    before = {name: button(guided, name).geometry() for name in ("back", "next")}
    page.set_keyboard_overlap(400)  # what the keyboard's signals lead to
    page.layout().activate()
    for name in ("back", "next"):
        shown = button(guided, name)
        bottom = shown.mapTo(guided, shown.rect().bottomLeft()).y()
        assert bottom < PANEL.height() - 400, name
    assert guided.height() == PANEL.height()  # the window did not grow for the margin
    page.set_keyboard_overlap(0)  # the keyboard was closed
    page.layout().activate()
    assert {name: button(guided, name).geometry() for name in ("back", "next")} == before
    assert page.layout().contentsMargins().bottom() == SCREEN_MARGIN_PX


def test_a_long_question_stays_readable_above_the_keyboard(qtbot, guided):
    open_service(qtbot, guided, DOMISILI)
    fill_questions(qtbot, guided, stop_at="alamat_jalan")  # four lines at the kiosk's size
    page = guided.page("question")
    page.set_keyboard_overlap(400)
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    question = page.question
    assert question.height() >= question.heightForWidth(question.width())  # not squeezed
    assert not page.speak_button.isVisible()  # "Listen" steps aside for it
    page.set_keyboard_overlap(0)
    assert page.speak_button.isVisible()


# -- problems ---------------------------------------------------------------------


def test_a_problem_goes_when_the_person_agrees(qtbot, guided, fake_services):
    definition = sample_definition()  # with an acknowledgement
    flow = guided.guided
    qtbot.waitUntil(lambda: bool(flow.services_screen.buttons))
    fake_services.definitions = {definition.id: definition, **fake_services.definitions}
    flow.services_screen.set_services(fake_services.catalogue())
    open_service(qtbot, guided, definition.id)
    fill_questions(qtbot, guided, stop_at="pernyataan")
    tap(qtbot, guided, "next")
    assert problems_shown(guided)
    spoken = list(guided.voice.spoken)
    tap(qtbot, guided, "acknowledge")
    assert problems_shown(guided) == ""
    assert guided.voice.spoken == spoken  # nothing new said: the fix is seen, not heard
    assert "Mohon" not in guided.page("question").spoken_text()


def test_a_problem_goes_when_the_person_types_again(qtbot, guided):
    open_service(qtbot, guided, DOMISILI)
    type_keys(qtbot, guided, NIK[:13])
    tap(qtbot, guided, "next")
    assert problems_shown(guided)
    type_keys(qtbot, guided, NIK[13])
    assert problems_shown(guided) == ""
    type_keys(qtbot, guided, NIK[14:])
    tap(qtbot, guided, "next")
    assert current_step(guided).name == "nama"


# -- a proposal from the NIK --------------------------------------------------------


def test_a_proposal_hides_next_and_keeps_its_place(qtbot, guided):
    open_service(qtbot, guided, DOMISILI)
    fill_questions(qtbot, guided, stop_at="tempat_lahir")
    page = guided.page("question")
    page.layout().activate()
    back_place, next_place = page.back_button.geometry(), page.next_button.geometry()
    type_text(guided, "Bandung")
    tap(qtbot, guided, "next")
    assert current_step(guided).proposed_from_nik
    page.layout().activate()
    assert text(guided, "proposal_value") == "17 Agustus 1985"
    assert button(guided, "confirm_proposal").isVisible()
    assert page.next_button.isHidden()  # "Benar" is the one blue button
    assert page.back_button.geometry() == back_place
    assert page.next_button.geometry() == next_place  # its place is kept
    tap(qtbot, guided, "change_proposal")
    assert button(guided, "next").isVisible()  # changing: Next takes the new date
    tap(qtbot, guided, "back")
    tap(qtbot, guided, "next")  # the place again, proposed again
    assert current_step(guided).proposed_from_nik
    assert page.next_button.isHidden()
    tap(qtbot, guided, "confirm_proposal")
    assert current_step(guided).name == "jenis_kelamin"  # also from the NIK
    assert page.next_button.isHidden()
    tap(qtbot, guided, "change_proposal")
    tap(qtbot, guided, "choice_perempuan")
    tap(qtbot, guided, "next")
    assert not current_step(guided).proposed_from_nik
    assert button(guided, "next").isVisible()  # shown again for other questions
