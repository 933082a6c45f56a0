"""Big on-screen keypads: digits for numbers, and digits and letters for tracking codes."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.applications.tracking import ALPHABET
from ui.base.screen import make_button
from ui.guided.parts import left_label
from ui.i18n import Tr

DELETE = "\b"
EMPTY = ""  # a cell left empty
DIGIT_ROWS = (("1", "2", "3"), ("4", "5", "6"), ("7", "8", "9"), (EMPTY, "0", DELETE))
CODE_COLUMNS = 10
# At least 4 mm between keys (15 px at the panel's ~96 dpi): a finger that misses one
# key lands in the gap, not on its neighbour.
KEY_SPACING_PX = 16
DIGITS = frozenset("0123456789+")  # what a hardware keyboard may type
PLACEHOLDER_FONT_PX = 28  # a sentence in the empty box: two lines fit its height
# Sizes only: the colours stay the screen's, in either contrast.
NUMBER_ENTRY_SHEET = f"""
QLabel#entry[placeholder="true"] {{ font-size: {PLACEHOLDER_FONT_PX}px; font-weight: normal; }}
"""


def key_name(symbol: str, prefix: str = "key") -> str:
    """The key's object name: key_7, key_K, key_delete, and a sign by its Unicode name
    (key_comma, key_space, key_apostrophe, key_hyphen_minus, key_full_stop)."""
    if symbol == DELETE:
        return f"{prefix}_delete"
    if symbol.isalnum():
        return f"{prefix}_{symbol}"
    return f"{prefix}_" + re.sub(r"\W+", "_", unicodedata.name(symbol, "sign").lower())


def cells(row: Sequence[str], width: int) -> Iterator[tuple[int, str, int]]:
    """(column, symbol, span) of each key of `row`: a symbol repeated in neighbouring
    cells is one wide key, and a delete key that ends a short row reaches the right edge."""
    column = 0
    while column < len(row):
        symbol, span = row[column], 1
        while column + span < len(row) and row[column + span] == symbol:
            span += 1
        if symbol == DELETE and column + span == len(row):
            span = width - column
        if symbol != EMPTY:
            yield column, symbol, span
        column += span


class Keypad(QWidget):
    """A grid of keys; `key_pressed` gives the symbol (DELETE for the delete key).

    Every column is as wide as the others; see `cells` for wide keys.
    """

    key_pressed = Signal(str)

    def __init__(
        self,
        rows: Sequence[Sequence[str]],
        tr: Tr,
        parent: QWidget | None = None,
        prefix: str = "key",
    ) -> None:
        """`prefix` starts the keys' object names (`key_name`): two keypads on one
        screen name their keys apart."""
        super().__init__(parent)
        self._prefix = prefix
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(KEY_SPACING_PX)
        self.keys: dict[str, QPushButton] = {}
        width = max(len(row) for row in rows)
        for column in range(width):
            self.grid.setColumnStretch(column, 1)  # every key as wide as the others
        for row_number, row in enumerate(rows):
            for column, symbol, span in cells(row, width):
                self.add_key(symbol, row_number, column, span)
        self.retranslate(tr)

    def add_key(self, symbol: str, row: int, column: int, span: int = 1) -> QPushButton:
        """A key typing `symbol`, `span` columns wide (a keypad may lay out more keys
        than its rows, in cells it shows in turn)."""
        key = make_button(key_name(symbol, self._prefix), "key")
        key.setText(symbol)
        # As wide as its columns, whatever its letter: a W no wider than an I.
        key.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        key.clicked.connect(lambda _on=False, s=symbol: self.key_pressed.emit(s))
        self.grid.addWidget(key, row, column, 1, span)
        self.keys[symbol] = key
        return key

    def retranslate(self, tr: Tr) -> None:
        if DELETE in self.keys:
            self.keys[DELETE].setText(tr("Delete"))


def code_rows() -> list[list[str]]:
    """Crockford's symbols (no I, L, O, U) ten to a row, then the delete key."""
    symbols = [*"1234567890", *[s for s in ALPHABET if s.isalpha()], DELETE]
    return [symbols[i : i + CODE_COLUMNS] for i in range(0, len(symbols), CODE_COLUMNS)]


class NumberEntry(QWidget):
    """What was typed, in big grouped digits, over a big digit keypad.

    Also takes a hardware keyboard's digits and Backspace (the counter PC).
    """

    changed = Signal()

    def __init__(
        self,
        tr: Tr,
        text: str = "",
        max_length: int = 16,
        extra_key: str | None = None,
        group: int = 4,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._text = text
        self._masked = ""  # shown instead of the text until the first key (see `reset`)
        self._placeholder = ""  # said in the empty box (see `reset`)
        self._max_length = max(max_length, len(text))  # an answer given earlier stays whole
        self._group = group
        self._extra_key = extra_key
        self._allowed = DIGITS | ({extra_key} if extra_key else set())
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.display = left_label("entry", object_name="entry")
        self.setStyleSheet(NUMBER_ENTRY_SHEET)
        rows = [list(r) for r in DIGIT_ROWS]
        if extra_key:
            rows[-1][0] = extra_key
        self.keypad = Keypad(rows, tr)
        self.keypad.key_pressed.connect(self._on_key)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        column.addWidget(self.display)
        column.addWidget(self.keypad)
        self._show()

    def text(self) -> str:
        return self._text

    def reset(
        self,
        tr: Tr,
        text: str,
        max_length: int,
        group: int,
        extra_key: bool = True,
        masked: str = "",
        placeholder: str = "",
    ) -> None:
        """Ready for another question, without building the keypad again (fast);
        `extra_key` False hides the extra key this entry was built with. With `masked`,
        that is shown instead of `text` (which Next still gives) until a key is pressed;
        the first key starts the number afresh. `placeholder` shows while nothing is
        typed (a way not to type at all, say)."""
        self._text = text
        self._masked = masked
        self._placeholder = placeholder
        self._max_length = max(max_length, len(text))
        self._group = group
        if self._extra_key is not None:
            self.keypad.keys[self._extra_key].setVisible(extra_key)
            self._allowed = DIGITS | ({self._extra_key} if extra_key else set())
        self.keypad.retranslate(tr)
        self._show()

    def clear(self) -> None:
        """Nothing typed, nor said (without a `changed`: nobody typed this)."""
        self._text = ""
        self._masked = ""
        self._placeholder = ""
        self._show()

    def set_text(self, text: str) -> None:
        self._text = text
        self._show()
        self.changed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Backspace:
            self._on_key(DELETE)
        elif event.text() and event.text() in self._allowed:
            self._on_key(event.text())
        else:
            super().keyPressEvent(event)

    def _on_key(self, symbol: str) -> None:
        if self._masked:  # a number the citizen cannot see whole: typed again from nothing
            self._masked, self._text = "", ""
            if symbol == DELETE:
                self.set_text("")
                return
        if symbol == DELETE:
            text = self._text[:-1]
        elif len(self._text) < self._max_length:
            text = self._text + symbol
        else:
            return  # full: a NIK never has a 17th digit
        self.set_text(text)

    def _show(self) -> None:
        placeholder = not self._text and not self._masked and bool(self._placeholder)
        if self.display.property("placeholder") != placeholder:
            self.display.setProperty("placeholder", placeholder)
            self.display.style().unpolish(self.display)  # its font, now
            self.display.style().polish(self.display)
        if placeholder or self._masked:
            self.display.setText(self._placeholder if placeholder else self._masked)
            return
        shown = self._text
        if self._group and shown.isdigit():
            shown = " ".join(shown[i : i + self._group] for i in range(0, len(shown), self._group))
        self.display.setText(shown)
