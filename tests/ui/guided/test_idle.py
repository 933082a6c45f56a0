"""Idle during a form: "Masih di sini?" with a countdown, then the form is wiped."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from kiosk.wizard import Stage
from tests.ui.guided_steps import (
    NAME,
    NIK,
    current_step,
    fill_questions,
    open_service,
    text_entry,
    type_keys,
)
from tests.ui.helpers import tap, text

IDLE = {"idle_timeout_seconds": 0.3, "still_there_seconds": 0.4}


@pytest.fixture
def idle_window(qapp, make_guided):
    """Touches restart the idle timer, as ui.app installs it."""
    window = make_guided(**IDLE)
    qapp.installEventFilter(window.idle_watcher)
    yield window
    qapp.removeEventFilter(window.idle_watcher)


def test_idle_in_a_form_asks_first_then_wipes_it(qtbot, idle_window, fake_services):
    window = idle_window
    open_service(qtbot, window, "surat-keterangan-domisili")
    type_keys(qtbot, window, NIK)
    tap(qtbot, window, "next")
    assert window.guided is not None

    with qtbot.waitSignal(window.idle_watcher.timed_out, timeout=3_000):
        pass
    assert window.current_screen == "still_there"
    assert text(window, "question") == "Masih di sini?"
    assert "detik" in text(window, "countdown")
    assert window.voice.spoken[-1].startswith("Masih di sini?")
    with qtbot.waitSignal(window.guided.form_wiped, timeout=3_000):
        pass

    assert window.current_screen == "home"
    assert fake_services.wizards[0].stage is Stage.WIPED
    assert window.guided.wizard is None
    assert fake_services.forms == []  # nothing was stored


def test_yes_continue_returns_to_the_same_question_with_the_answers(
    qtbot, idle_window, fake_services
):
    window = idle_window
    open_service(qtbot, window, "surat-keterangan-domisili")
    type_keys(qtbot, window, NIK)
    tap(qtbot, window, "next")
    with qtbot.waitSignal(window.idle_watcher.timed_out, timeout=3_000):
        pass
    tap(qtbot, window, "resume")

    assert window.current_screen == "question"
    assert current_step(window).name == "nama"
    assert fake_services.wizards[0].stage is Stage.QUESTIONS
    assert not window.guided.asking_still_there


def test_idle_outside_a_form_goes_home_without_asking(qtbot, idle_window):
    window = idle_window
    tap(qtbot, window, "check_status")
    assert window.current_screen == "status_entry"
    with qtbot.waitSignal(window.screen_changed, timeout=3_000) as changed:
        pass
    assert changed.args == ["home"]


def widget_texts(window, screens) -> list[str]:
    """Every text a label, line edit or button of these screens holds (hidden or not)."""
    texts = []
    for name in screens:
        page = window.page(name)
        for widget in page.findChildren(QLabel) + page.findChildren(QLineEdit):
            texts.append(widget.text())
        for button in page.findChildren(QPushButton):
            # A date's keys ("Agustus", "17") are the same for everyone: theirs once chosen.
            if button.property("role") != "date_key" or button.isChecked():
                texts.append(button.text())
    return texts


def test_the_wipe_leaves_nothing_of_the_citizen_in_the_screens(qtbot, idle_window):
    window = idle_window
    open_service(qtbot, window, "surat-keterangan-domisili")
    seen = fill_questions(qtbot, window)  # to the summary: every answer on screen
    assert window.current_screen == "summary" and "dusun" in seen
    held = widget_texts(window, ["question", "summary"])
    assert any(NAME in t for t in held) and any("1985" in t for t in held)

    with qtbot.waitSignal(window.guided.form_wiped, timeout=5_000):
        pass
    assert window.current_screen == "home"
    left = widget_texts(window, ["question", "summary", "submitted", "status_result"])
    digits = [t.replace(" ", "") for t in left]
    assert not [t for t in left if NAME in t or "1985" in t or "Agustus" in t]
    assert not [t for t in digits if NIK in t or "0812" in t]
    assert text_entry(window).text() == ""  # and it keeps no undo history to bring back
    question = window.page("question")
    assert all(answer.value() in ("", None, [], False) for answer in question._inputs.values())
