"""A date an elderly person picks in a few taps: the decade and year, the month by name, the day."""

from __future__ import annotations

import calendar
from datetime import date
from functools import cache

from babel.dates import get_month_names
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.catalogue.model import Field, FieldType
from kiosk.wizard.nik_prefill import BIRTH_DATE_FIELD
from ui.guided.date_grids import (
    DAY_COLUMNS,
    DECADE_COLUMNS,
    DECADES_SHOWN,
    MONTH_COLUMNS,
    KeyGrid,
    PartButton,
    YearPage,
    decades_up_to,
    told,
)
from ui.guided.parts import left_label
from ui.i18n import Tr

FIRST_YEAR = 1900
YEARS_AHEAD = 10  # a planned date (moving house) may lie ahead; a birth date never does
NOT_SET = "\u2014"  # an em dash while nothing is chosen
PARTS = ("day", "month", "year")  # as a date is written and read
ASKED = ("year", "month", "day")  # as it is asked: the day last, its month's length known
LEAP_YEAR = 2000  # the longest February, while the year is not chosen yet


@cache
def month_names(language: str) -> tuple[str, ...]:
    """The months' names, January first (Babel's lookup is slow: once per language)."""
    names = get_month_names("wide", locale=language or "id")
    return tuple(names[month] for month in range(1, 13))


def start_for(field: Field, today: date) -> date | None:
    """Where a question's date starts. A citizen's own birth date (the wizard's
    `tanggal_lahir`) starts with nothing chosen and asks its decade first: no age is
    typical enough to guess, and any decade is two taps away. Any other date (a move,
    a death, a baby's birth) starts in today's month and year: usually it is near."""
    birth = field.type is FieldType.DATE and field.name == BIRTH_DATE_FIELD
    return None if birth else today


def days_in(month: int, year: int | None) -> int:
    return calendar.monthrange(year or LEAP_YEAR, month)[1]


class DateEntry(QWidget):
    """The date's three parts as big buttons (Tanggal 17, Bulan Agustus, Tahun 1955)
    over the grid that chooses the one checked: 1950-an then 1955, Agustus, 17.

    Each choice opens the next part still missing (year, month, then day); a day its
    month does not have is not offered, and a day a later month or year makes
    impossible is dropped with a message. `value()` is a date once all three are chosen.
    """

    changed = Signal()

    def __init__(
        self,
        tr: Tr,
        value: date | None,
        start: date | None,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.part_buttons = {part: PartButton(part) for part in PARTS}
        group = QButtonGroup(self)  # one part chosen at a time
        row = QHBoxLayout()
        row.setSpacing(16)
        for part, button in self.part_buttons.items():
            group.addButton(button)
            button.clicked.connect(lambda _on=False, p=part: self._open(p))
            row.addWidget(button, 2 if part == "month" else 1)  # "September" is long
        self.prompt = left_label("info", object_name="date_prompt")
        self.message = left_label("problem", object_name="date_message")  # in its place
        self._build_pages()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)  # the days, a message and a problem under them fit 800 px
        column.addLayout(row)
        column.addWidget(self.prompt)
        column.addWidget(self.message)
        column.addWidget(self.pages)
        self.reset(tr, value, start, today)

    def _build_pages(self) -> None:
        """One grid per part, built once; the year's two: its decades, then its years."""
        self.days = KeyGrid("day", 31, DAY_COLUMNS)
        self.days.set_values(range(1, 32))
        self.months = KeyGrid("month", 12, MONTH_COLUMNS)
        self.decades = KeyGrid("decade", DECADES_SHOWN, DECADE_COLUMNS)
        self.year_page = YearPage()
        self.pages = QStackedWidget()
        for page in (self.days, self.months, self.decades, self.year_page):
            self.pages.addWidget(page)
        self.days.picked.connect(lambda day: self._choose("day", day))
        self.months.picked.connect(lambda month: self._choose("month", month))
        self.decades.picked.connect(self._open_decade)
        self.year_page.years.picked.connect(lambda year: self._choose("year", year))
        self.year_page.decades_button.clicked.connect(self._open_decades)

    def value(self) -> date | None:
        day, month, year = (self._parts[part] for part in PARTS)
        if day is None or month is None or year is None:
            return None
        return date(year, month, day)  # never impossible: see _drop_impossible_day

    def reset(
        self, tr: Tr, value: date | None, start: date | None, today: date | None = None
    ) -> None:
        """Ready for another question, without building the grids again (fast); with no
        `value`, the month and year of `start` are chosen already (none without one)."""
        self._tr = tr
        self._today = today or start or date.today()
        self._last_year = self._today.year + (YEARS_AHEAD if start else 0)
        self._months = month_names(tr.language)
        self._parts = _parts_of(value, start)
        self._told = ""
        self._translate()
        self._show()
        self._open(self._missing() or "day")

    def clear(self) -> None:
        """No date chosen (without a `changed`: nobody chose this)."""
        self._parts = _parts_of(None, None)
        self._told = ""
        self._show()
        self._open(self._missing() or "day")

    def set_date(self, value: date | None) -> None:
        self._parts = _parts_of(value, None)
        self._told = ""
        self._show()
        self.changed.emit()

    def open_part(self) -> str:
        """Which part the grid shown chooses."""
        return next(part for part, button in self.part_buttons.items() if button.isChecked())

    def _translate(self) -> None:
        tr = self._tr
        shown = decades_up_to(self._last_year, FIRST_YEAR)
        self.decades.set_values(shown, [tr("%(decade)ds") % {"decade": d} for d in shown])
        self.months.set_values(range(1, 13), self._months)
        self.year_page.decades_button.setText(tr("Other decades"))

    def _choose(self, part: str, value: int) -> None:
        self._parts[part] = value
        self._told = self._drop_impossible_day()
        self._show()
        self._open(self._missing() or part)
        self.changed.emit()

    def _drop_impossible_day(self) -> str:
        """A 31st chosen before February (or a 29th before a year that is not leap) is
        taken back, and the citizen told why: never a date moved without a word."""
        day, month, year = (self._parts[part] for part in PARTS)
        if day is None or month is None or day <= days_in(month, year):
            return ""
        self._parts["day"] = None
        name = self._months[month - 1] + (f" {year}" if year else "")
        text = self._tr("%(month)s has only %(days)d days. Please choose the day again.")
        return text % {"month": name, "days": days_in(month, year)}

    def _missing(self) -> str | None:
        return next((part for part in ASKED if self._parts[part] is None), None)

    def _open(self, part: str) -> None:
        self.part_buttons[part].setChecked(True)
        self._prompt()
        year = self._parts["year"]
        if part == "year" and year is not None:
            self._open_decade(year - year % 10)
        elif part == "year":
            self._open_decades()
        else:
            self.pages.setCurrentWidget(self.days if part == "day" else self.months)

    def _open_decades(self) -> None:
        year = self._parts["year"]
        self.decades.mark(None if year is None else year - year % 10)
        self.pages.setCurrentWidget(self.decades)

    def _open_decade(self, decade: int) -> None:
        self.part_buttons["year"].setChecked(True)
        self.year_page.show_decade(decade, self._last_year)
        self.year_page.years.mark(self._parts["year"])
        self.pages.setCurrentWidget(self.year_page)

    def _show(self) -> None:
        day, month, year = (self._parts[part] for part in PARTS)
        tr = self._tr
        shown = {
            "day": (tr("Day"), str(day) if day else NOT_SET),
            "month": (tr("Month"), self._months[month - 1] if month else NOT_SET),
            "year": (tr("Year"), str(year) if year else NOT_SET),
        }
        for part, (title, value) in shown.items():
            self.part_buttons[part].show_part(title, value)
        self.days.offer(days_in(month, year) if month else 31)
        self.days.mark(day)
        self.months.mark(month)
        self.year_page.years.mark(year)
        told(self.message, self._told)
        self._prompt()

    def _prompt(self) -> None:
        """What the grid shown asks, until the date is whole (its place is then the
        room a problem with the date needs, under the grid), or a message stands there."""
        tr = self._tr
        asked = {"year": tr("Which year?"), "month": tr("Which month?"), "day": tr("Which day?")}
        checked = [part for part, button in self.part_buttons.items() if button.isChecked()]
        whole = self._missing() is None
        told(self.prompt, "" if self._told or whole or not checked else asked[checked[0]])


def _parts_of(value: date | None, start: date | None) -> dict[str, int | None]:
    if value is not None:
        return {"day": value.day, "month": value.month, "year": value.year}
    if start is not None:
        return {"day": None, "month": start.month, "year": start.year}
    return dict.fromkeys(PARTS)
