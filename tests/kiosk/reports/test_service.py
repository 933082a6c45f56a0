"""What the staff screen's "Laporan harian" button calls: today's PDF, printed or returned."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session, sessionmaker

from kiosk.reports.service import DailyReports
from printing.pdf.daily_report import PdfDailyReport
from tests.kiosk.reports.scene import DAY, OFFICE, ZONE_NAME, Scene, at
from tests.printing.pdf_streams import pdf_text


@dataclass
class RecordingA4Printer:
    """Stands in for CUPS (`lp`), which this machine has not got."""

    received: list[bytes] = field(default_factory=list)

    def print_pdf(self, pdf: bytes) -> str:
        self.received.append(pdf)
        return f"request id is A4-{len(self.received)}"


def reports(scene: Scene, printer: RecordingA4Printer) -> DailyReports:
    return DailyReports(scene.sessions, scene.clock, OFFICE, ZONE_NAME, PdfDailyReport(), printer)


def test_today_is_the_office_day_and_its_pdf_holds_its_numbers(
    day: tuple[Scene, dict[str, str]], sessions: sessionmaker[Session]
) -> None:
    scene, _ids = day
    scene.clock.set(at(0, 30, day=DAY))
    desk = reports(scene, RecordingA4Printer())
    assert desk.today() == DAY
    scene.clock.set(at(23, 59, 59))
    assert desk.today() == DAY

    shown = pdf_text(desk.pdf_for(DAY, "en"))
    assert "Tickets issued: 10. Served: 5. No-shows: 1. Applications: 6." in shown
    assert "Made on Friday, 4 December 2026, 23:59 WIB" in shown
    assert "251,0 min" in shown  # every line's p90 wait


def test_print_today_sends_todays_report_to_the_a4_printer(
    day: tuple[Scene, dict[str, str]],
) -> None:
    scene, _ids = day
    printer = RecordingA4Printer()
    scene.clock.set(at(17, 0))
    assert reports(scene, printer).print_today("id") == "request id is A4-1"
    (pdf,) = printer.received
    shown = pdf_text(pdf)
    assert "Jumat, 4 Desember 2026" in shown and "KANTOR DESA SUKAMAJU" in shown
