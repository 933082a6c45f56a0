"""A kiosk window whose voice meets a speech server that never answers: a citizen opens a
guided service and answers, and the window is closed. Run in a process of its own by
tests/ui/test_voice_backend.py (SPEECHD_ADDRESS names the server), so that a frozen
window fails that test instead of hanging the test run; prints what it saw as JSON.
"""

from __future__ import annotations

import faulthandler
import itertools
import json
import logging
import os
import sys
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.fakes import FakeQueue, FakeServices
from tests.ui.guided_steps import NIK, open_service, type_keys
from tests.ui.helpers import tap
from ui.contracts import UiOptions
from ui.voice import SpeakerTiming, Voice
from ui.window import KioskWindow

TIMING = SpeakerTiming(start_seconds=3, answer_seconds=3, first_pause_seconds=60)
TICK_MS = 50
FROZEN_SECONDS = 60  # then every thread's stack goes to stderr, and the process ends


class Bot:
    """The two calls of pytest-qt's qtbot that the test helpers make."""

    mouseClick = staticmethod(QTest.mouseClick)

    @staticmethod
    def waitUntil(condition: Callable[[], bool], timeout: int = 5_000) -> None:
        deadline = time.monotonic() + timeout / 1000
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError("waited too long")
            QTest.qWait(20)


class Messages(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.seen: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.seen.append(record.getMessage())


def largest_gap(ticks: list[float]) -> float:
    return max((b - a for a, b in itertools.pairwise(ticks)), default=0.0)


def walk(window: KioskWindow, messages: Messages) -> dict[str, object]:
    """Opens the domisili letter and answers the NIK while the voice waits on the server."""
    bot = Bot()
    bot.waitUntil(lambda: not window.tickets.refreshing)
    started = time.monotonic()
    open_service(bot, window, "surat-keterangan-domisili")  # its question is read aloud
    opened = time.monotonic() - started
    tap(bot, window, "next")  # "Mohon jawab pertanyaan ini." is read aloud
    type_keys(bot, window, NIK)
    tap(bot, window, "next")
    answered = time.monotonic() - started
    bot.waitUntil(lambda: any("text-to-speech failed" in m for m in messages.seen), timeout=30_000)
    silent = time.monotonic() - started
    tap(bot, window, "speak")  # the voice rests: nothing is started
    return {
        "opened_seconds": opened,
        "answered_seconds": answered,
        "silent_after_seconds": silent,
        "screen": window.current_screen,
    }


def main() -> None:
    faulthandler.dump_traceback_later(FROZEN_SECONDS, exit=True)  # works without Python's lock
    app = QApplication(sys.argv)
    messages = Messages()
    logging.getLogger("ui").addHandler(messages)
    logging.getLogger("ui").setLevel(logging.DEBUG)
    queue, services = FakeQueue(), FakeServices()
    voice = Voice(enabled=True, language="id", engine="speechd", timing=TIMING)
    window = KioskWindow(queue, UiOptions(office_name="Desa", fullscreen=False), services, voice)
    window.resize(1280, 800)
    window.show()
    ticks: list[float] = []
    ticker = QTimer()
    ticker.timeout.connect(lambda: ticks.append(time.monotonic()))
    ticker.start(TICK_MS)
    report = walk(window, messages)
    ticker.stop()
    queue.release()
    services.release()
    closing = time.monotonic()
    QWidget.close(window)
    report["close_seconds"] = time.monotonic() - closing
    report["largest_gap_seconds"] = largest_gap(ticks)
    report["ticks"] = len(ticks)
    report["log"] = messages.seen
    print(json.dumps(report), flush=True)
    app.quit()


if __name__ == "__main__":
    main()
