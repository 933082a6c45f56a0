"""A silent voice found at start is shown to staff: a notice on the staff menu, in the
screen's language, never on a citizen's screen; the check runs off the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from kiosk.cli.findings import Finding, problem
from kiosk.i18n import N_
from tests.ui.conftest import WindowFactory, shown_windows
from tests.ui.fakes import FakeQueue, FakeStaffPort, RecordingVoice
from ui import app
from ui.app import VoiceCheckRelay, run_kiosk
from ui.contracts import UiOptions
from ui.window import KioskWindow

NO_MODULE = problem(
    N_("output module"),
    N_("speech-dispatcher's %(module)s module has no Indonesian voice."),
    N_("Install the Debian package %(package)s: sudo apt-get install %(package)s"),
    module="espeak-ng",
    package="espeak-ng-data",
)


@pytest.fixture
def staffed(qtbot, fake_queue: FakeQueue, options: UiOptions) -> Iterator[WindowFactory]:
    def build(chosen: UiOptions) -> KioskWindow:
        voice = RecordingVoice(enabled=chosen.voice_on)
        return KioskWindow(fake_queue, chosen, voice=voice, staff=FakeStaffPort())

    yield from shown_windows(qtbot, options, build, fake_queue.release)


def from_another_thread(deliver: Callable[[Finding | None], None], found: Finding | None) -> None:
    thread = threading.Thread(target=deliver, args=(found,))
    thread.start()
    thread.join(5)


def test_a_silent_voice_is_shown_on_the_staff_menu_in_the_screens_language(qtbot, staffed):
    window = staffed()
    from_another_thread(VoiceCheckRelay(window).deliver, NO_MODULE)
    staff = window.staff
    assert staff is not None
    notice = staff.menu.voice_notice
    qtbot.waitUntil(lambda: bool(notice.text()), timeout=5_000)
    assert notice.text() == (
        "Suara anjungan tidak berfungsi (modul keluaran). Mohon beri tahu teknisi: perintah "
        "kiosk doctor menunjukkan cara memperbaikinya."
    )
    assert not notice.isHidden()
    window.set_language("en")
    assert notice.text() == (
        "The kiosk's voice does not work (output module). Please tell the technician: the "
        "command kiosk doctor shows the fix."
    )
    staff.menu.forget()  # the next clerk sees it too: it is the machine's, not a person's
    assert not notice.isHidden() and "kiosk doctor" in notice.text()


def test_a_voice_that_speaks_shows_nothing(qtbot, staffed):
    window = staffed()
    relay = VoiceCheckRelay(window)
    with qtbot.waitSignal(relay.answered, timeout=5_000):
        from_another_thread(relay.deliver, None)
    staff = window.staff
    assert staff is not None and staff.menu.voice_notice.isHidden()


def test_citizens_screens_show_no_notice(qtbot, staffed):
    window = staffed()
    from_another_thread(VoiceCheckRelay(window).deliver, NO_MODULE)
    staff = window.staff
    assert staff is not None
    qtbot.waitUntil(lambda: bool(staff.menu.voice_notice.text()), timeout=5_000)
    shown = " ".join(label.text() for label in window.home.findChildren(QLabel))
    assert "kiosk doctor" not in shown and window.current_screen == "home"


def test_run_kiosk_starts_the_check_after_the_start_screen_and_stops_it(
    qapp, fake_queue, options, monkeypatch
):
    """Started off the GUI thread once the start screen is up; stopped when the kiosk ends."""
    monkeypatch.setattr(app, "VOICE_CHECK_DELAY_MS", 0)
    events: list[str] = []

    class Check:
        def stop(self) -> None:
            events.append("stopped")

    def start_voice_check(deliver) -> object:
        visible = [
            w for w in qapp.topLevelWidgets() if isinstance(w, KioskWindow) and w.isVisible()
        ]
        events.append(f"started with {len(visible)} window shown")
        threading.Thread(target=deliver, args=(NO_MODULE,)).start()
        QTimer.singleShot(200, lambda: qapp.exit(0))
        return Check()

    quiet = replace(options, voice_enabled=False)
    code = run_kiosk(fake_queue, quiet, ["kiosk"], start_voice_check=start_voice_check)
    assert code == 0
    assert events == ["started with 1 window shown", "stopped"]


def test_a_check_that_cannot_start_leaves_the_kiosk_running(
    qapp, fake_queue, options, monkeypatch, caplog
):
    monkeypatch.setattr(app, "VOICE_CHECK_DELAY_MS", 0)

    def broken(deliver) -> object:
        QTimer.singleShot(50, lambda: qapp.exit(0))
        raise OSError("no /tmp")

    quiet = replace(options, voice_enabled=False)
    assert run_kiosk(fake_queue, quiet, ["kiosk"], start_voice_check=broken) == 0
    assert "the voice check could not start: OSError: no /tmp" in caplog.text
