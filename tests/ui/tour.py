"""A walk through every screen a citizen meets, as a first-time user taps it.

The start screen, the ticket path, every shipped guided service question by question
(each field type: keypads, dates, choices, text), the summary, consent and receipt,
and the status check; and the clerk's sign-in, menu and documents screen. Each stop
hands the shown page to `visit(name, window)`: the test checks the buttons there,
`scripts/screenshots` saves a PNG of it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from kiosk.catalogue.shipped import shipped_definitions
from tests.ui.fakes import NUMBER, PIN
from tests.ui.guided_steps import (
    agree_and_finish,
    current_step,
    give_valid_answer,
    next_step,
    open_intro,
    read_summary,
)
from tests.ui.helpers import hold_office_name, tap
from ui.window import KioskWindow

Visit = Callable[[str, KioskWindow], None]
MAX_QUESTIONS = 60


def settled(qtbot) -> None:
    """Layouts done and a frame painted, as the panel would show it."""
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    qtbot.wait(30)


def walk(qtbot, window: KioskWindow, visit: Visit) -> list[str]:
    """Every stop of the tour, in order; their names are returned."""
    names: list[str] = []
    stop = _stopper(qtbot, window, visit, names)
    stop("home")
    _ticket_path(qtbot, window, stop)
    for service_id in shipped_definitions():
        _guided_service(qtbot, window, service_id, stop)
    _status_check(qtbot, window, stop)
    return names


def walk_staff(qtbot, window: KioskWindow, visit: Visit) -> list[str]:
    """The clerk's side: the sign-in (number, then PIN), the menu, the documents screen."""
    from tests.ui.test_staff_window import SIGNAL_MS

    names: list[str] = []
    stop = _stopper(qtbot, window, visit, names)
    hold_office_name(qtbot, window)
    screen = window.staff.sign_in if window.staff else None
    assert screen is not None
    stop("staff-number")
    for digit in NUMBER:
        screen.number_entry.keypad.keys[digit].click()
    screen.next_button.click()
    stop("staff-pin")
    with qtbot.waitSignal(screen.signed_in, timeout=SIGNAL_MS):
        for digit in PIN:
            screen.pin_keypad.keys[digit].click()
    stop("staff-menu")
    tap(qtbot, window, "staff_documents")
    stop("staff-documents")
    _next_person(window)
    return names


def _next_person(window: KioskWindow) -> None:
    """The next citizen of the walk chooses larger text again if the last one had it."""
    larger = window.larger_text
    window.restart_for_next_person()
    window.set_larger_text(larger)


def _stopper(qtbot, window: KioskWindow, visit: Visit, names: list[str]) -> Callable[[str], None]:
    def stop(name: str) -> None:
        settled(qtbot)
        names.append(name)
        visit(name, window)

    return stop


def _ticket_path(qtbot, window: KioskWindow, stop: Callable[[str], None]) -> None:
    tap(qtbot, window, "take_number")
    stop("ticket-line")
    tap(qtbot, window, "line_B")
    stop("ticket-priority")
    tap(qtbot, window, "priority_elderly")
    stop("ticket-confirm")
    tap(qtbot, window, "print_ticket")
    qtbot.waitUntil(lambda: window.current_screen == "done", timeout=5_000)
    stop("ticket-done")
    _next_person(window)


def _guided_service(
    qtbot, window: KioskWindow, service_id: str, stop: Callable[[str], None]
) -> None:
    open_intro(qtbot, window, service_id)
    stop(f"{service_id}-00-intro")
    tap(qtbot, window, "start")
    for number in range(1, MAX_QUESTIONS):
        if window.current_screen != "question":
            break
        step = current_step(window)
        stop(f"{service_id}-{number:02d}-{step.name}")
        give_valid_answer(qtbot, window, step)
        next_step(qtbot, window, step)
    assert window.current_screen == "summary", f"{service_id}: no summary"
    stop(f"{service_id}-summary")
    read_summary(qtbot, window)
    tap(qtbot, window, "next")
    stop(f"{service_id}-consent")
    tap(qtbot, window, "back")
    agree_and_finish(qtbot, window)
    qtbot.waitUntil(lambda: window.current_screen == "submitted", timeout=5_000)
    stop(f"{service_id}-submitted")
    _next_person(window)


def _status_check(qtbot, window: KioskWindow, stop: Callable[[str], None]) -> None:
    tap(qtbot, window, "check_status")
    stop("status-entry")
    _next_person(window)
