"""The start screen's sync line: calm words on whether the office is online and what waits."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from kiosk.sync.types import SyncSummary
from tests.ui.fakes import FakeQueue
from ui.contracts import UiOptions
from ui.i18n import Tr
from ui.sync_line import sync_text
from ui.window import KioskWindow

JAKARTA = ZoneInfo("Asia/Jakarta")
AT = datetime(2026, 12, 5, 3, 42, tzinfo=UTC)  # 10.42 WIB


@pytest.mark.parametrize(
    ("summary", "language", "expected"),
    [
        (SyncSummary(False, 3, None, None), "id", ""),
        (
            SyncSummary(True, 0, AT, None),
            "id",
            "Tersambung. Semua sudah terkirim. Terakhir tersambung pukul 10.42.",
        ),
        (
            SyncSummary(True, 1, AT, None),
            "en",
            "Online. 1 application is being sent. Last connected 10.42.",
        ),
        (
            SyncSummary(True, 5, AT, "unreachable"),
            "id",
            "Tanpa sambungan. 5 permohonan disimpan aman, dikirim nanti. "
            "Terakhir tersambung pukul 10.42.",
        ),
        (
            SyncSummary(True, 0, None, "unreachable"),
            "en",
            "Offline. Nothing is waiting to be sent.",
        ),
        (
            SyncSummary(True, 4, AT, "revoked"),
            "id",
            "Belum tersambung: teknisi perlu mendaftarkan anjungan ini lagi. "
            "4 permohonan disimpan aman di sini.",
        ),
        (
            SyncSummary(True, 1, AT, "unauthenticated"),
            "en",
            "Not connected: a technician must enrol this kiosk again. "
            "1 application is kept safely here.",
        ),
    ],
)
def test_the_words_for_each_state(summary: SyncSummary, language: str, expected: str) -> None:
    assert sync_text(summary, Tr(language), JAKARTA) == expected


class FakeSync:
    """The sync desk's port, answering what the test sets; records the calling thread."""

    def __init__(self, summary: SyncSummary) -> None:
        self.answer = summary
        self.threads: list[int | None] = []

    def summary(self) -> SyncSummary:
        self.threads.append(threading.get_ident())
        return self.answer


def test_the_start_screen_shows_the_line_once_enrolled_and_asks_off_the_gui_thread(
    qtbot, fake_queue: FakeQueue
) -> None:
    sync = FakeSync(SyncSummary(False, 0, None, None))
    window = KioskWindow(fake_queue, UiOptions("Kantor Desa Sukamaju", fullscreen=False), sync=sync)
    qtbot.addWidget(window, before_close_func=lambda _w: fake_queue.release())
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.sync_watch.refresh()
    qtbot.waitUntil(lambda: len(sync.threads) >= 1, timeout=5_000)
    assert not window.home.sync_line.isVisible()

    sync.answer = SyncSummary(True, 2, AT, "unreachable")
    window.go_home()  # coming back to the start screen asks again
    qtbot.waitUntil(lambda: window.home.sync_line.isVisible(), timeout=5_000)
    assert window.home.sync_line.text().startswith("Tanpa sambungan. 2 permohonan")
    assert threading.main_thread().ident not in sync.threads
    window.set_language("en")
    assert window.home.sync_line.text().startswith("Offline. 2 applications")
    fake_queue.release()
    assert window.shutdown(5_000)


def test_a_sync_port_that_fails_leaves_the_line_hidden(qtbot, fake_queue: FakeQueue) -> None:
    class Broken:
        def summary(self) -> SyncSummary:
            raise RuntimeError("the parts are not open yet")

    window = KioskWindow(fake_queue, UiOptions("Kantor", fullscreen=False), sync=Broken())
    qtbot.addWidget(window, before_close_func=lambda _w: fake_queue.release())
    window.show()
    window.sync_watch.refresh()
    qtbot.wait(200)
    assert window.isVisible() and not window.home.sync_line.isVisible()
    fake_queue.release()
    assert window.shutdown(5_000)


class HeldSync(FakeSync):
    """Holds the first question until the test lets it go: a slow database."""

    def __init__(self, summary: SyncSummary) -> None:
        super().__init__(summary)
        self.gate = threading.Event()

    def summary(self) -> SyncSummary:
        answer = self.answer
        if len(self.threads) == 0:
            self.threads.append(threading.get_ident())
            self.gate.wait(timeout=10)
            return answer
        return super().summary()


def test_coming_home_while_a_question_is_on_its_way_shows_the_newer_answer(
    qtbot, fake_queue: FakeQueue
) -> None:
    sync = HeldSync(SyncSummary(False, 0, None, None))
    window = KioskWindow(fake_queue, UiOptions("Kantor Desa Sukamaju", fullscreen=False), sync=sync)
    qtbot.addWidget(window, before_close_func=lambda _w: (fake_queue.release(), sync.gate.set()))
    window.show()
    window.sync_watch.refresh()
    qtbot.waitUntil(lambda: len(sync.threads) == 1, timeout=5_000)  # held on its way
    sync.answer = SyncSummary(True, 2, AT, "unreachable")
    window.go_home()  # asks again while the first question is still out
    sync.gate.set()
    qtbot.waitUntil(lambda: window.home.sync_line.isVisible(), timeout=5_000)
    assert window.home.sync_line.text().startswith("Tanpa sambungan. 2 permohonan")
    fake_queue.release()
    assert window.shutdown(5_000)
