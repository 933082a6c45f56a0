"""The date entry: a birth date by decade, year, month and day in four taps; other dates
from today's month; impossible dates never given."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kiosk.catalogue.model import Field, FieldType
from ui.guided.date_entry import NOT_SET, DateEntry, start_for
from ui.i18n import Tr

TODAY = date(2026, 12, 6)
BIRTH = date(1955, 8, 17)
# Measured: the day/month/year steppers this entry replaced needed, at the fewest, 23
# taps for BIRTH on TODAY (27 on 1 March, 11 on 20 August), by a breadth-first search
# over the old widget's own buttons (git show 84ee985:ui/guided/date_entry.py); now 4.


def click(qtbot, button: QPushButton) -> None:
    assert button.isVisibleTo(button.window()), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def named(entry: DateEntry, name: str) -> QPushButton:
    found = entry.findChild(QPushButton, name)
    assert found is not None, name
    return found


def tap_all(qtbot, entry: DateEntry, *names: str) -> None:
    for name in names:
        click(qtbot, named(entry, name))


def shown_values(entry: DateEntry) -> tuple[str, str, str]:
    buttons = entry.part_buttons
    return tuple(buttons[part].value.text() for part in ("day", "month", "year"))  # type: ignore[return-value]


@pytest.fixture
def birth_entry(qtbot) -> DateEntry:
    """A citizen's own birth date, nothing chosen yet."""
    entry = DateEntry(Tr("en"), None, start=None, today=TODAY)
    qtbot.addWidget(entry)
    entry.show()
    return entry


def test_a_birth_date_of_1955_takes_four_taps(qtbot, birth_entry):
    taps = ["decade_1950", "year_1955", "month_8", "day_17"]
    with qtbot.waitSignal(birth_entry.changed):
        tap_all(qtbot, birth_entry, *taps)
    assert birth_entry.value() == BIRTH
    assert shown_values(birth_entry) == ("17", "August", "1955")


def test_a_birth_date_asks_its_decade_first_and_guesses_nothing(birth_entry):
    assert birth_entry.value() is None
    assert shown_values(birth_entry) == (NOT_SET,) * 3  # not today's month or year
    assert birth_entry.open_part() == "year"
    assert birth_entry.prompt.text() == "Which year?"
    offered = [k.text() for k in birth_entry.decades.keys if k.isVisibleTo(birth_entry)]
    assert offered[0] == "1910s" and offered[-1] == "2020s"  # every living citizen's


def test_a_birth_year_in_the_future_is_not_offered(qtbot, birth_entry):
    click(qtbot, named(birth_entry, "decade_2020"))
    years = [k.text() for k in birth_entry.year_page.years.keys if k.isVisibleTo(birth_entry)]
    assert years == [str(year) for year in range(2020, TODAY.year + 1)]


def test_only_the_citizens_own_birth_date_starts_with_nothing_chosen():
    def field(name: str, kind: FieldType = FieldType.DATE) -> Field:
        return Field(name=name, type=kind, label={"id": name})

    assert start_for(field("tanggal_lahir"), TODAY) is None
    for other in ("tanggal_lahir_bayi", "tanggal_pindah", "tanggal_kematian"):
        assert start_for(field(other), TODAY) == TODAY, other


def test_another_date_starts_in_todays_month_and_takes_one_tap(qtbot):
    entry = DateEntry(Tr("id"), None, start=TODAY, today=TODAY)
    qtbot.addWidget(entry)
    entry.show()
    assert entry.value() is None  # nothing is given without a tap
    assert shown_values(entry) == (NOT_SET, "Desember", "2026")
    assert entry.open_part() == "day"
    click(qtbot, named(entry, "day_20"))
    assert entry.value() == date(2026, 12, 20)
    tap_all(qtbot, entry, "date_year", "year_2027")  # a planned date may lie ahead
    assert entry.value() == date(2027, 12, 20)


def test_the_days_offered_are_the_months_own(qtbot, birth_entry):
    tap_all(qtbot, birth_entry, "decade_1950", "year_1955", "month_2")
    days = [k for k in birth_entry.days.keys if k.isVisibleTo(birth_entry)]
    assert [k.text() for k in days][-1] == "28"
    tap_all(qtbot, birth_entry, "date_year", "year_1956", "date_day")  # a leap year
    assert named(birth_entry, "day_29").isVisibleTo(birth_entry)


def test_a_day_a_later_month_lacks_is_dropped_and_told(qtbot, birth_entry):
    tap_all(qtbot, birth_entry, "decade_1950", "year_1955", "month_1", "day_31")
    assert birth_entry.value() == date(1955, 1, 31)
    tap_all(qtbot, birth_entry, "date_month", "month_2")
    assert birth_entry.value() is None
    assert shown_values(birth_entry) == (NOT_SET, "February", "1955")
    message = birth_entry.message
    assert message.isVisibleTo(birth_entry) and not birth_entry.prompt.isVisibleTo(birth_entry)
    assert message.text() == "February 1955 has only 28 days. Please choose the day again."
    assert birth_entry.open_part() == "day"
    click(qtbot, named(birth_entry, "day_28"))
    assert birth_entry.value() == date(1955, 2, 28)
    assert not message.isVisibleTo(birth_entry)


def test_a_held_date_shows_whole_and_changes_one_part(qtbot):
    entry = DateEntry(Tr("id"), None, start=None, today=TODAY)
    qtbot.addWidget(entry)
    entry.show()
    with qtbot.assertNotEmitted(entry.changed):  # loading is nobody's change
        entry.reset(Tr("id"), date(1985, 8, 17), start=None, today=TODAY)
    assert shown_values(entry) == ("17", "Agustus", "1985")
    assert named(entry, "day_17").isChecked() and named(entry, "month_8").isChecked()
    tap_all(qtbot, entry, "date_year")
    assert named(entry, "year_1985").isChecked()  # its decade's years, the year chosen
    tap_all(qtbot, entry, "other_decades", "decade_1990", "year_1994")
    assert entry.value() == date(1994, 8, 17)


def test_a_held_year_outside_the_decades_still_shows(qtbot):
    entry = DateEntry(Tr("id"), date(1850, 3, 9), start=None, today=TODAY)
    qtbot.addWidget(entry)
    entry.show()
    assert shown_values(entry) == ("9", "Maret", "1850")
    tap_all(qtbot, entry, "date_year", "other_decades", "decade_1940", "year_1945")
    assert entry.value() == date(1945, 3, 9)


def test_a_cleared_date_keeps_nothing_chosen(qtbot):
    entry = DateEntry(Tr("id"), date(1950, 6, 1), start=None, today=TODAY)
    qtbot.addWidget(entry)
    entry.clear()
    assert entry.value() is None
    assert shown_values(entry) == (NOT_SET,) * 3
    keys = [k for k in entry.findChildren(QPushButton) if k.property("role") == "date_key"]
    assert [k.objectName() for k in keys if k.isChecked()] == []


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["day", "month", "year"]), st.integers(1, 31)),
        max_size=12,
    )
)
def test_any_taps_give_a_real_date_or_none(qapp, taps):
    """Whatever a finger does, the answer is a real date matching what is shown, or none."""
    entry = DateEntry(Tr("en"), None, start=None, today=TODAY)
    for part, number in taps:
        grid = {"day": entry.days, "month": entry.months, "year": entry.year_page.years}[part]
        if part == "year":
            entry.year_page.show_decade(1950, TODAY.year)
        key = grid.keys[(number - 1) % len(grid.keys)]
        if not key.isHidden():  # an offered key only: the others cannot be tapped
            key.click()
    value = entry.value()
    day, month, year = shown_values(entry)
    if value is None:
        assert NOT_SET in (day, month, year)
    else:
        assert (day, month, year) == (str(value.day), value.strftime("%B"), str(value.year))
    entry.deleteLater()
