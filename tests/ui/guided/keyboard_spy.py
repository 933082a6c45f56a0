"""What the guided screens ask of the input method, and the forms that show it: text
questions followed by every other kind of step."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

from tests.helpers.definitions import small_definition
from tests.ui.guided_steps import text_entry
from ui.guided import keyboard
from ui.guided.parts import SCREEN_MARGIN_PX
from ui.window import KioskWindow

# A text question first, and one before each other kind of step (and the summary).
TEXT_FIRST = """\
  - name: nama
    type: text
    label: {id: Nama, en: Name}
    required: true
  - name: warna
    type: select_one
    label: {id: Warna, en: Colour}
    required: true
    choices:
      - {value: merah, label: {id: Merah, en: Red}}
      - {value: biru, label: {id: Biru, en: Blue}}
  - name: kota
    type: text
    label: {id: Kota, en: Town}
    required: true
  - name: tanggal
    type: date
    label: {id: Tanggal, en: Date}
    required: true
  - name: catatan
    type: text
    label: {id: Catatan, en: Note}
    required: true
"""


def text_first_definition():
    return small_definition("teks-dulu", TEXT_FIRST)


class KeyboardCalls(QObject):
    """Each request to hide the keyboard, with the name of the widget that had the focus
    at the time (`calls`); `hidden` as they come."""

    hidden = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []

    def hide(self) -> None:
        self.calls.append(focused_name())
        self.hidden.emit()

    def install(self, monkeypatch) -> None:
        monkeypatch.setattr(keyboard, "hide_keyboard", self.hide)


def focused_name() -> str:
    focused = QApplication.focusWidget()
    return focused.objectName() if focused is not None else ""


def letters_up(qtbot, window: KioskWindow) -> None:
    """A text question shows its letter keypad, whose entry takes the hardware keys and
    no input method: nothing there can bring Qt's keyboard up."""
    entry = text_entry(window)
    qtbot.waitUntil(lambda: entry.isVisible() and entry.hasFocus(), timeout=5_000)
    assert not entry.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    assert window.page("question").layout().contentsMargins().bottom() == SCREEN_MARGIN_PX


def assert_keyboard_closed(window: KioskWindow, calls: KeyboardCalls, before: int) -> None:
    """The keyboard was asked to hide since `before` calls, the entry holds no focus,
    and the question keeps its own margins."""
    assert len(calls.calls) > before, "the keyboard was not asked to hide"
    assert not text_entry(window).hasFocus()
    assert focused_name() != "text_answer"
    page = window.page("question")
    assert page.layout().contentsMargins().bottom() == SCREEN_MARGIN_PX
