"""The day's report for staff: its PDF for a day, or today's sent to the A4 printer."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from kiosk.clock import Clock
from kiosk.documents.ports import A4Printer
from kiosk.office_time import business_date, office_zone
from kiosk.reports.daily import daily_report
from kiosk.reports.ports import ReportRenderer
from kiosk.reports.types import DailyReport


class DailyReports:
    """What the staff screen's "Laporan harian" button calls. Every call blocks (the
    database, the PDF, the print command): call it off the GUI thread."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        clock: Clock,
        office_name: str,
        timezone: str,
        renderer: ReportRenderer,
        printer: A4Printer,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._office_name = office_name
        self._timezone = timezone
        self._renderer = renderer
        self._printer = printer

    def today(self) -> date:
        """The office-local business day now."""
        return business_date(self._clock.now(), self._timezone)

    def report(self, day: date) -> DailyReport:
        return daily_report(self._sessions, day, self._timezone)

    def pdf_for(self, day: date, language: str) -> bytes:
        """The report of `day` as an A4 PDF, stamped with the time it was made."""
        return self.pdf_of(self.report(day), language)

    def pdf_of(self, report: DailyReport, language: str) -> bytes:
        """`report` (already read, e.g. to show its summary too) as an A4 PDF."""
        made_at = self._clock.now().astimezone(office_zone(self._timezone))
        return self._renderer.daily_pdf(report, self._office_name, made_at, language)

    def print_today(self, language: str) -> str:
        """Today's report on the A4 printer; its job id (raises A4PrintFailed)."""
        return self._printer.print_pdf(self.pdf_for(self.today(), language))
