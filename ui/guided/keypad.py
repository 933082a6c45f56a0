"""Big on-screen keypads: digits for numbers, and digits and letters for tracking codes."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.applications.tracking import ALPHABET
from ui.base.screen import make_button
from ui.guided.parts import left_label
from ui.i18n import Tr

DELETE = "\b"
EMPTY = ""  # a cell left empty
DIGIT_ROWS = (("1", "2", "3"), ("4", "5", "6"), ("7", "8", "9"), (EMPTY, "0", DELETE))
CODE_COLUMNS = 10
KEY_SPACING_PX = 10
DIGITS = frozenset("0123456789+")  # what a hardware keyboard may type


def key_name(symbol: str) -> str:
    """The key's object name: key_7, key_K, key_comma, key_delete."""
    return {DELETE: "key_delete", ",": "key_comma"}.get(symbol, f"key_{symbol}")


class Keypad(QWidget):
    """A grid of keys; `key_pressed` gives the symbol (DELETE for the delete key).

    A delete key that ends a short row stretches to the grid's right edge.
    """

    key_pressed = Signal(str)

    def __init__(self, rows: Sequence[Sequence[str]], tr: Tr, parent: QWidget | None = None):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(KEY_SPACING_PX)
        self.keys: dict[str, QPushButton] = {}
        width = max(len(row) for row in rows)
        for column in range(width):
            grid.setColumnStretch(column, 1)  # every key as wide as the others
        for row_number, row in enumerate(rows):
            for column, symbol in enumerate(row):
                if symbol == EMPTY:
                    continue
                key = make_button(key_name(symbol), "key")
                key.setText(symbol)
                key.clicked.connect(lambda _on=False, s=symbol: self.key_pressed.emit(s))
                span = width - column if symbol == DELETE and column == len(row) - 1 else 1
                grid.addWidget(key, row_number, column, 1, span)
                self.keys[symbol] = key
        self.retranslate(tr)

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
        self._max_length = max(max_length, len(text))  # an answer given earlier stays whole
        self._group = group
        self._extra_key = extra_key
        self._allowed = DIGITS | ({extra_key} if extra_key else set())
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.display = left_label("entry", object_name="entry")
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
    ) -> None:
        """Ready for another question, without building the keypad again (fast);
        `extra_key` False hides the extra key this entry was built with. With `masked`,
        that is shown instead of `text` (which Next still gives) until a key is pressed;
        the first key starts the number afresh."""
        self._text = text
        self._masked = masked
        self._max_length = max(max_length, len(text))
        self._group = group
        if self._extra_key is not None:
            self.keypad.keys[self._extra_key].setVisible(extra_key)
            self._allowed = DIGITS | ({self._extra_key} if extra_key else set())
        self.keypad.retranslate(tr)
        self._show()

    def clear(self) -> None:
        """Nothing typed (without a `changed`: nobody typed this)."""
        self._text = ""
        self._masked = ""
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
        if self._masked:
            self.display.setText(self._masked)
            return
        shown = self._text
        if self._group and shown.isdigit():
            shown = " ".join(shown[i : i + self._group] for i in range(0, len(shown), self._group))
        self.display.setText(shown)
