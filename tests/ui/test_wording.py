"""The screens say what the ticket says: one wording, owned by kiosk.queue.messages."""

from __future__ import annotations

import pytest

from kiosk.printers import PrinterProblem, PrinterUnavailable, describe_problem
from kiosk.queue.messages import people_ahead_text, wait_text
from tests.ui.helpers import tap, tap_until_printing, text


@pytest.mark.parametrize("problem", list(PrinterProblem))
def test_every_printer_problem_is_worded_by_the_core(qtbot, window, fake_queue, problem):
    fake_queue.fail_with = PrinterUnavailable(problem)
    with qtbot.waitSignal(window.print_failed, timeout=5_000):
        tap_until_printing(qtbot, window, "A", "none")
    assert text(window, "message") == describe_problem(problem, "id")

    window.set_language("en")  # the screen follows the language like every other
    assert text(window, "message") == describe_problem(problem, "en")
    assert text(window, "message") != describe_problem(problem, "id")


@pytest.mark.parametrize(("people_ahead", "language"), [(0, "id"), (1, "en"), (4, "id"), (4, "en")])
def test_the_done_screen_uses_the_core_waiting_texts(
    qtbot, window, fake_queue, people_ahead, language
):
    fake_queue.people_ahead = people_ahead
    if language != "id":
        tap(qtbot, window, f"language_{language}")
    with qtbot.waitSignal(window.ticket_issued, timeout=5_000) as issued:
        tap_until_printing(qtbot, window, "B", "none")
    minutes = issued.args[0].estimated_wait_minutes
    assert text(window, "people_ahead") == people_ahead_text(people_ahead, language)
    assert text(window, "estimated_wait") == wait_text(minutes, language)
