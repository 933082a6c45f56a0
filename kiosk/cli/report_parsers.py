"""Argument parser of `kiosk report` (argparse only: --help stays quick)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from kiosk.i18n import LANGUAGES

DAILY_DESCRIPTION = (
    "Write the day's report as an A4 PDF: tickets per line, per loket and per hour (with "
    "a chart), wait and service times (median and 90th percentile), no-shows, and the "
    "applications by service and by sync state. It names no citizen. The day runs from "
    "the office's local midnight (office.timezone). Prints the file's path and a one-line "
    "summary."
)
OUTPUT_HELP = (
    "the PDF to write (default: laporan-harian-DATE.pdf in the current folder); an "
    "existing file is refused unless --force, a symbolic link always"
)


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-12-06") from None


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `kiosk report daily`; handlers are named "module:function" (see main.py)."""
    report = commands.add_parser("report", help="the office's reports")
    sub = report.add_subparsers(dest="report_command", required=True)
    daily = sub.add_parser(
        "daily", help="the day's report as an A4 PDF", description=DAILY_DESCRIPTION
    )
    daily.add_argument(
        "--date", type=_iso_date, metavar="YYYY-MM-DD", help="the day (default: today, office time)"
    )
    daily.add_argument("--output", type=Path, metavar="FILE.pdf", help=OUTPUT_HELP)
    daily.add_argument(
        "--language", choices=list(LANGUAGES), help="the report's language (default: ui.language)"
    )
    daily.add_argument("--force", action="store_true", help="replace an existing file")
    daily.set_defaults(handler="report_commands:daily")
