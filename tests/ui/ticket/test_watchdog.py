"""A ticket call that never comes back: say the printer is not responding, move on safely."""

from __future__ import annotations

import logging

import pytest

from kiosk.i18n import translations
from kiosk.printers import PrinterProblem, PrinterUnavailable, describe_problem
from kiosk.queue.types import IssuedTicket
from tests.ui.helpers import tap, tap_until_printing, text
from ui.ticket.problem import NO_ANSWER, NOT_TAKEN

WATCHDOG_SECONDS = 0.2


def named(name: str):
    return lambda shown: shown == name


@pytest.fixture
def watched(make_window):
    return make_window(printing_watchdog_seconds=WATCHDOG_SECONDS)


def wait_for_watchdog(qtbot, window) -> None:
    with qtbot.waitSignal(window.printing_timed_out, timeout=3_000):
        pass


def test_a_silent_printer_shows_not_responding(qtbot, watched, fake_queue, caplog):
    fake_queue.hold()
    fake_queue.people_ahead = 0
    with caplog.at_level(logging.WARNING):
        tap_until_printing(qtbot, watched, "A", "none")
        assert watched.current_screen == "printing"
        wait_for_watchdog(qtbot, watched)

    assert watched.current_screen == "printer_problem"
    assert text(watched, "message") == describe_problem(PrinterProblem.NOT_RESPONDING, "id")
    assert text(watched, "advice") == translations("id").gettext(NO_ANSWER)
    assert "not_responding" in caplog.text


def test_a_quick_ticket_never_wakes_the_watchdog(qtbot, watched):
    with qtbot.waitSignal(watched.ticket_issued, timeout=5_000):
        tap_until_printing(qtbot, watched, "A", "none")
    with qtbot.assertNotEmitted(watched.printing_timed_out, wait=round(WATCHDOG_SECONDS * 2000)):
        pass
    assert watched.current_screen == "done"


def test_a_late_ticket_is_logged_and_leaves_the_next_person_alone(
    qtbot, watched, fake_queue, caplog
):
    gate = fake_queue.hold()
    tap_until_printing(qtbot, watched, "A", "none")
    wait_for_watchdog(qtbot, watched)
    tap(qtbot, watched, "back_to_start")
    tap(qtbot, watched, "take_number")
    tap(qtbot, watched, "line_B")  # the next citizen is choosing
    assert watched.current_screen == "priority"

    with (
        caplog.at_level(logging.WARNING),
        qtbot.assertNotEmitted(watched.screen_changed),
        qtbot.assertNotEmitted(watched.ticket_issued),
        qtbot.waitSignal(watched.late_result, timeout=5_000) as late,
    ):
        gate.set()
    assert isinstance(late.args[0], IssuedTicket)
    assert "A-001 printed after the watchdog fired" in caplog.text
    assert watched.current_screen == "priority"

    with qtbot.waitSignal(watched.ticket_issued, timeout=5_000) as issued:
        tap(qtbot, watched, "priority_none")  # and the next person still gets a number
        tap(qtbot, watched, "print_ticket")
    assert issued.args[0].code == "B-001"
    assert watched.current_screen == "done"


def test_a_late_failure_is_ignored_too(qtbot, watched, fake_queue):
    gate = fake_queue.hold()
    fake_queue.fail_with = PrinterUnavailable(PrinterProblem.PAPER_OUT)
    tap_until_printing(qtbot, watched, "A", "none")
    wait_for_watchdog(qtbot, watched)
    tap(qtbot, watched, "back_to_start")

    with (
        qtbot.assertNotEmitted(watched.print_failed),
        qtbot.assertNotEmitted(watched.screen_changed),
        qtbot.waitSignal(watched.late_result, timeout=5_000) as late,
    ):
        gate.set()
    assert isinstance(late.args[0], PrinterUnavailable)
    assert watched.current_screen == "home"


def test_the_next_ticket_while_the_printer_still_hangs_is_refused_plainly(
    qtbot, watched, fake_queue
):
    fake_queue.hold()
    tap_until_printing(qtbot, watched, "A", "none")
    wait_for_watchdog(qtbot, watched)
    tap(qtbot, watched, "back_to_start")

    tap_until_printing(qtbot, watched, "B", "none")
    assert watched.current_screen == "printer_problem"
    assert text(watched, "message") == describe_problem(PrinterProblem.NOT_RESPONDING, "id")
    assert text(watched, "advice") == translations("id").gettext(NOT_TAKEN)
    assert [call.line_code for call in fake_queue.calls] == ["A"]


def test_idle_goes_home_after_the_watchdog_even_while_the_call_hangs(
    qtbot, make_window, fake_queue
):
    window = make_window(printing_watchdog_seconds=0.1, idle_timeout_seconds=0.3)
    fake_queue.hold()
    tap_until_printing(qtbot, window, "A", "none")
    wait_for_watchdog(qtbot, window)
    with qtbot.waitSignal(window.screen_changed, check_params_cb=named("home"), timeout=3_000):
        pass
