"""One tap never wipes a form: "Delete all your answers?" comes first, with "No, go back"
as the big safe answer, and only when something would be lost; the idle timeout still
wipes without asking, also while the question shows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QPushButton

from kiosk.queue.errors import QueueBusy
from kiosk.wizard import Stage
from tests.ui.guided_steps import (
    NAME,
    NIK,
    current_step,
    fill_questions,
    open_service,
    read_summary,
    type_keys,
    wizard_of,
)
from tests.ui.helpers import button, tap, text

DOMISILI = "surat-keterangan-domisili"
MIN_BUTTON_PX = 86
APART_PX = 100  # between a button that destroys and the one that goes on


@pytest.fixture
def english(make_guided):
    return make_guided(language="en")


def at_consent(qtbot, window) -> None:
    open_service(qtbot, window, DOMISILI)
    fill_questions(qtbot, window)
    read_summary(qtbot, window)
    tap(qtbot, window, "next")
    assert window.current_screen == "consent"


def place(window, widget: QPushButton) -> QRect:
    """Where `widget` is in the window (its screen laid out first)."""
    window.page(window.current_screen).layout().activate()
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def gap(one: QRect, other: QRect) -> int:
    """The distance between two rectangles (0 when they touch or overlap)."""
    across = max(other.left() - one.right(), one.left() - other.right(), 0)
    down = max(other.top() - one.bottom(), one.top() - other.bottom(), 0)
    return max(across, down)


def test_cancel_on_the_consent_asks_and_no_returns_to_it_as_it_was(qtbot, english):
    at_consent(qtbot, english)
    wizard = wizard_of(english)
    statement = text(english, "consent_text")
    answers = english.page("summary").values()
    tap(qtbot, english, "cancel")

    assert english.current_screen == "confirm_wipe"
    assert text(english, "confirm_title") == "Delete all your answers?"
    assert button(english, "keep_answers").text() == "No, go back"
    assert button(english, "delete_answers").text() == "Yes, delete"
    assert english.voice.spoken[-1].startswith("Delete all your answers?")
    assert "No, go back." in english.voice.spoken[-1]
    assert wizard.stage is Stage.CONSENT  # nothing wiped yet

    tap(qtbot, english, "keep_answers")
    assert english.current_screen == "consent"
    assert english.guided.wizard is wizard and wizard.stage is Stage.CONSENT
    assert text(english, "consent_text") == statement
    assert english.page("summary").values() == answers
    tap(qtbot, english, "back")
    assert english.current_screen == "summary"  # the form goes on as before


def test_yes_delete_on_the_consent_does_what_cancel_did(qtbot, english, fake_services):
    at_consent(qtbot, english)
    tap(qtbot, english, "cancel")
    with qtbot.waitSignal(english.guided.form_wiped, timeout=5_000):
        tap(qtbot, english, "delete_answers")
    assert english.current_screen == "home"
    assert fake_services.wizards[0].stage is Stage.WIPED
    assert fake_services.forms == []
    assert not english.page("summary").values()


def test_back_on_an_untouched_first_question_leaves_at_once(qtbot, english, fake_services):
    open_service(qtbot, english, DOMISILI)
    tap(qtbot, english, "back")
    assert english.current_screen == "guided_services"  # nothing to lose: not asked
    assert fake_services.wizards[0].stage is Stage.WIPED


def test_back_with_a_nik_typed_asks_and_no_keeps_the_digits(qtbot, english, fake_services):
    open_service(qtbot, english, DOMISILI)
    type_keys(qtbot, english, NIK[:6])
    tap(qtbot, english, "back")
    assert english.current_screen == "confirm_wipe"
    tap(qtbot, english, "keep_answers")
    assert english.current_screen == "question"
    assert current_step(english).name == "nik"
    assert text(english, "entry").replace(" ", "") == NIK[:6]
    tap(qtbot, english, "back")
    tap(qtbot, english, "delete_answers")
    assert english.current_screen == "guided_services"
    assert fake_services.wizards[0].stage is Stage.WIPED


def test_back_to_the_first_question_after_answering_asks(qtbot, english):
    open_service(qtbot, english, DOMISILI)
    type_keys(qtbot, english, NIK)
    tap(qtbot, english, "next")
    tap(qtbot, english, "back")  # to the NIK, shown again untouched...
    assert current_step(english).name == "nik"
    tap(qtbot, english, "back")  # ...but it was answered: asked
    assert english.current_screen == "confirm_wipe"


def test_answers_from_a_card_alone_are_not_asked_about(qtbot, english, fake_services):
    english.guided.prefill({"nik": NIK, "nama": NAME})  # tapped before the service
    open_service(qtbot, english, DOMISILI)
    assert current_step(english).prefilled_from_card
    tap(qtbot, english, "back")  # the card gives them again
    assert english.current_screen == "guided_services"
    assert fake_services.wizards[0].stage is Stage.WIPED


def test_back_to_start_after_a_failed_save_asks_too(qtbot, english, fake_services):
    fake_services.fail_with = QueueBusy("the database is busy")
    at_consent(qtbot, english)
    with qtbot.waitSignal(english.guided.finalise_failed, timeout=5_000):
        tap(qtbot, english, "agree")
    tap(qtbot, english, "back_to_start")
    assert english.current_screen == "confirm_wipe"
    tap(qtbot, english, "keep_answers")
    assert english.current_screen == "submission_problem"
    fake_services.fail_with = None
    with qtbot.waitSignal(english.guided.submitted, timeout=5_000):
        tap(qtbot, english, "retry")  # the same answers, stored this time
    assert len(fake_services.forms) == 1


def test_a_service_that_cannot_start_leaves_without_asking(qtbot, english, fake_services):
    flow = english.guided
    qtbot.waitUntil(lambda: bool(flow.services_screen.buttons))
    fake_services.definitions = {}  # gone from the catalogue since the list came
    flow.open_services()
    tap(qtbot, english, f"guided_{DOMISILI}")
    assert english.current_screen == "submission_problem"
    tap(qtbot, english, "back_to_start")
    assert english.current_screen == "home"


def test_the_answers_are_big_and_far_apart_and_away_from_what_asked(qtbot, english):
    at_consent(qtbot, english)
    consent = english.page("consent")
    cancel, agree = place(english, consent.cancel_button), place(english, consent.agree_button)
    asked_from = [cancel, place(english, consent.back_button)]
    assert gap(cancel, agree) >= APART_PX  # "Cancel" no longer beside "I agree"
    tap(qtbot, english, "cancel")
    screen = english.page("confirm_wipe")
    keep, delete = place(english, screen.keep_button), place(english, screen.delete_button)
    assert min(keep.height(), delete.height()) >= MIN_BUTTON_PX
    assert keep.height() > delete.height() and keep.width() > delete.width()  # the safe one
    assert gap(keep, delete) >= APART_PX
    assert QRect(0, 0, 1280, 800).contains(keep.united(delete))
    # A second tap of a double tap on "Cancel" or "Back" lands on neither answer.
    for asked in asked_from:
        assert not delete.intersects(asked) and not keep.intersects(asked)
    assert place(english, screen.speak_button).height() >= MIN_BUTTON_PX


def test_listen_reads_the_question_again_and_hides_without_a_voice(qtbot, make_guided):
    for voice_on in (True, False):
        window = make_guided(language="en", voice_enabled=voice_on)
        at_consent(qtbot, window)
        tap(qtbot, window, "cancel")
        screen = window.page("confirm_wipe")
        assert screen.speak_button.isVisible() is voice_on
        if voice_on:
            window.voice.spoken.clear()
            tap(qtbot, window, "speak")
            assert window.voice.spoken == [screen.spoken_text()]


def test_the_question_does_not_keep_a_form_alive(qtbot, idle_english, fake_services):
    window = idle_english
    at_consent(qtbot, window)
    tap(qtbot, window, "cancel")
    assert window.current_screen == "confirm_wipe"
    with qtbot.waitSignal(window.guided.form_wiped, timeout=5_000):
        pass  # nobody answered: "Are you still there?", then wiped without asking
    assert window.current_screen == "home"
    assert fake_services.wizards[0].stage is Stage.WIPED


def test_yes_continue_returns_to_the_question_and_no_to_the_form(qtbot, idle_english):
    window = idle_english
    at_consent(qtbot, window)
    tap(qtbot, window, "cancel")
    with qtbot.waitSignal(window.idle_watcher.timed_out, timeout=5_000):
        pass
    assert window.current_screen == "still_there"
    tap(qtbot, window, "resume")
    assert window.current_screen == "confirm_wipe"
    tap(qtbot, window, "keep_answers")
    assert window.current_screen == "consent"
    assert wizard_of(window).stage is Stage.CONSENT


def ask_on_the_consent(qtbot, window) -> None:
    at_consent(qtbot, window)
    tap(qtbot, window, "cancel")


def ask_on_the_first_question(qtbot, window) -> None:
    open_service(qtbot, window, DOMISILI)
    type_keys(qtbot, window, NIK[:4])
    tap(qtbot, window, "back")


@pytest.mark.parametrize(
    ("ask", "answer", "then"),
    [
        (ask_on_the_consent, "keep_answers", "consent"),
        (ask_on_the_first_question, "keep_answers", "question"),
        (ask_on_the_first_question, "delete_answers", "guided_services"),
    ],
)
def test_an_answer_stops_the_question_being_read(qtbot, english, monkeypatch, ask, answer, then):
    ask(qtbot, english)
    assert english.current_screen == "confirm_wipe"
    stops: list[str] = []
    monkeypatch.setattr(english.voice, "stop", lambda: stops.append(english.current_screen))
    tap(qtbot, english, answer)
    assert english.current_screen == then
    assert stops[:1] == ["confirm_wipe"]  # before the next screen shows
