"""The letter keypad on the real question screen at 1280 x 800: big keys 4 mm apart,
the answer kept over Back and Next, a problem under the keys, and the NIK's card note."""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QPushButton, QWidget

from tests.ui import guided_steps as steps
from tests.ui.guided_steps import NIK, fill_questions, open_service, text_entry
from tests.ui.helpers import tap, text
from tests.ui.test_tour import button_problems
from ui.guided.letters import KEY_HEIGHT_PX, KEY_WIDTH_PX, key_taps
from ui.window import KioskWindow

DOMISILI = "surat-keterangan-domisili"
MIN_GAP_PX = 15  # 4 mm at the panel's ~96 dpi
CARD_NOTE = "Or hold your registered card to the card reader."


@pytest.fixture
def english(make_guided) -> KioskWindow:
    return make_guided(language="en")


def on_window(widget: QWidget) -> QRect:
    return QRect(widget.mapTo(widget.window(), widget.rect().topLeft()), widget.size())


def shown_keys(keypad: QWidget) -> list[QRect]:
    keys = [k for k in keypad.findChildren(QPushButton) if k.isVisible()]
    assert keys
    return [on_window(key) for key in keys]


def gaps(keys: list[QRect]) -> list[int]:
    """Between neighbours in a row, and between one row and the next."""
    rows: dict[int, list[QRect]] = {}
    for key in keys:
        rows.setdefault(key.y(), []).append(key)
    found = []
    for row in rows.values():
        ordered = sorted(row, key=QRect.x)
        found += [right.x() - (left.x() + left.width()) for left, right in pairwise(ordered)]
    tops = sorted(rows)
    found += [low - (high + rows[high][0].height()) for high, low in pairwise(tops)]
    return found


def tap_letters(qtbot, window: KioskWindow, typed: str) -> None:
    for name in key_taps(typed):
        tap(qtbot, window, name)


def to_name(qtbot, window: KioskWindow) -> None:
    open_service(qtbot, window, DOMISILI)
    fill_questions(qtbot, window, stop_at="nama")
    window.page("question").layout().activate()


@pytest.mark.parametrize("digits", [False, True], ids=["letters", "digits"])
def test_the_letter_keys_are_big_and_four_millimetres_apart(qtbot, guided, digits):
    to_name(qtbot, guided)
    keypad = text_entry(guided).keypad
    if digits:
        tap(qtbot, guided, "letter_page")
    keys = shown_keys(keypad)
    assert len(keys) == (16 if digits else 32)  # 12 digits and signs or 28 letters; 4 shared
    for key in keys:
        assert key.width() >= KEY_WIDTH_PX and key.height() >= KEY_HEIGHT_PX, key
        assert QRect(0, 0, 1280, 800).contains(key), key
    assert min(gaps(keys)) >= MIN_GAP_PX, gaps(keys)
    assert button_problems(guided) == []  # nothing clipped or overlapping, Next included


def test_the_number_keys_are_four_millimetres_apart(qtbot, guided):
    open_service(qtbot, guided, DOMISILI)
    guided.page("question").layout().activate()
    keypad = guided.page("question").input.entry.keypad
    assert min(gaps(shown_keys(keypad))) >= MIN_GAP_PX


def test_the_tapped_answer_survives_next_and_back(qtbot, guided):
    to_name(qtbot, guided)
    answer = guided.page("question").input
    assert not answer.dirty
    tap_letters(qtbot, guided, "Siti Aminah")
    assert answer.dirty and text(guided, "letters_display").startswith("SITI AMINAH")
    tap(qtbot, guided, "next")
    assert steps.current_step(guided).name == "tempat_lahir"
    assert text_entry(guided).text() == ""  # the next question starts empty
    tap(qtbot, guided, "back")
    assert steps.current_step(guided).name == "nama"
    assert text_entry(guided).text() == "SITI AMINAH" and not answer.dirty
    assert steps.wizard_of(guided).current.answer == "SITI AMINAH"


def test_a_problem_under_the_keys_leaves_every_key_whole(qtbot, guided):
    to_name(qtbot, guided)
    tap_letters(qtbot, guided, "B")  # too short: 3 to 100 letters
    tap(qtbot, guided, "next")
    assert steps.problems_shown(guided)
    guided.page("question").layout().activate()
    assert button_problems(guided) == []
    for key in shown_keys(text_entry(guided).keypad):
        assert key.height() >= KEY_HEIGHT_PX
    assert "B" in text(guided, "letters_display")  # smaller, still there to fix


def test_the_nik_box_says_a_card_may_be_held_instead(qtbot, english):
    open_service(qtbot, english, DOMISILI)
    assert text(english, "entry") == CARD_NOTE
    steps.type_keys(qtbot, english, NIK[:1])
    assert text(english, "entry") == NIK[:1]  # gone at the first digit
    steps.type_keys(qtbot, english, NIK[1:])
    tap(qtbot, english, "next")
    fill_questions(qtbot, english, stop_at="no_hp")
    assert text(english, "entry") == ""  # a phone number: no card to hold


def test_without_a_card_reader_the_nik_box_says_nothing_of_cards(qtbot, make_guided):
    window = make_guided(language="en", card_reader=False)
    open_service(qtbot, window, DOMISILI)
    assert text(window, "entry") == ""


def test_a_nik_read_from_a_card_says_nothing_of_the_card(qtbot, english):
    assert english.guided is not None
    english.guided.prefill({"nik": NIK, "nama": "SITI AMINAH"})
    open_service(qtbot, english, DOMISILI)
    shown = text(english, "entry")
    assert shown and CARD_NOTE not in shown and NIK not in shown.replace(" ", "")


def test_the_keys_stay_put_while_a_long_address_gets_smaller(qtbot, guided):
    to_name(qtbot, guided)
    entry = text_entry(guided)
    before = [on_window(key) for key in entry.keypad.keys.values()]
    font_px = entry.display.font().pixelSize()
    tap_letters(qtbot, guided, "Jl. Melati Indah No. 12, Gg. Mawar II RT 3/5")
    guided.page("question").layout().activate()
    assert entry.display.font().pixelSize() < font_px  # smaller to show more of it
    assert [on_window(key) for key in entry.keypad.keys.values()] == before
