"""The on-screen keyboard closes as soon as the step shown is not a text question, and
when the form is left, so it never covers the next screen's buttons (offscreen: what the
screens ask of the input method; test_real_keyboard.py watches Qt's own keyboard)."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtWidgets import QPushButton

from tests.ui.guided.keyboard_spy import (
    KeyboardCalls,
    answer_text_question,
    assert_keyboard_closed,
    keyboard_up,
    text_box,
    text_first_definition,
)
from tests.ui.guided_steps import (
    NIK,
    current_step,
    fill_questions,
    open_service,
    type_keys,
    type_text,
    wizard_of,
)
from tests.ui.helpers import button, tap

DOMISILI = "surat-keterangan-domisili"
MIN_BUTTON_PX = 86  # the guided screens' targets


@pytest.fixture
def calls(monkeypatch) -> KeyboardCalls:
    spy = KeyboardCalls()
    spy.install(monkeypatch)
    return spy


@pytest.fixture
def text_first(qtbot, guided, fake_services):
    """The kiosk with a service whose first question is a text box."""
    definition = text_first_definition()
    flow = guided.guided
    qtbot.waitUntil(lambda: bool(flow.services_screen.buttons))
    fake_services.definitions = {definition.id: definition, **fake_services.definitions}
    flow.services_screen.set_services(fake_services.catalogue())
    return definition.id


def test_a_nik_proposal_after_a_text_question_has_the_whole_screen(qtbot, guided, calls):
    open_service(qtbot, guided, DOMISILI)
    fill_questions(qtbot, guided, stop_at="tempat_lahir")
    answer_text_question(qtbot, guided, calls, "Bandung")
    assert current_step(guided).proposed_from_nik
    assert_keyboard_closed(qtbot, guided, calls)
    guided.page("question").layout().activate()
    for name in ("confirm_proposal", "change_proposal", "back"):
        assert button(guided, name).height() >= MIN_BUTTON_PX, name

    tap(qtbot, guided, "change_proposal")  # the date entry, still without a keyboard
    assert_keyboard_closed(qtbot, guided, calls)
    page = guided.page("question")
    page.layout().activate()
    shown = [b for b in page.input.findChildren(QPushButton) if b.isVisible()]
    assert len(shown) == 3 + 31  # day, month, year; the days of August
    for one, other in itertools.combinations(shown, 2):
        places = (one.mapTo(page, one.rect().topLeft()), other.mapTo(page, other.rect().topLeft()))
        assert (
            not one.rect().translated(places[0]).intersects(other.rect().translated(places[1]))
        ), (one.objectName(), other.objectName())


def test_a_keypad_after_a_text_question(qtbot, guided, calls):
    open_service(qtbot, guided, DOMISILI)
    fill_questions(qtbot, guided, stop_at="pekerjaan")
    answer_text_question(qtbot, guided, calls, "Petani")
    assert current_step(guided).name == "no_hp"
    assert_keyboard_closed(qtbot, guided, calls)


def test_choices_a_date_and_the_summary_after_text_questions(qtbot, guided, calls, text_first):
    open_service(qtbot, guided, text_first)
    for answer, after in (("Budi", "warna"), ("Bandung", "tanggal")):
        answer_text_question(qtbot, guided, calls, answer)
        assert current_step(guided).name == after
        assert_keyboard_closed(qtbot, guided, calls)
        if after == "warna":
            tap(qtbot, guided, "choice_biru")
            tap(qtbot, guided, "next")
    tap(qtbot, guided, f"day_{wizard_of(guided).today.day}")  # this month, this year
    tap(qtbot, guided, "next")
    answer_text_question(qtbot, guided, calls, "Tidak ada")  # the last question...
    assert guided.current_screen == "summary"  # ...then the summary
    assert_keyboard_closed(qtbot, guided, calls)


def test_a_text_question_after_another_keeps_the_keyboard(qtbot, guided, calls):
    open_service(qtbot, guided, DOMISILI)
    fill_questions(qtbot, guided, stop_at="nama")
    keyboard_up(qtbot, guided, calls)
    type_text(guided, "Budi Santoso")
    with qtbot.waitSignal(calls.opened, timeout=5_000):
        tap(qtbot, guided, "next")
    assert current_step(guided).name == "tempat_lahir"
    assert calls.calls[-1] == ("open", "text_answer")
    assert text_box(guided).hasFocus()


def test_the_countdown_closes_the_keyboard_and_yes_brings_it_back(qtbot, guided, calls):
    open_service(qtbot, guided, DOMISILI)
    type_keys(qtbot, guided, NIK)
    tap(qtbot, guided, "next")
    keyboard_up(qtbot, guided, calls)
    type_text(guided, "Bud")
    guided.guided.ask_still_there(guided.current_screen)  # what the idle timeout does
    assert guided.current_screen == "still_there"
    assert_keyboard_closed(qtbot, guided, calls)
    with qtbot.waitSignal(calls.opened, timeout=5_000):
        tap(qtbot, guided, "resume")
    assert guided.current_screen == "question"
    assert calls.calls[-1] == ("open", "text_answer")  # the same box, as it was left
    assert text_box(guided).text() == "Bud"


def test_leaving_a_text_question_for_the_list_closes_the_keyboard(qtbot, guided, calls, text_first):
    open_service(qtbot, guided, text_first)
    keyboard_up(qtbot, guided, calls)
    tap(qtbot, guided, "back")  # nothing typed: straight back to the list
    assert guided.current_screen == "guided_services"
    assert_keyboard_closed(qtbot, guided, calls)


def test_asking_before_a_wipe_closes_the_keyboard(qtbot, guided, calls, text_first):
    open_service(qtbot, guided, text_first)
    keyboard_up(qtbot, guided, calls)
    type_text(guided, "Budi")
    tap(qtbot, guided, "back")  # something typed: asked first
    assert guided.current_screen == "confirm_wipe"
    assert_keyboard_closed(qtbot, guided, calls)
