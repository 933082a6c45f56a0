"""Idle during a form: "Masih di sini?" with a countdown, then the form is wiped."""

from __future__ import annotations

import pytest

from kiosk.wizard import Stage
from tests.ui.guided import NIK, current_step, open_service, type_keys
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
