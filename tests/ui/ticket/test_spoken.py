"""The ticket path is read aloud as the guided path is: every screen as it shows, the
number as the counter calls it, and the start screen when a citizen is there."""

from __future__ import annotations

from typing import cast

from kiosk.printers import PrinterProblem, PrinterUnavailable
from tests.ui.fakes import FakeQueue, RecordingVoice
from tests.ui.helpers import tap, tap_until_printing
from ui.window import KioskWindow


def said(window: KioskWindow) -> list[str]:
    return cast(RecordingVoice, window.voice).spoken


def test_each_ticket_screen_is_read_as_it_shows(
    qtbot, guided: KioskWindow, fake_queue: FakeQueue
) -> None:
    tap(qtbot, guided, "language_en")
    gate = fake_queue.hold()
    tap(qtbot, guided, "take_number")
    assert said(guided)[-1] == "Which service do you need? A, Population records. B, Certificates."
    tap(qtbot, guided, "line_B")
    assert said(guided)[-1].startswith("Are you elderly (sixty years or older)")
    tap(qtbot, guided, "priority_elderly")
    assert said(guided)[-1] == (
        "Is this right? Service B: Certificates. Priority: Elderly. Print my number. Change."
    )
    tap(qtbot, guided, "print_ticket")
    assert said(guided)[-1] == "Printing your number. Please wait a moment."
    gate.set()
    qtbot.waitUntil(lambda: guided.current_screen == "done", timeout=5_000)
    assert said(guided)[-1].startswith("Your number. B one. Priority: elderly. Certificates.")


def test_the_number_is_read_as_the_counter_calls_it_without_its_zeros(
    qtbot, guided: KioskWindow
) -> None:
    for _ in range(12):
        tap_until_printing(qtbot, guided, "A", "none")
        qtbot.waitUntil(lambda: guided.current_screen == "done", timeout=5_000)
        tap(qtbot, guided, "finish")
    assert guided.tickets.done.number.text() == "A-012"
    spoken = said(guided)[-1]
    assert spoken.startswith("Nomor Anda. a dua belas. Administrasi Kependudukan.")
    assert "nol" not in spoken


def test_a_printer_problem_is_read_aloud(qtbot, guided: KioskWindow, fake_queue) -> None:
    guided.set_language("en")
    fake_queue.fail_with = PrinterUnavailable(PrinterProblem.PAPER_OUT)
    with qtbot.waitSignal(guided.print_failed, timeout=5_000):
        tap_until_printing(qtbot, guided, "B", "none")
    qtbot.waitUntil(lambda: said(guided)[-1].startswith("Sorry."), timeout=5_000)
    assert "paper" in said(guided)[-1].lower()


def test_the_start_screen_is_read_on_a_language_tap_and_on_coming_back(
    qtbot, guided: KioskWindow
) -> None:
    tap(qtbot, guided, "language_en")
    welcome = said(guided)[-1]
    assert welcome.startswith("Welcome. Please touch what you need.")
    assert "Take a queue number" in welcome and "Check status" in welcome
    tap(qtbot, guided, "take_number")
    tap(qtbot, guided, "back")
    assert said(guided)[-1] == welcome


def test_the_next_person_start_is_silent(qtbot, guided: KioskWindow) -> None:
    """A restart after idleness or a finished ticket speaks to nobody."""
    tap(qtbot, guided, "take_number")
    before = len(said(guided))
    guided.restart_for_next_person()
    assert guided.current_screen == "home"
    assert len(said(guided)) == before


def test_the_wait_for_the_service_list_is_read_then_the_list(
    qtbot, make_guided, fake_queue: FakeQueue
) -> None:
    gate = fake_queue.hold_services()  # the database is still opening
    window = make_guided(language="en")
    tap(qtbot, window, "take_number")
    assert window.current_screen == "loading"
    assert said(window)[-1] == "Please wait a moment. The list of services is being prepared."
    gate.set()
    qtbot.waitUntil(lambda: window.current_screen == "line", timeout=5_000)
    assert said(window)[-1].startswith("Which service do you need? A, Population records.")
