"""The answer widgets on their own: keypad limits, hardware keys, date steppers."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from kiosk.catalogue.validators import PHONE_PREFIX
from kiosk.i18n import translations
from kiosk.wizard import ChoiceView
from ui.guided.choices import ChoiceButton, ChoiceList
from ui.guided.date_entry import DateEntry
from ui.guided.keypad import DELETE, NumberEntry, code_rows
from ui.i18n import Tr


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_the_number_keypad_stops_at_the_length_and_deletes(qtbot):
    entry = NumberEntry(Tr("id"), max_length=4)
    qtbot.addWidget(entry)
    for digit in "12345":
        click(qtbot, entry.keypad.keys[digit])
    assert entry.text() == "1234"
    assert entry.display.text() == "1234"
    click(qtbot, entry.keypad.keys[DELETE])
    assert entry.text() == "123"
    assert entry.keypad.keys[DELETE].text() == "Hapus"


def test_long_numbers_are_shown_in_groups_of_four(qtbot):
    entry = NumberEntry(Tr("id"), text="3273011708850001")
    qtbot.addWidget(entry)
    assert entry.display.text() == "3273 0117 0885 0001"


def test_a_decimal_keypad_has_a_comma_and_a_hardware_keyboard_works(qtbot):
    entry = NumberEntry(Tr("id"), max_length=8, extra_key=",", group=0)
    qtbot.addWidget(entry)
    assert "," in entry.keypad.keys
    qtbot.keyClicks(entry, "3,2x")
    qtbot.keyClick(entry, Qt.Key.Key_Backspace)
    qtbot.keyClicks(entry, "5")
    assert entry.text() == "3,5"


def test_the_code_keypad_has_crockfords_symbols_only():
    symbols = [s for row in code_rows() for s in row if s != DELETE]
    assert len(symbols) == 32
    assert not {"I", "L", "O", "U"} & set(symbols)


def test_the_date_starts_empty_then_from_today_and_wraps_within_the_month(qtbot):
    entry = DateEntry(Tr("id"), None, start=date(2024, 2, 28))
    qtbot.addWidget(entry)
    assert entry.value() is None
    assert entry.values["month"].text() == "\u2014"
    click(qtbot, entry.buttons["day_up"])
    assert entry.value() == date(2024, 2, 29)  # a leap year
    click(qtbot, entry.buttons["day_up"])
    assert entry.value() == date(2024, 2, 1)  # wraps within February
    click(qtbot, entry.buttons["month_down"])
    assert entry.values["month"].text() == "Januari"


def test_the_day_is_clamped_when_the_month_or_year_changes(qtbot):
    entry = DateEntry(Tr("id"), date(2024, 1, 31), start=date(2026, 3, 1))
    qtbot.addWidget(entry)
    click(qtbot, entry.buttons["month_up"])
    assert entry.value() == date(2024, 2, 29)
    click(qtbot, entry.buttons["year_up"])
    assert entry.value() == date(2025, 2, 28)
    for _ in range(20):
        click(qtbot, entry.buttons["year_down_10"])
    assert entry.value() == date(1900, 2, 28)  # not before 1900
    assert entry.values["year"].text() == "1900"


def test_a_held_date_can_move_decades_up_to_the_years_ahead_of_today(qtbot):
    # Back on a birth date of 1950 given by mistake: +10 must reach 2000, not stop at 1960.
    entry = DateEntry(Tr("id"), None, start=date(2026, 3, 1))
    qtbot.addWidget(entry)
    entry.reset(Tr("id"), date(1950, 6, 1), start=date(1950, 6, 1), today=date(2026, 3, 1))
    for _ in range(5):
        click(qtbot, entry.buttons["year_up_10"])
    assert entry.value() == date(2000, 6, 1)
    for _ in range(5):
        click(qtbot, entry.buttons["year_up_10"])
    assert entry.value() == date(2036, 6, 1)  # ten years after today, no further


def test_a_held_year_past_the_range_never_moves_backwards_on_plus(qtbot):
    entry = DateEntry(Tr("id"), None, start=date(2026, 3, 1))
    qtbot.addWidget(entry)
    held = date(2050, 6, 1)  # past today + 10: from an old definition's default, say
    entry.reset(Tr("id"), held, start=held, today=date(2026, 3, 1))
    click(qtbot, entry.buttons["year_up"])
    assert entry.value() == held  # "+" at its end stays, never jumps back to 2036
    click(qtbot, entry.buttons["year_down"])
    assert entry.value() == date(2049, 6, 1)


def test_a_cleared_date_keeps_nothing_of_the_citizens_to_start_from(qtbot):
    entry = DateEntry(Tr("id"), None, start=date(2026, 3, 1))
    qtbot.addWidget(entry)
    birth = date(1950, 6, 1)
    entry.reset(Tr("id"), birth, start=birth, today=date(2026, 3, 1))
    entry.clear()
    assert entry.value() is None
    click(qtbot, entry.buttons["day_up"])
    assert entry.value() == date(2026, 3, 2)  # from today, not from the birth date


def test_month_names_follow_the_language(qtbot):
    entry = DateEntry(Tr("en"), date(1945, 8, 17), start=date(2026, 3, 1))
    qtbot.addWidget(entry)
    assert entry.values["month"].text() == "August"


def test_a_reused_keypad_hides_its_comma_and_keeps_no_earlier_answer(qtbot):
    entry = NumberEntry(Tr("id"), max_length=8, extra_key=",", group=0)
    qtbot.addWidget(entry)
    entry.show()
    qtbot.keyClicks(entry, "3,2")
    entry.reset(Tr("en"), text="0812", max_length=15, group=0, extra_key=False)
    assert entry.keypad.keys[","].isHidden()
    assert entry.keypad.keys[DELETE].text() == "Delete"
    qtbot.keyClicks(entry, ",9")
    assert entry.text() == "08129"


def test_a_reused_choice_list_relabels_its_buttons_without_a_change(qtbot):
    first = [ChoiceView("a", "Satu"), ChoiceView("b", "Dua"), ChoiceView("c", "Tiga")]
    choices = ChoiceList(first, ["b"], multiple=False)
    qtbot.addWidget(choices)
    built = set(choices.findChildren(ChoiceButton))
    with qtbot.assertNotEmitted(choices.changed):
        choices.set_choices([ChoiceView("x", "Ya"), ChoiceView("y", "Tidak")], ["y"], True)
    assert set(choices.findChildren(ChoiceButton)) == built  # no new widgets
    assert [b.text_shown() for b in choices.buttons.values()] == ["Ya", "Tidak"]
    assert choices.value() == ["y"] and choices.findChild(ChoiceButton, "choice_b") is None
    with qtbot.waitSignal(choices.changed):
        click(qtbot, choices.buttons["x"])
    assert choices.value() == ["x", "y"]


def test_the_phone_message_asks_for_nothing_the_touch_keypad_lacks(qtbot):
    entry = NumberEntry(Tr("id"), max_length=15, extra_key=",", group=0)
    qtbot.addWidget(entry)
    keys = set(entry.keypad.keys)
    for language in ("id", "jv", "en"):
        message = translations(language).gettext(PHONE_PREFIX)
        asked = {symbol for symbol in message if not symbol.isalpha() and not symbol.isspace()}
        assert asked - {",", ".", "-"} <= keys, (language, message)  # digits only


def test_the_decade_row_says_what_it_moves(qtbot):
    entry = DateEntry(Tr("id"), None, start=date(2026, 3, 1))
    qtbot.addWidget(entry)
    assert entry.decade_title.text() == "10 tahun"
    entry.reset(Tr("en"), None, start=date(2026, 3, 1))
    assert entry.decade_title.text() == "10 years"
