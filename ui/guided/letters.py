"""The big alphabetical keypad for names and addresses, with what was typed above it."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from ui.guided.keypad import DELETE, EMPTY, KEY_SPACING_PX, Keypad, key_name
from ui.i18n import Tr

SPACE = " "
PAGE = "page"  # the key that shows the digits instead of the letters, and back
TO_DIGITS, TO_LETTERS = "123", "ABC"  # what the page key says: what it brings
PAGE_FONT_PX = 32  # three capitals on one key
# Letters in alphabetical rows (no QWERTY to hunt on), the apostrophe (Ma'ruf) and the
# hyphen; under them the keys both pages share: the page key, the full stop of "Jl."
# and "No.", a wide space and delete.
LETTER_ROWS = ("ABCDEFG", "HIJKLMN", "OPQRSTU", "VWXYZ'-")
# House numbers and RT/RW "003/005", the digits laid out as on the NIK's keypad.
DIGIT_ROWS = (
    ("1", "2", "3", EMPTY, ","),
    ("4", "5", "6", EMPTY, "/"),
    ("7", "8", "9"),
    (EMPTY, "0"),
)
DIGIT_SIGNS = "".join("".join(row) for row in DIGIT_ROWS)
SHARED_ROW = (PAGE, ".", SPACE, SPACE, SPACE, DELETE, DELETE)
COLUMNS = len(SHARED_ROW)
TYPED_BY_KEYS = "".join(LETTER_ROWS) + DIGIT_SIGNS + "." + SPACE
KEY_PREFIX = "letter"  # letter_A, letter_space, letter_delete: apart from the digit keypad's
KEY_WIDTH_PX, KEY_HEIGHT_PX = 100, 86  # the minimum: easier than a phone's
MIN_WIDTH_PX = COLUMNS * KEY_WIDTH_PX + (COLUMNS - 1) * KEY_SPACING_PX  # 796
KEY_BORDER_PX = 3  # ui.theme's, around the key
ELLIPSIS = "\u2026"
CARET = "_"  # where the next letter goes (a thin bar read as an I); a space shows
# A long text: the display's font steps down before the start is elided.
DISPLAY_FONT_PX = {"large": 44, "medium": 38, "small": 30}
BOX_PADDING_PX, BOX_BORDER_PX = 16, 3  # the display's, as in ui.guided.style
DISPLAY_PX = 72  # a line of the largest capitals, in its box


def letters_stylesheet() -> str:
    """Sizes only: colours and the high-contrast look come from the screen's key role."""
    return f"""
QPushButton[role="key"] {{ min-height: {KEY_HEIGHT_PX - 2 * KEY_BORDER_PX}px; }}
QPushButton#{key_name(PAGE, KEY_PREFIX)} {{ font-size: {PAGE_FONT_PX}px; }}
QLabel#letters_display {{ min-height: 0px; padding: 0px {BOX_PADDING_PX}px; }}
""" + "".join(
        f'QLabel#letters_display[fit="{fit}"] {{ font-size: {px}px; }}\n'
        for fit, px in DISPLAY_FONT_PX.items()
    )


class LetterKeypad(Keypad):
    """Letters, or digits with "ABC" on the page key: one tap back, in the same place,
    and the typed text stays in view; the letters come back with each question."""

    def __init__(self, tr: Tr, parent: QWidget | None = None) -> None:
        super().__init__([*LETTER_ROWS, SHARED_ROW], tr, parent, prefix=KEY_PREFIX)
        self.letters = [self.keys[s] for s in "".join(LETTER_ROWS)]
        self.digits = [
            self.add_key(symbol, row, column)
            for row, symbols in enumerate(DIGIT_ROWS)
            for column, symbol in enumerate(symbols)
            if symbol != EMPTY
        ]
        for key in self.keys.values():
            key.setMinimumWidth(KEY_WIDTH_PX)
        for key in self.letters + self.digits:
            policy = key.sizePolicy()
            policy.setRetainSizeWhenHidden(True)  # the shared row never moves
            key.setSizePolicy(policy)
        self.key_pressed.connect(self._on_page_key)
        self.show_letters()

    @property
    def showing_digits(self) -> bool:
        return not self.digits[0].isHidden()

    def show_letters(self) -> None:
        self._show_page(digits=False)

    def retranslate(self, tr: Tr) -> None:
        super().retranslate(tr)
        self.keys[SPACE].setText(tr("Space"))

    def _on_page_key(self, symbol: str) -> None:
        if symbol == PAGE:
            self._show_page(digits=not self.showing_digits)

    def _show_page(self, digits: bool) -> None:
        for key in self.letters:
            key.setVisible(not digits)
        for key in self.digits:
            key.setVisible(digits)
        self.keys[PAGE].setText(TO_LETTERS if digits else TO_DIGITS)


class TypedLine(QLabel):
    """What was typed, on one line whose height never follows its font (the keys under
    it stay put while the text gets smaller). It never grows the screen: a long text is
    elided at its start; a validation problem shown under the keys takes its height
    from here, not from the keys."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("letters_display")
        self.setProperty("role", "entry")
        self.setTextFormat(Qt.TextFormat.PlainText)  # typed text is never markup
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(1)
        self.setMaximumHeight(DISPLAY_PX)

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), DISPLAY_PX)


class LetterEntry(QWidget):
    """What was typed, large, over the letter keypad; letters typed as capitals (as on
    the KTP). A hardware keyboard types too (the counter PC), as it types; Enter is
    Next. No input method: Qt's on-screen keyboard never opens for it."""

    changed = Signal()
    submitted = Signal()

    def __init__(self, tr: Tr, max_length: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._max_length = max_length
        self._limit = max_length  # more for an answer given earlier (see `reset`)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.setStyleSheet(letters_stylesheet())
        self.display = TypedLine()
        self.keypad = LetterKeypad(tr)
        self.keypad.key_pressed.connect(self._on_key)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)  # a validation problem under the keys still fits 800 px
        column.addWidget(self.display)
        column.addWidget(self.keypad)
        self._show()

    def text(self) -> str:
        return self._text

    def reset(self, tr: Tr, text: str) -> None:
        """Ready for another question (without a `changed`: nobody typed this), on the
        letters page; an answer given earlier stays whole, however long."""
        self._text = text
        self._limit = max(self._max_length, len(text))
        self.keypad.retranslate(tr)
        self.keypad.show_letters()
        self._show()

    def clear(self) -> None:
        self._text = ""
        self.keypad.show_letters()
        self._show()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit()
        elif key == Qt.Key.Key_Backspace:
            self._on_key(DELETE)
        elif _typed(event.text()):
            self._add(_typed(event.text()))
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show()

    def _on_key(self, symbol: str) -> None:
        if symbol == DELETE:
            if self._text:
                self._set(self._text[:-1])
        elif symbol != PAGE:
            self._add(symbol)

    def _add(self, typed: str) -> None:
        room = self._limit - len(self._text)
        if room > 0:  # full: the wizard would refuse a longer answer anyway
            self._set(self._text + typed[:room])

    def _set(self, text: str) -> None:
        self._text = text
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        shown = self._text + CARET
        fit = next((f for f in DISPLAY_FONT_PX if _fits(self.display, shown, f)), "small")
        if self.display.property("fit") != fit:
            self.display.setProperty("fit", fit)
            self.display.style().unpolish(self.display)  # the font of `fit`, now
            self.display.style().polish(self.display)
        self.display.setText(_elided(self.display, shown))


def key_taps(text: str) -> list[str]:
    """The keys (object names) a finger taps to type `text` from the letters page,
    the page key included where it must change; ValueError for a sign with no key."""
    taps, digits = [], False
    for symbol in text.upper():
        if symbol not in TYPED_BY_KEYS:
            raise ValueError(f"no key types {symbol!r}")
        wanted = digits if symbol in SHARED_ROW else symbol in DIGIT_SIGNS
        if wanted != digits:
            taps.append(key_name(PAGE, KEY_PREFIX))
            digits = wanted
        taps.append(key_name(symbol, KEY_PREFIX))
    return taps


def _typed(text: str) -> str:
    """What a hardware key typed that an answer may hold: printable characters only."""
    return "".join(c for c in text if c.isprintable())


def _room(label: QLabel) -> int:
    """The text's width in the box: less the stylesheet's padding and border."""
    return label.width() - 2 * (BOX_PADDING_PX + BOX_BORDER_PX)


def _fits(label: QLabel, text: str, fit: str) -> bool:
    """On one line in the font of `fit`, and as high as the box (lower while a problem
    shows under the keys)."""
    font = QFont(label.font())
    font.setPixelSize(DISPLAY_FONT_PX[fit])
    metrics = QFontMetrics(font)
    high = metrics.height() <= label.height() - 2 * BOX_BORDER_PX
    return high and metrics.horizontalAdvance(text) <= _room(label)


def _elided(label: QLabel, text: str) -> str:
    """The end of `text`, where the person types, when all of it does not fit."""
    return QFontMetrics(label.font()).elidedText(text, Qt.TextElideMode.ElideLeft, _room(label))
