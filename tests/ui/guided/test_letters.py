"""The letter keypad on its own: taps, delete, the length limit, capitals and spaces,
the digits page, a hardware keyboard, and garbage."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent

from kiosk.wizard.conversion import MAX_TEXT_LENGTH
from ui.guided.keypad import DELETE
from ui.guided.letters import (
    ELLIPSIS,
    LETTER_ROWS,
    PAGE,
    SPACE,
    TO_DIGITS,
    TO_LETTERS,
    LetterEntry,
    key_taps,
)
from ui.i18n import Tr


@pytest.fixture
def entry(qtbot) -> LetterEntry:
    shown = LetterEntry(Tr("en"), max_length=MAX_TEXT_LENGTH)
    qtbot.addWidget(shown)
    shown.resize(800, 600)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def tap_keys(qtbot, entry: LetterEntry, names: list[str]) -> None:
    for name in names:
        key = next(k for k in entry.keypad.keys.values() if k.objectName() == name)
        assert key.isVisible(), name
        qtbot.mouseClick(key, Qt.MouseButton.LeftButton)


def test_tapped_letters_and_a_space_give_the_answer_in_capitals(qtbot, entry):
    with qtbot.waitSignals([entry.changed] * 11):
        tap_keys(qtbot, entry, key_taps("Siti Aminah"))
    assert entry.text() == "SITI AMINAH"
    assert entry.display.text().startswith("SITI AMINAH")  # large, above the keys


def test_the_letters_are_in_alphabetical_rows_with_apostrophe_and_hyphen(entry):
    rows = [[entry.keypad.keys[s].text() for s in row] for row in LETTER_ROWS]
    letters = "".join("".join(row) for row in rows)
    assert letters.replace("'", "").replace("-", "") == "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    assert {"'", "-"} <= set(letters)
    assert entry.keypad.keys[SPACE].text() == "Space"
    assert entry.keypad.keys[DELETE].text() == "Delete"


def test_delete_takes_the_last_sign_and_nothing_from_nothing(qtbot, entry):
    tap_keys(qtbot, entry, key_taps("AB "))
    tap_keys(qtbot, entry, ["letter_delete"])
    assert entry.text() == "AB"
    tap_keys(qtbot, entry, ["letter_delete", "letter_delete"])
    assert entry.text() == ""
    with qtbot.assertNotEmitted(entry.changed):
        tap_keys(qtbot, entry, ["letter_delete"])


def test_an_address_with_a_house_number_and_the_way_back_to_letters(qtbot, entry):
    taps = key_taps("Jl. Melati No. 12, RT 3/5")
    tap_keys(qtbot, entry, taps)
    assert entry.text() == "JL. MELATI NO. 12, RT 3/5"
    # To the digits for "12,", back for "RT", to them again for "3/5": "." and the space
    # are on both pages, so no other tap is spent on the page key.
    assert taps.count("letter_page") == 3
    page = entry.keypad.keys[PAGE]
    assert page.text() == TO_LETTERS and entry.keypad.showing_digits
    assert not entry.keypad.keys["A"].isVisible()
    shared = entry.keypad.keys[SPACE].geometry()
    qtbot.mouseClick(page, Qt.MouseButton.LeftButton)  # one tap back, same place
    assert page.text() == TO_DIGITS and entry.keypad.keys["A"].isVisible()
    assert entry.keypad.keys[SPACE].geometry() == shared  # the shared row never moves


def test_each_question_starts_on_the_letters(qtbot, entry):
    tap_keys(qtbot, entry, key_taps("1"))
    assert entry.keypad.showing_digits
    entry.reset(Tr("en"), "")
    assert not entry.keypad.showing_digits and entry.text() == ""


def test_the_length_stops_at_the_limit_and_a_longer_held_answer_stays_whole(qtbot):
    entry = LetterEntry(Tr("en"), max_length=4)
    qtbot.addWidget(entry)
    for symbol in "ABCDE":
        entry.keypad.keys[symbol].click()
    assert entry.text() == "ABCD"
    entry.reset(Tr("en"), "SITI AMINAH")  # given earlier (a card, an older limit)
    assert entry.text() == "SITI AMINAH"
    entry.keypad.keys[DELETE].click()
    entry.keypad.keys["X"].click()
    assert entry.text() == "SITI AMINAX"  # back to its own length, no further
    entry.keypad.keys["Y"].click()
    assert entry.text() == "SITI AMINAX"


def test_a_hardware_keyboard_types_as_it_types_and_enter_is_next(qtbot, entry):
    qtbot.keyClicks(entry, "Ma'ruf Amin-x")
    qtbot.keyClick(entry, Qt.Key.Key_Backspace)
    qtbot.keyClick(entry, Qt.Key.Key_Backspace)
    assert entry.text() == "Ma'ruf Amin"  # the clerk's own capitals
    with qtbot.waitSignal(entry.submitted, timeout=1_000):
        qtbot.keyClick(entry, Qt.Key.Key_Return)
    with qtbot.waitSignal(entry.submitted, timeout=1_000):
        qtbot.keyClick(entry, Qt.Key.Key_Enter)
    assert entry.text() == "Ma'ruf Amin"


def test_control_keys_and_garbage_type_nothing(qtbot, entry):
    qtbot.keyClicks(entry, "AB")
    with qtbot.assertNotEmitted(entry.changed):
        for key in (Qt.Key.Key_Tab, Qt.Key.Key_Left, Qt.Key.Key_Escape, Qt.Key.Key_F1):
            qtbot.keyClick(entry, key)
        garbage = "\x00\x1b\n\r\t\x7f\u200b"
        event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier(0), garbage)
        entry.keyPressEvent(event)
    assert entry.text() == "AB"


def test_a_huge_paste_stops_at_the_limit_and_the_display_shows_its_end(qtbot, entry):
    huge = "NAMA PANJANG " * 1000
    event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier(0), huge)
    entry.keyPressEvent(event)
    assert entry.text() == huge[:MAX_TEXT_LENGTH]
    shown = entry.display.text()
    assert shown.startswith(ELLIPSIS) and len(shown) < 100  # one line: the end, typed last
    assert entry.width() <= 800  # the text never widens the screen


def test_the_caret_shows_where_the_next_letter_goes(qtbot, entry):
    tap_keys(qtbot, entry, key_taps("AB "))
    with_space = entry.display.text()
    tap_keys(qtbot, entry, ["letter_delete"])
    assert with_space != entry.display.text()  # a space typed is seen


def test_reset_and_clear_change_nothing_the_person_did(qtbot, entry):
    with qtbot.assertNotEmitted(entry.changed):
        entry.reset(Tr("en"), "BUDI")
        entry.clear()
    assert entry.text() == ""


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 '-.,/"))
def test_every_sign_on_the_keys_types_itself(qtbot, text):
    entry = LetterEntry(Tr("en"), max_length=MAX_TEXT_LENGTH)
    qtbot.addWidget(entry)
    names = {key.objectName(): key for key in entry.keypad.keys.values()}
    for name in key_taps(text):
        names[name].click()
    assert entry.text() == text.upper()


def test_a_sign_without_a_key_is_refused_by_name():
    with pytest.raises(ValueError, match="no key"):
        key_taps("Ä")


def test_typed_markup_is_shown_as_typed_never_rendered(qtbot, entry):
    qtbot.keyClicks(entry, "<b>X</b>&amp;")
    assert entry.text() == "<b>X</b>&amp;"
    assert entry.display.textFormat() == Qt.TextFormat.PlainText
    assert entry.display.text().startswith("<b>X</b>&amp;")
