"""The staff menu's "print today's report": the day's A4 report sent to the office printer."""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from kiosk.i18n import translations
from ui.tasks import Policy, Tasks

log = logging.getLogger(__name__)


class ReportsPort(Protocol):
    """The day's report (kiosk.reports.service.DailyReports); `print_today` reads the
    database and prints, so it runs off the GUI thread."""

    def print_today(self, language: str) -> str: ...


class DailyReportPrinter(QObject):
    """Prints today's report, one at a time; `said` carries what to tell the clerk."""

    said = Signal(str)

    def __init__(self, reports: ReportsPort, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reports = reports
        self._tasks = Tasks(self)
        self._language = "id"

    def print_today(self, language: str) -> bool:
        """Start printing; False (nothing started) while a report is on its way."""
        self._language = language
        reports = self._reports
        started = self._tasks.add(
            lambda: reports.print_today(language),
            self._printed,
            self._failed,
            policy=Policy.REFUSE_WHILE_BUSY,
        )
        if started:
            self.said.emit(translations(language).gettext("Printing today's report..."))
        return started

    def busy(self) -> bool:
        return self._tasks.running()

    def wait_for_done(self, msecs: int = 10_000) -> bool:
        return self._tasks.wait_for_done(msecs)

    def _printed(self, _job: object) -> None:
        _ = translations(self._language).gettext
        self.said.emit(_("Today's report was sent to the printer."))

    def _failed(self, error: Exception) -> None:
        # Imported here: the documents' messages bring the sealing code, which the first
        # screen must not wait for (tests/ui/test_start_up.py).
        from kiosk.documents.messages import describe_document_error

        log.error("the day's report did not print: %s", type(error).__name__)
        self.said.emit(describe_document_error(error, self._language))
