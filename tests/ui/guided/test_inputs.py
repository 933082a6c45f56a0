"""The answer widgets on their own: keypad limits, hardware keys, reused choice lists."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.catalogue.validators import PHONE_PREFIX
from kiosk.i18n import translations
from kiosk.wizard import ChoiceView
from ui.guided.choices import ChoiceButton, ChoiceList
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
