"""The day's report's chart: tickets issued and first calls per hour, as grouped bars."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm

from kiosk.reports.types import HourCount
from printing.pdf.fonts import pdf_fonts

HEIGHT = 62 * mm
LEFT, BOTTOM, TOP = 10 * mm, 10 * mm, 12 * mm  # room for the axes' labels and the legend
ISSUED_COLOUR = colors.HexColor("#4a4a4a")
CALLS_COLOUR = colors.HexColor("#a8a8a8")
OFFICE_HOURS = range(8, 16)  # always drawn, so a quiet day still shows the office's hours
FONT_SIZE = 7.5


def shown_hours(hours: Sequence[HourCount]) -> list[HourCount]:
    """The office hours, widened to the first and last hour anything happened in."""
    busy = [hour.hour for hour in hours if hour.issued or hour.calls]
    first = min([OFFICE_HOURS.start, *busy])
    last = max([OFFICE_HOURS.stop - 1, *busy])
    return [hour for hour in hours if first <= hour.hour <= last]


NICE_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
MAX_TICKS = 6


def _value_step(highest: int) -> int:
    """A tick every 1, 2, 5, 10, 20... tickets: a few lines, whole numbers only."""
    for step in NICE_STEPS:
        if highest <= step * MAX_TICKS:
            return step
    return -(-highest // MAX_TICKS)


def hours_chart(hours: Sequence[HourCount], width: float, legend: tuple[str, str]) -> Drawing:
    """Two bars per hour (issued, called) with a legend naming them `legend`."""
    shown = shown_hours(hours)
    font = pdf_fonts().regular
    chart = VerticalBarChart()
    chart.x, chart.y = LEFT, BOTTOM
    chart.width, chart.height = width - LEFT - 2 * mm, HEIGHT - BOTTOM - TOP
    chart.data = [[h.issued for h in shown], [h.calls for h in shown]]
    chart.categoryAxis.categoryNames = [f"{h.hour:02d}" for h in shown]
    highest = max([1, *chart.data[0], *chart.data[1]])
    step = _value_step(highest)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = step * -(-highest // step)
    chart.valueAxis.valueStep = step
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    for label in (chart.categoryAxis.labels, chart.valueAxis.labels):
        label.fontName, label.fontSize = font, FONT_SIZE
    chart.bars[0].fillColor, chart.bars[1].fillColor = ISSUED_COLOUR, CALLS_COLOUR
    chart.bars.strokeColor = None
    chart.groupSpacing, chart.barSpacing = 3, 0.5
    drawing = Drawing(width, HEIGHT)
    drawing.add(chart)
    drawing.add(_legend(legend, font, width))
    return drawing


def _legend(names: tuple[str, str], font: str, width: float) -> Legend:
    legend = Legend()
    legend.x, legend.y = LEFT, HEIGHT - 3 * mm
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = width / 3
    legend.fontName, legend.fontSize = font, FONT_SIZE + 1
    legend.boxAnchor = "nw"
    legend.colorNamePairs = [(ISSUED_COLOUR, names[0]), (CALLS_COLOUR, names[1])]
    return legend
