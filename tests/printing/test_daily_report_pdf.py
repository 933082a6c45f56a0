"""The day's report on A4: a real PDF with every number, the chart's bars, reproducible bytes."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from reportlab.graphics.charts.barcharts import VerticalBarChart

from kiosk.reports.types import (
    DailyReport,
    Durations,
    HourCount,
    LineDay,
    LoketDay,
    ServiceCount,
    SyncCounts,
)
from printing.pdf.daily_chart import hours_chart, shown_hours
from printing.pdf.daily_report import render_daily_report_pdf
from tests.helpers.pdf_text import shown_text
from tests.printing.pdf_streams import pdf_text

MADE = datetime(2026, 12, 4, 17, 5, tzinfo=ZoneInfo("Asia/Jakarta"))
OFFICE = "Kantor Desa Sukamaju"
NOTHING = Durations(0, None, None)


def line(code: str, name: str, counts: tuple[int, ...], wait: Durations) -> LineDay:
    issued, served, no_show, cancelled, transferred, voided, still_open = counts
    return LineDay(
        code=code,
        names={"id": name, "en": f"{name} (en)"},
        issued=issued,
        served=served,
        no_show=no_show,
        cancelled=cancelled,
        transferred=transferred,
        voided=voided,
        open=still_open,
        wait=wait,
        service=Durations(served, 300.0 * served, 330.0 * served) if served else NOTHING,
    )


def busy_day() -> DailyReport:
    hours = {8: (17, 9), 9: (12, 14), 10: (4, 6)}
    return DailyReport(
        day=date(2026, 12, 4),
        timezone="Asia/Jakarta",
        lines=(
            line(
                "A", "Administrasi Kependudukan", (21, 15, 2, 1, 1, 3, 2), Durations(19, 750, 1_290)
            ),
            line("B", "Surat Keterangan", (12, 9, 1, 0, 0, 0, 2), Durations(10, 1_500, 2_460)),
        ),
        lokets=(
            LoketDay("1", calls=18, recalls=4, served=14, service=Durations(14, 450, 600)),
            LoketDay("2", calls=11, recalls=0, served=10, service=Durations(10, 510, 700)),
        ),
        hours=tuple(HourCount(h, *hours.get(h, (0, 0))) for h in range(24)),
        wait=Durations(29, 900, 2_100),
        service=Durations(24, 480, 690),
        applications=(
            ServiceCount("sk-domisili", {"id": "Surat Keterangan Domisili"}, 5),
            ServiceCount("sk-usaha", {"id": "Surat Keterangan Usaha", "en": "Business Letter"}, 2),
        ),
        sync=SyncCounts(waiting=3, accepted=2, duplicate=1, conflict=0, rejected=1, set_aside=0),
    )


def english(report: DailyReport) -> str:
    return shown_text(render_daily_report_pdf(report, OFFICE, MADE, "en", compress=False))


def test_it_is_a_pdf_and_the_same_report_gives_the_same_bytes() -> None:
    pdf = render_daily_report_pdf(busy_day(), OFFICE, MADE, "id")
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert render_daily_report_pdf(busy_day(), OFFICE, MADE, "id") == pdf


def test_the_heading_names_the_office_the_day_and_when_it_was_made() -> None:
    shown = english(busy_day())
    assert "KANTOR DESA SUKAMAJU" in shown and "DAILY REPORT" in shown
    assert "Friday, 4 December 2026" in shown
    assert "Made on Friday, 4 December 2026, 17:05 WIB" in shown
    assert "Tickets issued: 33. Served: 24. No-shows: 3. Applications: 7." in shown


def table_rows(shown: str, after: str, count: int) -> list[str]:
    """The `count` shown strings following the first one that is `after`, or starts with
    it and a character outside ASCII (shown as its glyph's code: the font is a subset)."""
    lines = shown.splitlines()
    start = next(
        n
        for n, line in enumerate(lines)
        if line == after or line.startswith((f"{after}\x01", f"{after}\x02"))
    )
    return lines[start + 1 : start + 1 + count]


def test_tickets_per_line_one_column_per_line_and_their_total() -> None:
    shown = english(busy_day())
    assert "Administrasi\nKependudukan (en)" in shown  # its column's head, on two lines
    rows = {
        label: table_rows(shown, label, 3)
        for label in ("Issued", "Served", "No-show", "Cancelled", "Transferred", "Voided")
    }
    assert rows["Issued"] == ["21", "12", "33"]
    assert rows["Served"] == ["15", "9", "24"]
    assert rows["No-show"] == ["2", "1", "3"]
    assert rows["Cancelled"] == ["1", "0", "1"]
    assert rows["Transferred"] == ["1", "0", "1"]
    assert rows["Voided"] == ["3", "0", "3"]
    assert table_rows(shown, "Still open", 3) == ["2", "2", "4"]


def test_waits_and_service_times_in_minutes() -> None:
    shown = english(busy_day())
    assert table_rows(shown, "Wait, median", 3) == ["12,5 min", "25,0 min", "15,0 min"]
    assert table_rows(shown, "Wait, p90", 3) == ["21,5 min", "41,0 min", "35,0 min"]
    assert table_rows(shown, "Service, median", 3) == ["75,0 min", "45,0 min", "8,0 min"]


def test_lokets_hours_and_applications() -> None:
    shown = english(busy_day())
    lokets = shown[shown.index("Lokets") :]
    assert table_rows(lokets, "1", 4) == ["18", "4", "14", "7,5 min"]
    assert table_rows(lokets, "2", 4) == ["11", "0", "10", "8,5 min"]
    assert table_rows(shown, "08.00", 2) == ["17", "9"]
    assert table_rows(shown, "10.00", 2) == ["4", "6"]
    assert table_rows(shown, "Surat Keterangan Domisili", 1) == ["5"]
    assert table_rows(shown, "Business Letter", 1) == ["2"]
    assert table_rows(shown, "Waiting to be sent", 1) == ["3"]
    assert table_rows(shown, "Received by the centre", 1) == ["2"]
    assert table_rows(shown, "Rejected by the centre: call a technician", 1) == ["1"]
    assert table_rows(shown, "All applications", 1) == ["7"]


def test_the_chart_draws_issued_and_called_bars_for_the_office_hours() -> None:
    report = busy_day()
    drawing = hours_chart(report.hours, 400, ("issued", "called"))
    chart = next(item for item in drawing.contents if isinstance(item, VerticalBarChart))
    assert chart.categoryAxis.categoryNames == [f"{h:02d}" for h in range(8, 16)]
    assert chart.data[0] == [17, 12, 4, 0, 0, 0, 0, 0]
    assert chart.data[1] == [9, 14, 6, 0, 0, 0, 0, 0]
    assert chart.valueAxis.valueMax >= 17


def test_an_early_or_late_ticket_widens_the_hours_shown() -> None:
    hours = tuple(HourCount(h, 1 if h in (6, 21) else 0, 0) for h in range(24))
    assert [hour.hour for hour in shown_hours(hours)] == list(range(6, 22))


def test_indonesian_date_and_a_quiet_day() -> None:
    quiet = DailyReport(
        day=date(2026, 12, 6),
        timezone="Asia/Makassar",
        lines=(line("A", "Administrasi Kependudukan", (0,) * 7, NOTHING),),
        lokets=(),
        hours=tuple(HourCount(h, 0, 0) for h in range(24)),
        wait=NOTHING,
        service=NOTHING,
        applications=(),
        sync=SyncCounts(),
    )
    made = datetime(2026, 12, 6, 9, 30, tzinfo=ZoneInfo("Asia/Makassar"))
    shown = pdf_text(render_daily_report_pdf(quiet, OFFICE, made, "id"))
    assert "Minggu, 6 Desember 2026" in shown and "09:30 WITA" in shown
    assert "Administrasi Kependudukan" in shown
    english_text = english(quiet)
    no_wait = table_rows(english_text, "Wait, median", 2)
    assert no_wait[0] == no_wait[1] and len(no_wait[0]) == 1  # the dash, one glyph (subset)
    assert table_rows(english_text, "Called", 2) == ["0", "0"]
    assert "No loket called a ticket on this day." in english_text
    assert "No applications on this day." in english_text
