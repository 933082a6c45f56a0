"""What lies beyond the loket: a form filled in for the citizen (assisted), a status
lookup (typed or scanned), the proof or letter, and signing out; each comes back to the
loket with the clerk still signed in, until the clerk signs out."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton

from kiosk.queue.desk import QueueDesk
from tests.ui.counter.steps import SIGNAL_MS, open_loket, press, sign_in
from tests.ui.documents.test_screen import CODE
from tests.ui.fakes import FakeServices
from tests.ui.guided_steps import agree_and_finish, fill_questions
from tests.ui.helpers import tap, text
from tests.ui.test_staff_window import walk_away
from ui.counter.loket import LoketFile, LoketSetup
from ui.window import KioskWindow

SERVICE = "surat-keterangan-domisili"


def test_a_form_filled_in_at_the_loket_is_assisted_and_comes_back_to_the_loket(
    qtbot, counter_window: KioskWindow, kiosk_desk: QueueDesk, services: FakeServices
) -> None:
    kiosk_desk.issue_ticket("B")
    open_loket(qtbot, counter_window, 2, "B")
    press(qtbot, counter_window, "call")
    tap(qtbot, counter_window, "counter_forms")
    assert counter_window.current_screen == "guided_services"
    page = counter_window.page("guided_services")

    def listed() -> bool:
        found = page.findChild(QPushButton, f"guided_{SERVICE}")
        return found is not None and found.isVisible()

    qtbot.waitUntil(listed, timeout=SIGNAL_MS)
    tap(qtbot, counter_window, f"guided_{SERVICE}")
    assert counter_window.current_screen == "service_intro"
    tap(qtbot, counter_window, "start")
    fill_questions(qtbot, counter_window)
    agree_and_finish(qtbot, counter_window)
    qtbot.waitUntil(lambda: counter_window.current_screen == "submitted", timeout=SIGNAL_MS)
    tap(qtbot, counter_window, "finish")

    assert [start.assisted for start in services.starts] == [True]
    assert counter_window.current_screen == "counter"
    assert text(counter_window, "counter_code") == "B-001"  # the citizen is still served
    assert counter_window.staff is not None and counter_window.staff.signed_in


def test_back_from_the_services_and_the_status_lookup_is_the_loket(
    qtbot, counter_window: KioskWindow
) -> None:
    open_loket(qtbot, counter_window, 1, "A")
    tap(qtbot, counter_window, "counter_forms")
    tap(qtbot, counter_window, "back")
    assert counter_window.current_screen == "counter"
    tap(qtbot, counter_window, "counter_status")
    assert counter_window.current_screen == "status_entry"
    tap(qtbot, counter_window, "back")
    assert counter_window.current_screen == "counter"


def test_a_receipt_scanned_at_the_loket_opens_its_status(
    qtbot, counter_window: KioskWindow, services: FakeServices
) -> None:
    open_loket(qtbot, counter_window, 1, "A")

    guided = counter_window.guided
    assert guided is not None

    with qtbot.waitSignal(guided.status_shown, timeout=SIGNAL_MS):
        counter_window.on_code_scanned(f"ANJUNGAN:S:{CODE}")

    assert services.lookups == [CODE]
    assert counter_window.current_screen == "status_entry"  # unknown here: said there
    tap(qtbot, counter_window, "back")
    assert counter_window.current_screen == "counter"


def test_the_documents_screen_closes_back_to_the_loket(qtbot, counter_window: KioskWindow) -> None:
    open_loket(qtbot, counter_window, 1, "A")
    tap(qtbot, counter_window, "counter_documents")
    assert counter_window.current_screen == "documents"
    tap(qtbot, counter_window, "close")
    assert counter_window.current_screen == "counter"


def test_idle_time_keeps_the_clerk_at_the_loket_and_sign_out_ends_it(
    qtbot, counter_window: KioskWindow
) -> None:
    flow = open_loket(qtbot, counter_window, 1, "A")
    walk_away(counter_window)
    assert counter_window.current_screen == "counter"
    assert counter_window.staff is not None and counter_window.staff.signed_in

    tap(qtbot, counter_window, "counter_sign_out")

    assert counter_window.current_screen == "home"
    assert not counter_window.staff.signed_in and not flow.active
    qtbot.waitUntil(lambda: not flow.watch.isRunning(), timeout=SIGNAL_MS)
    assert flow.screen.ticket is None


def test_at_a_kiosk_the_loket_is_an_entry_of_the_staff_menu(
    qtbot, make_counter, loket_file: Path
) -> None:
    LoketFile(loket_file).save(LoketSetup(9, ("C",)))
    window: KioskWindow = make_counter(role="kiosk")
    sign_in(qtbot, window)
    assert window.current_screen == "staff_menu"

    tap(qtbot, window, "staff_counter")

    assert window.current_screen == "counter"
    assert text(window, "counter_title") == "Loket 9: Siti Aminah"


class RecordingReports:
    """The day's report printed (the real one: tests/ui/staff/test_daily_report.py)."""

    def __init__(self) -> None:
        self.printed: list[str] = []

    def print_today(self, language: str) -> str:
        self.printed.append(language)
        return "job-1"


def test_the_loket_has_no_report_link_without_a_report(counter_window: KioskWindow) -> None:
    assert counter_window.staff is not None and counter_window.staff.counter is not None
    assert not counter_window.staff.counter.screen.link_buttons["report"].isVisibleTo(
        counter_window
    )


@pytest.mark.parametrize("reports", [RecordingReports()])
def test_todays_report_prints_from_the_loket(
    qtbot, counter_window: KioskWindow, reports: RecordingReports
) -> None:
    open_loket(qtbot, counter_window, 2, "B")
    assert counter_window.staff is not None and counter_window.staff.reports is not None
    with qtbot.waitSignal(
        counter_window.staff.reports.said,
        timeout=SIGNAL_MS,
        check_params_cb=lambda said: said == "Today's report was sent to the printer.",
    ):
        tap(qtbot, counter_window, "counter_report")
    assert reports.printed == ["en"]
    assert text(counter_window, "counter_message") == "Today's report was sent to the printer."
    assert counter_window.current_screen == "counter"
