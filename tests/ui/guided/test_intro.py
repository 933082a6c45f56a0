"""Before the first question: what to bring, how many questions and how long, and that
a staff member at the counter helps; "Mulai" opens the first question."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtWidgets import QLabel

from kiosk.wizard import Stage
from tests.ui.fakes import shipped_services
from tests.ui.guided_steps import NIK, current_step, open_intro, wizard_of
from tests.ui.helpers import button, tap, text
from ui.guided.intro import SECONDS_PER_SCREEN, minutes_needed

DOMISILI = "surat-keterangan-domisili"


@pytest.fixture
def english(make_guided):
    return make_guided(language="en")


def bring_items(window) -> list[str]:
    page = window.page("service_intro")
    return [label.text() for label in page.findChildren(QLabel, "bring_item")]


def test_the_intro_lists_what_to_bring_the_length_and_who_helps(qtbot, english):
    open_intro(qtbot, english, DOMISILI)
    definition = shipped_services()[DOMISILI]
    questions = wizard_of(english).current.total

    assert text(english, "intro_title") == "Certificate of Domicile"
    assert text(english, "bring_heading") == "What to bring:"
    assert bring_items(english) == [item["en"] for item in definition.requirements]
    assert questions == 14  # the domisili steps before any answer adds one
    assert text(english, "form_length") == (
        f"There are 14 questions. It takes about {minutes_needed(14)} minutes."
    )
    assert "counter" in text(english, "clerk_help")
    assert button(english, "start").text() == "Start"
    assert button(english, "start").height() >= 86  # the big target of the screen


def test_the_intro_is_read_aloud_with_every_item(qtbot, english):
    open_intro(qtbot, english, DOMISILI)
    spoken = english.voice.spoken[-1]
    assert spoken.startswith("Certificate of Domicile.")
    for item in bring_items(english):
        assert item in spoken
    assert "fourteen questions" in spoken and "counter" in spoken  # numbers in words
    english.voice.spoken.clear()
    tap(qtbot, english, "speak")
    assert english.voice.spoken == [spoken]  # "Listen" reads it again


def test_start_opens_the_first_question(qtbot, english):
    open_intro(qtbot, english, DOMISILI)
    assert wizard_of(english).stage is Stage.QUESTIONS
    tap(qtbot, english, "start")
    assert english.current_screen == "question"
    assert current_step(english).name == "nik"


def test_back_on_the_intro_returns_to_the_list_and_forgets_the_form(qtbot, english, fake_services):
    open_intro(qtbot, english, DOMISILI)
    tap(qtbot, english, "back")
    assert english.current_screen == "guided_services"  # nothing typed: nothing asked
    assert fake_services.wizards[0].stage is Stage.WIPED
    assert not bring_items(english)  # the page keeps nothing of the errand


def test_a_card_tapped_on_the_intro_waits_for_the_first_question(qtbot, english):
    open_intro(qtbot, english, DOMISILI)
    english.guided.prefill({"nik": NIK})
    assert english.current_screen == "service_intro"  # still reading what to bring
    tap(qtbot, english, "start")
    step = current_step(english)
    assert step.name == "nik" and step.prefilled_from_card


def test_every_shipped_service_has_its_intro(qtbot, english):
    for service_id, definition in shipped_services().items():
        open_intro(qtbot, english, service_id)
        assert bring_items(english) == [item["en"] for item in definition.requirements]
        assert "questions" in text(english, "form_length")
        tap(qtbot, english, "back")
        tap(qtbot, english, "back")  # home again, for the next one
        assert english.current_screen == "home"


@given(st.integers(min_value=-1000, max_value=10_000))
def test_the_minutes_are_whole_at_least_one_and_grow_with_the_questions(questions):
    minutes = minutes_needed(questions)
    assert minutes >= 1
    assert minutes * 60 >= max(0, questions) * SECONDS_PER_SCREEN
    assert minutes_needed(questions + 2) >= minutes


def test_idle_on_the_intro_asks_and_yes_returns_to_it(qtbot, idle_english):
    open_intro(qtbot, idle_english, DOMISILI)
    with qtbot.waitSignal(idle_english.idle_watcher.timed_out, timeout=3_000):
        pass
    assert idle_english.current_screen == "still_there"
    tap(qtbot, idle_english, "resume")
    assert idle_english.current_screen == "service_intro"
    assert bring_items(idle_english)  # the errand still there


def test_a_huge_list_to_bring_scrolls_and_start_stays_on_the_panel(qtbot, english, fake_services):
    huge = {"id": "Dokumen " * 300, "en": "Document " * 300}  # about 2,700 letters each
    definition = replace(shipped_services()[DOMISILI], id="huge", requirements=(huge,) * 60)
    fake_services.definitions = {
        **fake_services.definitions,
        "huge": definition,
    }  # not the cached dict
    english.guided.services_screen.set_services(fake_services.catalogue())
    open_intro(qtbot, english, "huge")
    assert len(bring_items(english)) == 60
    start = button(english, "start")
    corner = start.mapTo(english, start.rect().bottomRight())
    assert english.rect().contains(corner)  # not pushed off the 1280 x 800 panel
    tap(qtbot, english, "start")
    assert english.current_screen == "question"
