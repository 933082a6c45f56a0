"""A printer problem offers "Try again" (the same choice, through the same path) when no
ticket can be on its way, and says where staff are."""

from __future__ import annotations

from kiosk.printers import PrinterProblem, PrinterUnavailable
from kiosk.queue.errors import QueueFull, TicketVoided
from kiosk.queue.types import Priority
from tests.ui.fakes import FakeQueue
from tests.ui.helpers import button, tap, tap_until_printing, text
from ui.window import KioskWindow


def fail_once(qtbot, window: KioskWindow, queue: FakeQueue, error: Exception) -> None:
    queue.fail_with = error
    with qtbot.waitSignal(window.print_failed, timeout=5_000):
        tap_until_printing(qtbot, window, "B", "pregnant")
    assert window.current_screen == "printer_problem"
    queue.fail_with = None  # staff put paper in


def test_try_again_prints_the_same_choice_once_the_paper_is_in(
    qtbot, make_window, fake_queue: FakeQueue
) -> None:
    window = make_window(language="en")
    fail_once(qtbot, window, fake_queue, PrinterUnavailable(PrinterProblem.PAPER_OUT))
    assert button(window, "retry").text() == "Try again"
    assert button(window, "back_to_start").property("role") == ""  # one main action
    assert text(window, "where_staff") == "Staff are at the service counter."
    with qtbot.waitSignal(window.ticket_issued, timeout=5_000) as issued:
        tap(qtbot, window, "retry")
    assert window.current_screen == "done"
    assert issued.args[0].code == "B-001"
    calls = [(c.line_code, c.priority, c.language) for c in fake_queue.calls]
    assert calls == [("B", Priority.PREGNANT, "en")] * 2


def test_a_second_tap_on_try_again_prints_one_ticket(
    qtbot, make_window, fake_queue: FakeQueue
) -> None:
    window = make_window()
    fail_once(qtbot, window, fake_queue, PrinterUnavailable(PrinterProblem.COVER_OPEN))
    gate = fake_queue.hold()
    tap(qtbot, window, "retry")
    assert window.current_screen == "printing"
    window.tickets.printer_problem.retry.emit()  # a late second tap
    with qtbot.waitSignal(window.ticket_issued, timeout=5_000):
        gate.set()
    assert window.shutdown(5_000)
    assert len(fake_queue.calls) == 2  # the failed one and one retry


def test_a_cancelled_number_may_be_tried_again_for_a_new_one(
    qtbot, make_window, fake_queue: FakeQueue
) -> None:
    window = make_window(language="en")
    fail_once(qtbot, window, fake_queue, TicketVoided("B-004", PrinterProblem.PAPER_OUT))
    assert "B-004 was cancelled" in text(window, "advice")
    with qtbot.waitSignal(window.ticket_issued, timeout=5_000):
        tap(qtbot, window, "retry")
    assert window.current_screen == "done"


def test_the_problem_is_still_there_after_try_again(
    qtbot, make_window, fake_queue: FakeQueue
) -> None:
    window = make_window()
    fail_once(qtbot, window, fake_queue, PrinterUnavailable(PrinterProblem.PAPER_OUT))
    fake_queue.fail_with = PrinterUnavailable(PrinterProblem.PAPER_OUT)
    with qtbot.waitSignal(window.print_failed, timeout=5_000):
        tap(qtbot, window, "retry")
    assert window.current_screen == "printer_problem"
    assert button(window, "retry").isVisible()  # and again, as often as needed
    tap(qtbot, window, "back_to_start")
    assert window.current_screen == "home"


def test_no_try_again_while_a_ticket_may_still_come_out(qtbot, make_window, fake_queue) -> None:
    window = make_window(printing_watchdog_seconds=0.2)
    fake_queue.hold()
    tap_until_printing(qtbot, window, "A", "none")
    with qtbot.waitSignal(window.printing_timed_out, timeout=3_000):
        pass
    assert window.current_screen == "printer_problem"
    assert not window.tickets.printer_problem.retry_button.isVisible()
    assert button(window, "back_to_start").property("role") == "primary"
    window.tickets.printer_problem.retry.emit()  # even if a tap got through
    assert len(fake_queue.calls) == 1


def test_other_errors_say_where_staff_are_without_try_again(qtbot, make_window, fake_queue):
    window = make_window(language="en")
    fake_queue.fail_with = QueueFull("B")
    with qtbot.waitSignal(window.print_failed, timeout=5_000):
        tap_until_printing(qtbot, window, "B", "none")
    assert window.current_screen == "error"
    assert text(window, "where_staff") == "Staff are at the service counter."
    assert window.tickets.error.spoken_text().endswith("Staff are at the service counter.")
