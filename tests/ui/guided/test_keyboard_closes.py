"""Text questions use the letter keypad, never Qt's on-screen keyboard; every other step
still closes that keyboard (a staff screen's box may have brought it up), and the wide
letter keypad gives the answer's side back, so no later step is cut (offscreen: what the
screens ask of the input method; test_real_keyboard.py watches Qt's own keyboard)."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtWidgets import QPushButton

from tests.ui.guided.keyboard_spy import (
    KeyboardCalls,
    assert_keyboard_closed,
    letters_up,
    text_first_definition,
)
from tests.ui.guided_steps import (
    current_step,
    fill_questions,
    open_service,
    text_entry,
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
    """The kiosk with a service whose first question is a text question."""
    definition = text_first_definition()
    flow = guided.guided
    qtbot.waitUntil(lambda: bool(flow.services_screen.buttons))
    fake_services.definitions = {definition.id: definition, **fake_services.definitions}
    flow.services_screen.set_services(fake_services.catalogue())
    return definition.id


def answer_text_question(qtbot, window, calls: KeyboardCalls, answer: str) -> int:
    """Type `answer` and tap Next; the hide requests counted before Next."""
    letters_up(qtbot, window)
    type_text(window, answer)
    before = len(calls.calls)
    tap(qtbot, window, "next")
    return before


def test_a_nik_proposal_after_a_text_question_has_the_whole_screen(qtbot, guided, calls):
    open_service(qtbot, guided, DOMISILI)
    fill_questions(qtbot, guided, stop_at="tempat_lahir")
    before = answer_text_question(qtbot, guided, calls, "Bandung")
    assert current_step(guided).proposed_from_nik
    assert_keyboard_closed(guided, calls, before)
    guided.page("question").layout().activate()
    for name in ("confirm_proposal", "change_proposal", "back"):
        assert button(guided, name).height() >= MIN_BUTTON_PX, name

    before = len(calls.calls)
    tap(qtbot, guided, "change_proposal")  # the date entry, on the answer's own share
    assert_keyboard_closed(guided, calls, before)
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
    before = answer_text_question(qtbot, guided, calls, "Petani")
    assert current_step(guided).name == "no_hp"
    assert_keyboard_closed(guided, calls, before)


def test_choices_a_date_and_the_summary_after_text_questions(qtbot, guided, calls, text_first):
    open_service(qtbot, guided, text_first)
    for answer, after in (("Budi", "warna"), ("Bandung", "tanggal")):
        before = answer_text_question(qtbot, guided, calls, answer)
        assert current_step(guided).name == after
        assert_keyboard_closed(guided, calls, before)
        if after == "warna":
            tap(qtbot, guided, "choice_biru")
            tap(qtbot, guided, "next")
    tap(qtbot, guided, f"day_{wizard_of(guided).today.day}")  # this month, this year
    tap(qtbot, guided, "next")
    before = answer_text_question(qtbot, guided, calls, "Tidak ada")  # the last question...
    assert guided.current_screen == "summary"  # ...then the summary
    assert len(calls.calls) > before


def test_a_text_question_after_another_has_the_letters_again(qtbot, guided):
    open_service(qtbot, guided, DOMISILI)
    fill_questions(qtbot, guided, stop_at="nama")
    letters_up(qtbot, guided)
    type_text(guided, "Budi Santoso")
    tap(qtbot, guided, "next")
    assert current_step(guided).name == "tempat_lahir"
    letters_up(qtbot, guided)
    assert text_entry(guided).text() == ""


def test_the_countdown_keeps_what_was_typed_and_yes_brings_it_back(qtbot, guided, calls):
    open_service(qtbot, guided, DOMISILI)
    fill_questions(qtbot, guided, stop_at="nama")
    letters_up(qtbot, guided)
    type_text(guided, "Bud")
    before = len(calls.calls)
    guided.guided.ask_still_there(guided.current_screen)  # what the idle timeout does
    assert guided.current_screen == "still_there"
    assert_keyboard_closed(guided, calls, before)
    tap(qtbot, guided, "resume")
    assert guided.current_screen == "question"
    letters_up(qtbot, guided)  # the same entry, as it was left
    assert text_entry(guided).text() == "Bud"


def test_leaving_a_text_question_for_the_list_closes_the_keyboard(qtbot, guided, calls, text_first):
    open_service(qtbot, guided, text_first)
    letters_up(qtbot, guided)
    before = len(calls.calls)
    tap(qtbot, guided, "back")  # nothing typed: straight back to the list
    assert guided.current_screen == "guided_services"
    assert_keyboard_closed(guided, calls, before)


def test_asking_before_a_wipe_closes_the_keyboard(qtbot, guided, calls, text_first):
    open_service(qtbot, guided, text_first)
    letters_up(qtbot, guided)
    type_text(guided, "Budi")
    before = len(calls.calls)
    tap(qtbot, guided, "back")  # something typed: asked first
    assert guided.current_screen == "confirm_wipe"
    assert_keyboard_closed(guided, calls, before)
