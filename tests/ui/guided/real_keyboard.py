"""A walk past text questions with Qt's own on-screen keyboard installed, on a real X
server: the letters are tapped on the letter keypad, and Qt's keyboard must never show.

Started by test_real_keyboard.py under xvfb-run with QT_IM_MODULE=qtvirtualkeyboard; it
prints one JSON line: what the keyboard did at each step of the walk. Offscreen, no
input method shows anything, so only this run sees the keyboard itself.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDeadlineTimer, QEventLoop, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from tests.ui.fakes import FakeQueue, FakeServices, RecordingVoice
from tests.ui.guided_steps import fill_questions, open_service, type_keys
from tests.ui.helpers import tap
from ui.contracts import UiOptions
from ui.guided.keypad import key_name
from ui.guided.letters import KEY_PREFIX
from ui.window import KioskWindow

DOMISILI = "surat-keterangan-domisili"
SETTLE_MS = 10_000  # the keyboard slides in and out (animated); a loaded machine is slow
CHANCE_MS = 1_000  # how long a keyboard that is not wanted gets to show up anyway


class Finger:
    """The two things tests.ui.helpers asks of pytest-qt's qtbot."""

    def mouseClick(self, widget: QWidget, button: Qt.MouseButton) -> None:
        QTest.mouseClick(widget, button)

    def waitUntil(self, condition: Callable[[], bool], timeout: int = SETTLE_MS) -> None:
        if not settle(condition, timeout):
            raise TimeoutError("the screen did not get there")


def settle(condition: Callable[[], bool], timeout: int = SETTLE_MS) -> bool:
    """Run the event loop until `condition` holds (True) or `timeout` ms pass (False)."""
    deadline = QDeadlineTimer(timeout)
    while not condition() and not deadline.hasExpired():
        QGuiApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        QTest.qWait(20)
    return condition()


def keyboard_shown() -> bool:
    return QGuiApplication.inputMethod().isVisible()


def seen(window: KioskWindow) -> dict[str, Any]:
    """Give the keyboard a chance to show (it must not), then what the screen is."""
    settle(keyboard_shown, CHANCE_MS)
    question = window.page("question")
    focused = QApplication.focusWidget()
    page = window.page(window.current_screen)
    page.layout().activate()
    buttons = [b for b in page.findChildren(QPushButton) if b.isVisible()]
    return {
        "screen": window.current_screen,
        "keyboard": keyboard_shown(),
        "keyboard_height": round(QGuiApplication.inputMethod().keyboardRectangle().height()),
        "question_margin": question.layout().contentsMargins().bottom(),
        "focus": focused.objectName() if focused is not None else "",
        "lowest_button_px": min((b.height() for b in buttons), default=0),
        "overlapping": sorted(
            f"{a.objectName()}/{b.objectName()}"
            for a, b in itertools.combinations(buttons, 2)
            if _on_page(a, page).intersects(_on_page(b, page))
        ),
    }


def _on_page(button: QPushButton, page: QWidget) -> QRect:
    return button.rect().translated(button.mapTo(page, button.rect().topLeft()))


def walk() -> dict[str, dict[str, Any]]:
    """Each step of the walk, then what was seen once the keyboard had its chance."""
    finger = Finger()
    options = UiOptions(office_name="Kantor Desa Sukamaju", fullscreen=False)
    window = KioskWindow(FakeQueue(), options, FakeServices(), RecordingVoice())
    window.resize(1280, 800)
    window.show()
    window.activateWindow()  # no window manager: the focus, and so the keyboard, need it
    flow = window.guided
    assert flow is not None

    def answer(text: str) -> None:
        for symbol in text.upper():
            tap(finger, window, key_name(symbol, KEY_PREFIX))
        tap(finger, window, "next")

    def to(step: str) -> None:
        fill_questions(finger, window, stop_at=step)

    walked: list[tuple[str, Callable[[], object]]] = [
        ("text", lambda: (open_service(finger, window, DOMISILI), to("tempat_lahir"))),
        ("proposal", lambda: answer("Bandung")),
        ("date", lambda: tap(finger, window, "change_proposal")),
        ("text_again", lambda: (tap(finger, window, "next"), to("pekerjaan"))),
        ("keypad", lambda: answer("Petani")),
        ("back_to_text", lambda: (type_keys(finger, window, "0812"), back(finger, window))),
        ("still_there", lambda: flow.ask_still_there(window.current_screen)),  # idle
        ("resumed", lambda: tap(finger, window, "resume")),
    ]
    steps: dict[str, dict[str, Any]] = {}
    for name, action in walked:
        action()
        steps[name] = seen(window)
    window.shutdown(5_000)
    return steps


def back(finger: Finger, window: KioskWindow) -> None:
    tap(finger, window, "back")


def main() -> int:
    app = QApplication(sys.argv)
    steps = walk()
    print(json.dumps({"platform": app.platformName(), "steps": steps}), flush=True)
    os._exit(0)  # Qt's keyboard (QML) tears down badly at exit; what was seen is printed


if __name__ == "__main__":
    sys.exit(main())
