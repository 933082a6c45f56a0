"""What the guided screens ask of the input method, and the forms that show it: text
questions followed by every other kind of step."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.helpers.definitions import small_definition
from tests.ui.guided_steps import type_text
from tests.ui.helpers import tap
from ui.guided import keyboard
from ui.guided.parts import SCREEN_MARGIN_PX
from ui.window import KioskWindow

SIGNAL_MS = 5_000
# A text box asks for the keyboard on the event loop's next turn (a zero-delay timer):
# 20 ms of the loop run every turn already due, even on a loaded machine.
NEXT_TURN_MS = 20
KEYBOARD_PX = 400  # the lower half of the 800 px panel, as Qt's keyboard takes it

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
    """Each call to open or hide the keyboard, in order, with the name of the widget
    that had the focus at the time (`calls`); `opened` and `hidden` as they come."""

    opened = Signal()
    hidden = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, str]] = []

    def open(self) -> None:
        self._record("open", self.opened)

    def hide(self) -> None:
        self._record("hide", self.hidden)

    def _record(self, call: str, signal: SignalInstance) -> None:
        self.calls.append((call, focused_name()))
        signal.emit()

    def install(self, monkeypatch) -> None:
        monkeypatch.setattr(keyboard, "open_keyboard", self.open)
        monkeypatch.setattr(keyboard, "hide_keyboard", self.hide)

    @property
    def last(self) -> str:
        return self.calls[-1][0] if self.calls else ""


def focused_name() -> str:
    focused = QApplication.focusWidget()
    return focused.objectName() if focused is not None else ""


def text_box(window: KioskWindow) -> QLineEdit:
    line = window.page("question").findChild(QLineEdit, "text_answer")
    assert line is not None
    return line


def keyboard_up(qtbot, window: KioskWindow, calls: KeyboardCalls) -> None:
    """Wait for the text question's request, then cover the panel's lower half as Qt's
    keyboard does (what its signals lead to: offscreen, nothing shows)."""
    if calls.last != "open":
        with qtbot.waitSignal(calls.opened, timeout=SIGNAL_MS):
            pass
    assert calls.calls[-1] == ("open", "text_answer")
    page = window.page("question")
    page.set_keyboard_overlap(KEYBOARD_PX)
    assert page.layout().contentsMargins().bottom() > KEYBOARD_PX


def answer_text_question(qtbot, window: KioskWindow, calls: KeyboardCalls, answer: str) -> None:
    """With the keyboard up, type `answer` and tap Next."""
    keyboard_up(qtbot, window, calls)
    type_text(window, answer)
    tap(qtbot, window, "next")


def assert_keyboard_closed(qtbot, window: KioskWindow, calls: KeyboardCalls) -> None:
    """The keyboard was asked to hide, the text box holds no focus (a tap would bring
    the keyboard back), the question gives its space back, and nothing asks again."""
    with qtbot.assertNotEmitted(calls.opened, wait=NEXT_TURN_MS):
        pass
    assert calls.last == "hide", calls.calls
    assert not text_box(window).hasFocus()
    assert focused_name() != "text_answer"
    page = window.page("question")
    assert page.layout().contentsMargins().bottom() == SCREEN_MARGIN_PX
