"""The day's report on A4 for the village head: tickets, lokets, hours, waits, applications."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from babel.dates import format_time
from babel.numbers import format_decimal
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Spacer, Table, TableStyle

from kiosk.i18n import N_, translations
from kiosk.i18n.dates import date_locale, date_with_weekday
from kiosk.office_time import zone_label
from kiosk.reports.types import DailyReport, Durations, LineDay, SyncCounts
from printing.pdf.daily_chart import hours_chart, shown_hours
from printing.pdf.pages import CONTENT_WIDTH, FRAME_PADDING, MARGIN, PageDecorator, build_pdf
from printing.pdf.parts import style, text

BODY = style(10)
SMALL = style(8.5)
CELL = style(8.5)
NUMBER = style(8.5, align=TA_RIGHT)
HEAD = style(7.5, bold=True)
HEAD_NUMBER = style(7.5, bold=True, align=TA_RIGHT)
HEADING = style(12, bold=True, spaceBefore=5 * mm, spaceAfter=2 * mm)
FOOTER = style(8)
NAME_WIDTH = 44 * mm
WIDE_NAME = 120 * mm  # a service's title, a sync state in words
NONE_MEASURED = "–"
GRID = colors.HexColor("#9a9a9a")
SHADE = colors.HexColor("#e8e8e8")
TABLE_STYLE = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
)
TOTAL_ROW = ("BACKGROUND", (0, -1), (-1, -1), SHADE)
TOTAL_COLUMN = ("BACKGROUND", (-1, 0), (-1, -1), SHADE)

# SyncCounts' fields in the order printed, with what each means to staff.
SYNC_ROWS: tuple[tuple[str, str], ...] = (
    ("waiting", N_("Waiting to be sent")),
    ("accepted", N_("Received by the centre")),
    ("duplicate", N_("Already at the centre (sent again)")),
    ("conflict", N_("Conflict at the centre: call a technician")),
    ("rejected", N_("Rejected by the centre: call a technician")),
    ("set_aside", N_("Set aside, does not open: call a technician")),
)

Gettext = Callable[[str], str]


def _count(value: int, language: str) -> str:
    return str(format_decimal(value, locale=date_locale(language)))


def _counts(values: Sequence[int], language: str) -> list[str]:
    return [_count(value, language) for value in values]


def _minutes(seconds: float | None, language: str) -> str:
    """ "12.5 min" (Indonesian "12,5 mnt"); a dash when nothing was measured."""
    if seconds is None:
        return NONE_MEASURED
    _ = translations(language).gettext
    shown = format_decimal(seconds / 60, format="#,##0.0", locale=date_locale(language))
    return _("%(minutes)s min") % {"minutes": shown}


def _table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    total: bool = False,
    name_width: float = NAME_WIDTH,
) -> Table:
    """A ruled table: the first column text, the others numbers (right-aligned)."""
    head = [text(header[0], HEAD), *(text(cell, HEAD_NUMBER) for cell in header[1:])]
    body = [[text(row[0], CELL), *(text(cell, NUMBER) for cell in row[1:])] for row in rows]
    others = (CONTENT_WIDTH - name_width) / max(1, len(header) - 1)
    widths = [name_width, *([others] * (len(header) - 1))]
    table = Table([head, *body], colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TABLE_STYLE)
    if total:
        table.setStyle(TableStyle([TOTAL_ROW]))
    return table


def _section(title: str, first: Flowable, *rest: Flowable) -> list[Flowable]:
    """A heading kept on the page of the first thing it heads."""
    return [KeepTogether([text(title, HEADING), first]), *rest]


def _header(report: DailyReport, office: str, made_at: datetime, language: str) -> list[Flowable]:
    _ = translations(language).gettext
    made = {
        "date": date_with_weekday(made_at.date(), language),
        "time": format_time(made_at, "HH:mm", locale=date_locale(language)),
        "zone": zone_label(report.timezone, made_at),
    }
    return [
        text(office.upper(), style(12, bold=True, align=TA_CENTER)),
        Spacer(1, 2 * mm),
        text(_("Daily Report").upper(), style(16, bold=True, align=TA_CENTER)),
        text(date_with_weekday(report.day, language), style(11, align=TA_CENTER)),
        HRFlowable(width="100%", thickness=1.2, color=colors.black, spaceBefore=3 * mm),
        text(_("Made on %(date)s, %(time)s %(zone)s") % made, style(8.5, spaceBefore=1 * mm)),
    ]


def _summary(report: DailyReport, language: str) -> Flowable:
    _ = translations(language).gettext
    numbers = {
        "issued": _count(report.issued, language),
        "served": _count(report.served, language),
        "no_shows": _count(report.no_shows, language),
        "applications": _count(report.application_count, language),
    }
    sentence = _(
        "Tickets issued: %(issued)s. Served: %(served)s. No-shows: %(no_shows)s. "
        "Applications: %(applications)s."
    )
    return text(sentence % numbers, style(10.5, bold=True, spaceBefore=4 * mm))


def _line_name(line: LineDay, language: str) -> str:
    return f"{line.code} – {line.name(language)}"


def _by_line(
    report: DailyReport,
    labels: Sequence[str],
    cells: Callable[[LineDay], list[str]],
    all_lines: list[str],
    language: str,
) -> Table:
    """One column per line and a last one for every line together; a row per measure
    (a few lines side by side leave each measure's name room to stay on one row)."""
    _ = translations(language).gettext
    header = ["", *(_line_name(line, language) for line in report.lines), _("All lines")]
    columns = [*(cells(line) for line in report.lines), all_lines]
    rows = [[label, *row] for label, *row in zip(labels, *columns, strict=True)]
    table = _table(header, rows)
    table.setStyle(TableStyle([TOTAL_COLUMN]))
    return table


def _lines(report: DailyReport, language: str) -> list[Flowable]:
    _ = translations(language).gettext
    labels = [_("Issued"), _("Served"), _("No-show"), _("Cancelled"), _("Transferred")]
    labels += [_("Voided"), _("Still open")]
    totals = [sum(column) for column in zip(*(_raw(line) for line in report.lines), strict=True)]
    table = _by_line(
        report,
        labels,
        lambda line: _counts(_raw(line), language),
        _counts(totals, language),
        language,
    )
    note = _("A transfer ends a ticket in one line and issues one in the other: it counts in both.")
    return _section(_("Tickets per line"), table, text(note, SMALL))


def _raw(line: LineDay) -> tuple[int, ...]:
    """The line's counts in the order of the table's rows."""
    values = (line.issued, line.served, line.no_show, line.cancelled, line.transferred)
    return (*values, line.voided, line.open)


def _times_cells(wait: Durations, service: Durations, language: str) -> list[str]:
    return [
        _count(wait.count, language),
        _minutes(wait.median, language),
        _minutes(wait.p90, language),
        _count(service.count, language),
        _minutes(service.median, language),
        _minutes(service.p90, language),
    ]


def _times(report: DailyReport, language: str) -> list[Flowable]:
    _ = translations(language).gettext
    labels = [_("Called"), _("Wait, median"), _("Wait, p90")]
    labels += [_("Served"), _("Service, median"), _("Service, p90")]
    table = _by_line(
        report,
        labels,
        lambda line: _times_cells(line.wait, line.service, language),
        _times_cells(report.wait, report.service, language),
        language,
    )
    note = _(
        "Wait: from taking the ticket to its first call. Service: from the first start of "
        "serving to the finish. p90: nine in ten took at most this long."
    )
    return _section(_("Waiting and service times"), table, text(note, SMALL))


def _hours(report: DailyReport, language: str) -> list[Flowable]:
    _ = translations(language).gettext
    legend = (_("Tickets issued"), _("First calls"))
    chart = hours_chart(report.hours, CONTENT_WIDTH, legend)
    busy = [hour for hour in shown_hours(report.hours) if hour.issued or hour.calls]
    rows = [
        [f"{hour.hour:02d}.00–{hour.hour:02d}.59", *_counts((hour.issued, hour.calls), language)]
        for hour in busy
    ]
    if not rows:
        return _section(_("Tickets per hour"), chart)
    return _section(
        _("Tickets per hour"), chart, Spacer(1, 2 * mm), _table([_("Hour"), *legend], rows)
    )


def _lokets(report: DailyReport, language: str) -> list[Flowable]:
    _ = translations(language).gettext
    if not report.lokets:
        return _section(_("Lokets"), text(_("No loket called a ticket on this day."), BODY))
    header = [_("Loket"), _("First calls"), _("Recalls"), _("Served"), _("Service, median")]
    rows = [
        [
            loket.loket,
            *_counts((loket.calls, loket.recalls, loket.served), language),
            _minutes(loket.service.median, language),
        ]
        for loket in report.lokets
    ]
    return _section(_("Lokets"), _table(header, rows))


def _applications(report: DailyReport, language: str) -> list[Flowable]:
    _ = translations(language).gettext
    if not report.applications:
        return _section(_("Applications"), text(_("No applications on this day."), BODY))
    rows = [[s.title(language), _count(s.count, language)] for s in report.applications]
    rows.append([_("All services"), _count(report.application_count, language)])
    by_service = _table([_("Service"), _("Applications")], rows, True, WIDE_NAME)
    return [*_section(_("Applications"), by_service), *_sync(report.sync, language)]


def _sync(sync: SyncCounts, language: str) -> list[Flowable]:
    _ = translations(language).gettext
    rows = [[_(label), _count(getattr(sync, name), language)] for name, label in SYNC_ROWS]
    rows.append([_("All applications"), _count(sync.total, language)])
    table = _table([_("Sync with the centre"), _("Applications")], rows, True, WIDE_NAME)
    return _section(_("Applications by sync state"), table)


def _footer(office: str, report: DailyReport, language: str) -> PageDecorator:
    """The office, the day and the page number at the foot of every page."""
    _ = translations(language).gettext
    left_text = f"{office} · {_('Daily Report')} · {report.day.isoformat()}"

    def draw(canvas: Any, document: Any) -> None:
        left, top = MARGIN + FRAME_PADDING, MARGIN - 4 * mm
        canvas.saveState()
        canvas.setFont(FOOTER.fontName, FOOTER.fontSize)
        canvas.drawString(left, top, left_text)
        page = _("Page %(page)d") % {"page": document.page}
        canvas.drawRightString(left + CONTENT_WIDTH, top, page)
        canvas.restoreState()

    return draw


def render_daily_report_pdf(
    report: DailyReport, office_name: str, made_at: datetime, language: str, compress: bool = True
) -> bytes:
    """The report as A4 PDF bytes, dated `made_at` (aware; the same input, the same bytes).
    `compress=False` leaves the page streams readable, for tests."""
    _ = translations(language).gettext
    story = [
        *_header(report, office_name, made_at, language),
        _summary(report, language),
        *_lines(report, language),
        *_times(report, language),
        *_hours(report, language),
        *_lokets(report, language),
        *_applications(report, language),
    ]
    return build_pdf(
        story,
        title=f"{_('Daily Report')} {report.day.isoformat()}",
        author=office_name,
        language=language,
        created=made_at,
        decorate=_footer(office_name, report, language),
        compress=compress,
    )


class PdfDailyReport:
    """Implements kiosk.reports.ports.ReportRenderer; `compress=False` for tests."""

    def __init__(self, compress: bool = True) -> None:
        self._compress = compress

    def daily_pdf(
        self, report: DailyReport, office_name: str, made_at: datetime, language: str
    ) -> bytes:
        return render_daily_report_pdf(report, office_name, made_at, language, self._compress)
