"""A date an elderly person can set: day, month (by name) and year, each with big - and +."""

from __future__ import annotations

import calendar
from datetime import date
from functools import cache

from babel.dates import get_month_names
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from ui.base.screen import make_button, make_label
from ui.guided.parts import left_label
from ui.i18n import Tr

MINUS = "\u2212"  # a real minus sign: wider and clearer than a hyphen
FIRST_YEAR = 1900
YEARS_AHEAD = 10
NOT_SET = "\u2014"  # an em dash while nothing is chosen
STEPPER_BUTTON_PX = 132  # room for "−10" in the key font, with a margin
PARTS = ("day", "month", "year")


@cache
def month_names(language: str) -> tuple[str, ...]:
    """The months' names, January first (Babel's lookup is slow: once per language)."""
    names = get_month_names("wide", locale=language or "id")
    return tuple(names[month] for month in range(1, 13))


class DateEntry(QWidget):
    """Three rows, Tanggal [-] 17 [+], Bulan [-] Agustus [+], Tahun [-] 1985 [+], and a
    fourth, [-10] [+10], for the years: a birth year is decades away.

    Empty until the first tap, which starts from `start` (today, or the answer held);
    the day wraps within its month and is clamped when the month or the year changes.
    Years go from FIRST_YEAR to YEARS_AHEAD after `today` (the start's year by default),
    wherever the answer held is.
    """

    changed = Signal()

    def __init__(
        self,
        tr: Tr,
        value: date | None,
        start: date,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self._value = value
        self._start = start
        self._today = today or start
        self._last_year = self._today.year + YEARS_AHEAD
        self._months = month_names(tr.language)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(20)
        self.values: dict[str, QLabel] = {}
        self.buttons: dict[str, QPushButton] = {}
        self.titles: dict[str, QLabel] = {}
        for row, part in enumerate(PARTS):
            label = left_label("info")
            self.titles[part] = label
            grid.addWidget(label, row, 0)
            self._add_step(grid, row, 1, part, -1)
            shown = make_label("stepper_value", object_name=f"{part}_value")
            grid.addWidget(shown, row, 2)
            self.values[part] = shown
            self._add_step(grid, row, 3, part, +1)
        self.decade_title = left_label("info")  # says what the fourth row moves
        grid.addWidget(self.decade_title, 3, 0)
        self._add_step(grid, 3, 1, "year", -10)
        self._add_step(grid, 3, 3, "year", +10)
        grid.setColumnStretch(2, 1)
        self._title(tr)
        self._show()

    def value(self) -> date | None:
        return self._value

    def reset(self, tr: Tr, value: date | None, start: date, today: date | None = None) -> None:
        """Ready for another question, without building the steppers again (fast)."""
        self._value, self._start = value, start
        self._today = today or start
        self._last_year = self._today.year + YEARS_AHEAD
        self._months = month_names(tr.language)
        self._title(tr)
        self._show()

    def _title(self, tr: Tr) -> None:
        for part, title in zip(PARTS, (tr("Day"), tr("Month"), tr("Year")), strict=True):
            self.titles[part].setText(title)
        self.decade_title.setText(tr("10 years"))

    def clear(self) -> None:
        """No date chosen (without a `changed`: nobody chose this), and none to start
        from either: a held date was a citizen's, the next tap starts from today."""
        self._value = None
        self._start = self._today
        self._show()

    def set_date(self, value: date | None) -> None:
        self._value = value
        self._show()
        self.changed.emit()

    def _add_step(self, grid: QGridLayout, row: int, column: int, part: str, step: int) -> None:
        direction = "up" if step > 0 else "down"
        size = "" if abs(step) == 1 else f"_{abs(step)}"
        button = make_button(f"{part}_{direction}{size}", "key")
        sign = "+" if step > 0 else MINUS
        button.setText(sign if abs(step) == 1 else f"{sign}{abs(step)}")
        button.setFixedWidth(STEPPER_BUTTON_PX)
        button.clicked.connect(lambda _on=False: self._step(part, step))
        grid.addWidget(button, row, column)
        self.buttons[button.objectName()] = button

    def _step(self, part: str, step: int) -> None:
        current = self._value or self._start
        day, month, year = current.day, current.month, current.year
        if part == "day":
            day = (day - 1 + step) % calendar.monthrange(year, month)[1] + 1
        elif part == "month":
            month = (month - 1 + step) % 12 + 1
        else:
            # A held year outside the range (from a NIK, say) is a bound itself: a tap
            # never moves the other way from the one asked for.
            lowest, highest = min(FIRST_YEAR, year), max(self._last_year, year)
            year = min(max(year + step, lowest), highest)
        day = min(day, calendar.monthrange(year, month)[1])
        self.set_date(date(year, month, day))

    def _show(self) -> None:
        value = self._value
        self.values["day"].setText(str(value.day) if value else NOT_SET)
        self.values["month"].setText(self._months[value.month - 1] if value else NOT_SET)
        self.values["year"].setText(str(value.year) if value else NOT_SET)
