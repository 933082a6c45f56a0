"""The ticket flow through the real buttons, with a fake queue behind them."""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel

from kiosk.printers import PrinterProblem, PrinterUnavailable
from kiosk.queue.errors import QueueBusy, QueueFull, TicketNotRecorded, TicketVoided
from kiosk.queue.types import Priority
from tests.ui.helpers import button, tap, tap_until_printing, text


def is_home(name: str) -> bool:
    return name == "home"


def test_a_ticket_without_priority_shows_the_number_and_the_wait(qtbot, window, fake_queue):
    assert window.current_screen == "home"
    with qtbot.waitSignal(window.ticket_issued, timeout=5_000) as issued:
        tap_until_printing(qtbot, window, "B", "none")

    assert issued.args[0].code == "B-001"
    assert window.current_screen == "done"
    assert text(window, "your_number") == "Nomor Anda"
    assert text(window, "ticket_number") == "B-001"
    assert text(window, "people_ahead") == "3 orang di depan Anda"
    assert text(window, "estimated_wait") == "Perkiraan menunggu: sekitar 21 menit"
    assert text(window, "where_to_wait") == "Tunggu di depan loket 2."
    assert text(window, "take_ticket") == "Silakan ambil tiket Anda dari printer."
    assert [(c.line_code, c.priority, c.language) for c in fake_queue.calls] == [("B", None, "id")]
    with qtbot.waitSignal(window.screen_changed, check_params_cb=is_home, timeout=1_000):
        tap(qtbot, window, "finish")


def test_nobody_ahead_is_said_in_words(qtbot, window, fake_queue):
    fake_queue.people_ahead = 0
    with qtbot.waitSignal(window.ticket_issued, timeout=5_000):
        tap_until_printing(qtbot, window, "A", "none")
    assert text(window, "people_ahead") == "Tidak ada orang di depan Anda."
    assert text(window, "estimated_wait") == "Anda akan segera dipanggil."


def test_the_elderly_button_asks_for_elderly_priority(qtbot, window, fake_queue):
    with qtbot.waitSignal(window.ticket_issued, timeout=5_000) as issued:
        tap_until_printing(qtbot, window, "A", "elderly")
    assert fake_queue.calls[0].priority is Priority.ELDERLY
    assert issued.args[0].priority is Priority.ELDERLY


def test_printing_runs_off_the_gui_thread_and_the_gui_keeps_going(qtbot, window, fake_queue):
    gate = fake_queue.hold()
    tap_until_printing(qtbot, window, "B", "none")

    assert fake_queue.started.wait(timeout=5)  # the tap returned while the printer "prints"
    assert window.current_screen == "printing"
    assert fake_queue.calls[0].thread_id != threading.get_ident()
    timer = QTimer()
    timer.setSingleShot(True)
    with qtbot.waitSignal(timer.timeout, timeout=1_000):  # the event loop still runs
        timer.start(20)
    assert window.current_screen == "printing"

    with qtbot.waitSignal(window.ticket_issued, timeout=5_000):
        gate.set()
    assert window.current_screen == "done"


def test_paper_out_says_so_and_gives_no_number(qtbot, window, fake_queue):
    fake_queue.fail_with = PrinterUnavailable(PrinterProblem.PAPER_OUT)
    issued = []
    window.ticket_issued.connect(issued.append)
    with qtbot.waitSignal(window.print_failed, timeout=5_000) as failed:
        tap_until_printing(qtbot, window, "B", "none")

    assert isinstance(failed.args[0], PrinterUnavailable)
    assert window.current_screen == "printer_problem"
    assert text(window, "message") == "Kertas printer habis."
    assert text(window, "advice") == (
        "Nomor antrean Anda belum diambil. Silakan panggil petugas untuk bantuan."
    )
    assert issued == []
    tap(qtbot, window, "back_to_start")
    assert window.current_screen == "home"


def test_a_voided_number_is_named_and_not_said_to_be_unused(qtbot, window, fake_queue):
    """The printer failed after B-004 was used up: the screen says that number is
    cancelled and will not be called, never that no number was used."""
    fake_queue.fail_with = TicketVoided("B-004", PrinterProblem.PAPER_OUT)
    with qtbot.waitSignal(window.print_failed, timeout=5_000) as failed:
        tap_until_printing(qtbot, window, "B", "none")

    assert isinstance(failed.args[0], TicketVoided)
    assert window.current_screen == "printer_problem"
    assert text(window, "message") == "Kertas printer habis."
    advice = text(window, "advice")
    assert advice == (
        "Nomor antrean Anda B-004 dibatalkan karena printer bermasalah dan tidak akan "
        "dipanggil. Silakan panggil petugas untuk bantuan."
    )
    assert "belum diambil" not in advice
    window.set_language("en")
    assert "B-004 was cancelled" in text(window, "advice")


def test_queue_full_is_explained(qtbot, window, fake_queue):
    fake_queue.fail_with = QueueFull("B")
    with qtbot.waitSignal(window.print_failed, timeout=5_000):
        tap_until_printing(qtbot, window, "B", "none")
    assert window.current_screen == "error"
    assert text(window, "message").startswith("Nomor untuk layanan ini sudah habis hari ini.")


def test_a_busy_queue_says_try_again(qtbot, window, fake_queue):
    fake_queue.fail_with = QueueBusy("busy")
    with qtbot.waitSignal(window.print_failed, timeout=5_000):
        tap_until_printing(qtbot, window, "B", "none")
    assert window.current_screen == "error"
    assert "coba lagi" in text(window, "message")


def test_a_printed_but_unsaved_ticket_sends_the_citizen_to_staff(qtbot, window, fake_queue):
    fake_queue.fail_with = TicketNotRecorded("B-007")
    with qtbot.waitSignal(window.print_failed, timeout=5_000):
        tap_until_printing(qtbot, window, "B", "none")
    message = text(window, "message")
    assert "B-007" in message and "petugas" in message


def test_an_unexpected_error_shows_no_details_and_logs_the_type_only(
    qtbot, window, fake_queue, caplog
):
    secret = "NIK 3201234567890001 Siti Aminah"
    fake_queue.fail_with = RuntimeError(secret)
    with caplog.at_level(logging.INFO), qtbot.waitSignal(window.print_failed, timeout=5_000):
        tap_until_printing(qtbot, window, "B", "none")

    assert window.current_screen == "error"
    shown = " ".join(label.text() for label in window.page("error").findChildren(QLabel))
    assert secret not in shown and "RuntimeError" not in shown and "Traceback" not in shown
    assert "RuntimeError" in caplog.text
    assert secret not in caplog.text
    assert all(record.exc_info is None for record in caplog.records)


def test_a_second_tap_after_the_printing_screen_shows_is_ignored_by_the_window(
    qtbot, window, fake_queue
):
    """The window's own guard (the screen is no longer "ticket_confirm"); the
    refuse-while-busy policy of the ticket call is tested directly in test_tasks.py."""
    gate = fake_queue.hold()
    tap(qtbot, window, "take_number")
    tap(qtbot, window, "line_B")
    tap(qtbot, window, "priority_none")
    print_it = button(window, "print_ticket")
    qtbot.mouseClick(print_it, Qt.MouseButton.LeftButton)
    assert fake_queue.started.wait(timeout=5)
    qtbot.mouseClick(print_it, Qt.MouseButton.LeftButton)  # the finger lands again
    window.page("ticket_confirm").confirmed.emit()  # as if the second tap got through
    window.page("priority").priority_chosen.emit(None)  # or a late tap on the one before

    with qtbot.waitSignal(window.ticket_issued, timeout=5_000):
        gate.set()
    assert window.shutdown(5_000)
    with qtbot.assertNotEmitted(window.ticket_issued, wait=200):
        pass  # a wrongly queued second result would arrive in this time
    assert len(fake_queue.calls) == 1
    assert window.current_screen == "done"


def test_english_changes_the_words_and_the_ticket_language(qtbot, window, fake_queue):
    assert button(window, "take_number").text() == "Ambil Nomor Antrean"
    with qtbot.waitSignal(window.language_changed, timeout=1_000):
        tap(qtbot, window, "language_en")
    assert button(window, "take_number").text() == "Take a queue number"
    tap(qtbot, window, "take_number")
    assert button(window, "back").text() == "Back"
    assert button(window, "line_A").findChild(QLabel, "").text() != ""
    with qtbot.waitSignal(window.ticket_issued, timeout=5_000):
        tap(qtbot, window, "line_A")
        assert button(window, "priority_none").text() == "No"
        tap(qtbot, window, "priority_none")
        assert button(window, "print_ticket").text() == "Print my number"
        tap(qtbot, window, "print_ticket")

    assert fake_queue.calls[0].language == "en"
    assert text(window, "your_number") == "Your number"
    assert text(window, "people_ahead") == "3 people ahead of you"
    assert text(window, "estimated_wait") == "Estimated wait: about 21 minutes"
    assert text(window, "where_to_wait") == "Wait on the blue chairs."


def test_back_buttons_go_one_step_back(qtbot, window):
    tap(qtbot, window, "take_number")
    tap(qtbot, window, "line_A")
    tap(qtbot, window, "back")
    assert window.current_screen == "line"
    tap(qtbot, window, "back")
    assert window.current_screen == "home"


def test_the_done_screen_returns_home_by_itself_for_the_next_person(qtbot, make_window, fake_queue):
    window = make_window(done_screen_seconds=0.2)
    tap(qtbot, window, "language_en")
    with qtbot.waitSignal(window.ticket_issued, timeout=5_000):
        tap_until_printing(qtbot, window, "A", "none")
    with qtbot.waitSignal(window.screen_changed, check_params_cb=is_home, timeout=3_000):
        pass
    assert window.language == "id"
    assert button(window, "take_number").text() == "Ambil Nomor Antrean"


def test_idle_returns_home_in_the_default_language(qtbot, make_window):
    window = make_window(idle_timeout_seconds=0.2)
    tap(qtbot, window, "language_en")
    tap(qtbot, window, "high_contrast")
    tap(qtbot, window, "take_number")
    assert window.current_screen == "line"

    with qtbot.waitSignal(window.screen_changed, check_params_cb=is_home, timeout=3_000):
        pass
    assert window.language == "id"
    assert not window.high_contrast
    assert button(window, "take_number").text() == "Ambil Nomor Antrean"


def test_idle_never_leaves_a_ticket_that_is_still_printing(qtbot, make_window, fake_queue):
    window = make_window(idle_timeout_seconds=0.05)
    gate = fake_queue.hold()
    tap_until_printing(qtbot, window, "A", "none")
    for _ in range(3):
        with qtbot.waitSignal(window.idle_watcher.timed_out, timeout=2_000):
            pass
    assert window.current_screen == "printing"
    with qtbot.waitSignal(window.ticket_issued, timeout=5_000):
        gate.set()
    assert window.current_screen == "done"


def test_a_touch_restarts_the_idle_timer(qtbot, qapp, make_window):
    window = make_window(idle_timeout_seconds=10)
    qapp.installEventFilter(window.idle_watcher)
    try:
        timer = window.idle_watcher._timer
        qtbot.waitUntil(lambda: timer.remainingTime() < 9_800, timeout=2_000)
        tap(qtbot, window, "language_en")
        assert timer.remainingTime() > 9_900
    finally:
        qapp.removeEventFilter(window.idle_watcher)


def test_a_card_or_a_scan_restarts_the_idle_timer_like_a_touch(qtbot, make_window):
    window = make_window(idle_timeout_seconds=10)
    timer = window.idle_watcher._timer
    for read in (lambda: window.on_card_tapped("0F00A1B2C3"), lambda: window.on_code_scanned("x")):
        qtbot.waitUntil(lambda: timer.remainingTime() < 9_800, timeout=2_000)
        read()
        assert timer.remainingTime() > 9_900
