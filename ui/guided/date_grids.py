"""Grids of big keys a date is picked from: days, months by name, decades and years."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.base.screen import make_button, make_label
from ui.guided.choices import follow_state
from ui.guided.parts import WrappingButton

DAY_COLUMNS = 8  # four rows; seven would look like weeks, which these are not
MONTH_COLUMNS = 3
DECADE_COLUMNS = 4
YEAR_COLUMNS = 5
DECADES_SHOWN = 12  # 120 years: every living citizen's birth decade
KEY_SPACING_PX = 10  # four rows of days, a message and a problem fit under a question


class KeyGrid(QWidget):
    """A fixed number of keys in rows; `picked` gives the value of the key tapped.

    Keys are built once and given values (and names, `prefix_value`) for each question;
    the chosen one shows checked, keys without a value (or not offered) are hidden.
    """

    picked = Signal(int)

    def __init__(self, prefix: str, slots: int, columns: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._prefix = prefix
        self._values: list[int] = []
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(KEY_SPACING_PX)
        for column in range(columns):
            grid.setColumnStretch(column, 1)  # every key as wide as the others
        self.keys: list[QPushButton] = []
        for slot in range(slots):
            key = make_button("", "date_key")
            key.setCheckable(True)
            key.clicked.connect(lambda _on=False, s=slot: self._pick(s))
            grid.addWidget(key, slot // columns, slot % columns)
            self.keys.append(key)
        grid.setRowStretch(-(-slots // columns), 1)  # the keys keep together at the top

    def set_values(self, values: Sequence[int], texts: Sequence[str] | None = None) -> None:
        """One value per key, from the first; `texts` shown instead of the numbers."""
        self._values = list(values[: len(self.keys)])
        shown = list(texts) if texts is not None else [str(value) for value in values]
        for slot, key in enumerate(self.keys):
            used = slot < len(self._values)
            key.setObjectName(f"{self._prefix}_{self._values[slot]}" if used else "")
            key.setText(shown[slot] if used else "")
            key.setVisible(used)

    def offer(self, highest: int) -> None:
        """Only values up to `highest` can be picked: the others are not shown at all
        (a 31st of February cannot be chosen, nor a birth year in the future)."""
        for key, value in zip(self.keys, self._values, strict=False):
            key.setVisible(value <= highest)

    def mark(self, chosen: int | None) -> None:
        for key, value in zip(self.keys, self._values, strict=False):
            key.setChecked(value == chosen)
        for key in self.keys[len(self._values) :]:
            key.setChecked(False)

    def _pick(self, slot: int) -> None:
        value = self._values[slot]
        self.mark(value)  # a second tap on the chosen key keeps it chosen
        self.picked.emit(value)


class YearPage(QWidget):
    """The ten years of one decade, and a way back to the decades."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.years = KeyGrid("year", 10, YEAR_COLUMNS)
        self.decades_button = make_button("other_decades", "date_key")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(KEY_SPACING_PX * 2)
        column.addWidget(self.years)
        column.addWidget(self.decades_button)
        column.addStretch(1)

    def show_decade(self, decade: int, last_year: int) -> None:
        self.years.set_values(range(decade, decade + 10))
        self.years.offer(last_year)


def decades_up_to(last_year: int, first_year: int) -> list[int]:
    """The DECADES_SHOWN decades up to `last_year`'s, none before `first_year`'s."""
    last = last_year - last_year % 10
    first = max(first_year - first_year % 10, last - 10 * (DECADES_SHOWN - 1))
    return list(range(first, last + 1, 10))


class PartButton(WrappingButton):
    """One part of the date, its name small over its value big ("Bulan" / "Agustus");
    the part being chosen shows checked."""

    def __init__(self, part: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"date_{part}")
        self.setProperty("role", "date_part")
        self.setCheckable(True)
        self.title = make_label("date_part_title", object_name=f"{part}_title")
        self.value = make_label("date_part_value", object_name=f"{part}_value")
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 4, 8, 4)
        column.setSpacing(0)
        for label in (self.title, self.value):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            column.addWidget(label)
        follow_state(self, (self.title, self.value))

    def show_part(self, title: str, value: str) -> None:
        self.title.setText(title)
        self.value.setText(value)
        self.setAccessibleName(f"{title} {value}")


def told(label: QLabel, text: str) -> None:
    """A message under the date's parts, its place given back when there is none."""
    label.setText(text)
    label.setVisible(bool(text))
