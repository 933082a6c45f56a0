"""The staff menu prints today's report: a real report from a real database, through the
A4 print command (here a small program saving what it is given, as the demo's simulated
A4 printer does)."""

from __future__ import annotations

import shlex
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cli.a4_printer import CommandA4Printer
from kiosk.clock import SystemClock
from kiosk.db.engine import create_engine_for, session_factory
from kiosk.queue.desk import QueueDesk
from kiosk.reports.service import DailyReports
from printing.pdf.daily_report import PdfDailyReport
from tests.helpers.database import migrate_and_seed, sqlite_url
from tests.helpers.stubs import RecordingPrinter
from tests.ui.conftest import WindowFactory, shown_windows
from tests.ui.fakes import FakeQueue, FakeServices, FakeStaffPort, RecordingVoice
from tests.ui.helpers import tap, text
from tests.ui.test_staff_window import sign_in_by_number
from ui.contracts import UiOptions
from ui.window import KioskWindow

SIGNAL_MS = 15_000
SAVE = "import sys; open(sys.argv[1], 'wb').write(sys.stdin.buffer.read())"
OFFLINE = "import sys; sys.stdin.buffer.read(); sys.exit('lp: Printer Kantor_A4 is offline')"


@pytest.fixture
def print_program() -> str:
    return SAVE


@pytest.fixture
def make_reporting(
    print_program: str,
    qtbot,
    tmp_path: Path,
    fake_queue: FakeQueue,
    fake_services: FakeServices,
    options: UiOptions,
) -> Iterator[WindowFactory]:
    url = sqlite_url(tmp_path / "office.db")
    migrate_and_seed(url)
    engine = create_engine_for(url)
    sessions = session_factory(engine)
    clock = SystemClock()
    QueueDesk(sessions, RecordingPrinter(), clock, "Kantor", "Asia/Jakarta").issue_ticket("B")
    command = shlex.join([sys.executable, "-c", print_program, str(tmp_path / "printed.pdf")])
    printer = CommandA4Printer(command)
    reports = DailyReports(sessions, clock, "Kantor Uji", "Asia/Jakarta", PdfDailyReport(), printer)

    def build(chosen: UiOptions) -> KioskWindow:
        voice = RecordingVoice(enabled=False)
        staff = FakeStaffPort()
        return KioskWindow(fake_queue, chosen, fake_services, voice, staff=staff, reports=reports)

    yield from shown_windows(qtbot, options, build, fake_queue.release)
    engine.dispose()


def test_a_clerk_prints_todays_report_from_the_staff_menu(
    qtbot, make_reporting: WindowFactory, tmp_path: Path
) -> None:
    window = make_reporting(language="en")
    sign_in_by_number(qtbot, window)
    assert window.current_screen == "staff_menu"
    assert window.staff is not None and window.staff.reports is not None

    with qtbot.waitSignal(
        window.staff.reports.said,
        timeout=SIGNAL_MS,
        check_params_cb=lambda said: said == "Today's report was sent to the printer.",
    ):
        tap(qtbot, window, "staff_daily_report")

    pdf = (tmp_path / "printed.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000
    assert text(window, "report_message") == "Today's report was sent to the printer."


@pytest.mark.parametrize("print_program", [OFFLINE])
def test_a_failing_printer_is_said_in_plain_words(
    qtbot, make_reporting: WindowFactory, tmp_path: Path
) -> None:
    window = make_reporting(language="en")
    sign_in_by_number(qtbot, window)
    assert window.staff is not None and window.staff.reports is not None

    with qtbot.waitSignal(window.staff.reports.said, timeout=SIGNAL_MS) as said:
        tap(qtbot, window, "staff_daily_report")
    if said.args == ["Printing today's report..."]:
        with qtbot.waitSignal(window.staff.reports.said, timeout=SIGNAL_MS) as said:
            pass
    message = text(window, "report_message")
    assert "did not accept" in message and "offline" in message  # what lp said, for staff
    assert "sent to the printer" not in message
    assert not (tmp_path / "printed.pdf").exists()


def test_without_reports_the_menu_has_no_report_button(
    qtbot, fake_queue: FakeQueue, options: UiOptions
) -> None:
    def build(chosen: UiOptions) -> KioskWindow:
        voice = RecordingVoice(enabled=False)
        return KioskWindow(fake_queue, chosen, voice=voice, staff=FakeStaffPort())

    for make in shown_windows(qtbot, options, build, fake_queue.release):
        window = make()
        sign_in_by_number(qtbot, window)
        assert window.current_screen == "staff_menu"
        assert window.staff is not None and window.staff.reports is None
        assert not window.staff.menu.report_button.isVisible()
