"""What the day's report needs from outside: a renderer that lays it out as a PDF."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from kiosk.reports.types import DailyReport


class ReportRenderer(Protocol):
    """Lays the report out (printing.pdf.daily_report.PdfDailyReport); the core may not
    import `printing`, so the composition root plugs it in."""

    def daily_pdf(
        self, report: DailyReport, office_name: str, made_at: datetime, language: str
    ) -> bytes: ...
