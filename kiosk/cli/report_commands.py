"""`kiosk report daily`: the day's report written as a PDF, and its wiring for the screens."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from kiosk.cli.a4_printer import CommandA4Printer
from kiosk.cli.settings_loader import settings_for
from kiosk.cli.wiring import open_database
from kiosk.clock import SystemClock
from kiosk.config import Settings
from kiosk.i18n import N_, translations
from kiosk.private_files import FileRefused, Refusal, write_new_file
from kiosk.reports.service import DailyReports
from kiosk.reports.types import DailyReport
from printing.pdf.daily_report import PdfDailyReport

FILE_NAME = "laporan-harian-{day}.pdf"
REFUSALS = {
    Refusal.EXISTS: N_("%(path)s already exists. Add --force to replace it."),
    Refusal.LINK: N_("%(path)s is a link to another file. Give the name of a new file."),
    Refusal.UNWRITABLE: N_("%(path)s cannot be written: %(reason)s."),
}


def build_daily_reports(settings: Settings, sessions: sessionmaker[Session]) -> DailyReports:
    """What the staff screen's "Laporan harian" button is given: PDFs from the database
    `sessions`, printed through documents.print_command (the A4 proofs' printer)."""
    return DailyReports(
        sessions,
        SystemClock(),
        settings.office.name,
        settings.office.timezone,
        PdfDailyReport(),
        CommandA4Printer(settings.documents.print_command),
    )


def daily(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    language = args.language or settings.ui.language
    _ = translations(language).gettext
    reports = build_daily_reports(settings, open_database(settings).sessions)
    day = args.date or reports.today()
    path: Path = args.output or Path(FILE_NAME.format(day=day.isoformat()))
    report = reports.report(day)
    pdf = reports.pdf_of(report, language)
    try:
        _write(path, pdf, replace=args.force)
    except FileRefused as refused:
        print(_refusal(refused, _), file=sys.stderr)
        return 1
    print(_("Saved to %(path)s.") % {"path": path})
    print(_summary(report, _))
    return 0


def _write(path: Path, pdf: bytes, replace: bool) -> None:
    """A new file (mode 0600, never through a link); `replace` removes an older regular
    file of that name first (a link is still refused)."""
    if replace and path.is_file() and not path.is_symlink():
        path.unlink()
    write_new_file(path, pdf)


def _summary(report: DailyReport, _: Callable[[str], str]) -> str:
    numbers = {
        "day": report.day.isoformat(),
        "issued": report.issued,
        "served": report.served,
        "no_shows": report.no_shows,
        "applications": report.application_count,
    }
    text = _(
        "%(day)s: %(issued)d tickets issued, %(served)d served, %(no_shows)d no-shows; "
        "%(applications)d applications."
    )
    return text % numbers


def _refusal(refused: FileRefused, _: Callable[[str], str]) -> str:
    """Why the report was not written; nothing was written anywhere."""
    return _(REFUSALS[refused.reason]) % {"path": refused.path, "reason": refused.detail}
