"""run_kiosk: shows the window, watches for idleness, and returns the loop's exit code."""

from __future__ import annotations

import os
import threading
from dataclasses import replace
from datetime import date, datetime

from PySide6.QtCore import QTimer

from kiosk.applications.types import ApplicationStatus, StatusView
from tests.ui.guided.test_status_screen import CODE, WIB
from ui.app import locale_installed, prepare_environment, run_kiosk
from ui.contracts import UiOptions
from ui.window import KioskWindow


def test_run_kiosk_shows_the_window_and_returns_the_exit_code(qapp, fake_queue, options):
    seen: list[tuple[bool, str, int]] = []

    def look_then_quit() -> None:
        try:
            for widget in qapp.topLevelWidgets():
                if isinstance(widget, KioskWindow):
                    seen.append((widget.isVisible(), widget.current_screen, widget.width()))
        finally:
            qapp.exit(3)

    QTimer.singleShot(0, look_then_quit)
    assert run_kiosk(fake_queue, options, ["kiosk"]) == 3
    assert seen == [(True, "home", 1280)]


def test_run_kiosk_hands_scanned_receipts_from_a_reader_thread_to_the_window(
    qapp, fake_queue, fake_services, options, monkeypatch
):
    monkeypatch.delenv("QT_IM_MODULE", raising=False)
    fake_services.stored[CODE] = StatusView(
        tracking_code=CODE,
        service_title={"id": "Surat Keterangan Usaha"},
        status=ApplicationStatus.RECEIVED,
        updated_at=datetime(2026, 3, 4, 9, 0, tzinfo=WIB),
        ready_on=date(2026, 3, 5),
    )
    seen: list[str] = []
    stopped: list[bool] = []

    class Reader:
        def stop(self) -> None:
            stopped.append(True)

    def start_scanner(deliver):
        threading.Thread(target=deliver, args=(f"ANJUNGAN:S:{CODE}",)).start()
        return Reader()

    def look_then_quit() -> None:
        for widget in qapp.topLevelWidgets():
            if isinstance(widget, KioskWindow) and widget.current_screen == "status_result":
                seen.append(widget.current_screen)
                qapp.exit(0)

    # Both stopped below: a late exit() would end a later test's wait.
    poll, give_up = QTimer(), QTimer()
    poll.timeout.connect(look_then_quit)
    poll.start(20)
    give_up.setSingleShot(True)
    give_up.timeout.connect(lambda: qapp.exit(1))
    give_up.start(10_000)
    quiet = replace(options, voice_enabled=False)  # no speech server in this test
    try:
        code = run_kiosk(fake_queue, quiet, ["kiosk"], fake_services, start_scanner)
    finally:
        poll.stop()
        give_up.stop()
    assert (code, seen[:1], stopped) == (0, ["status_result"], [True])
    assert "QT_IM_MODULE" not in os.environ  # the application existed already


ENVIRONMENT_AT_IMPORT = {name: os.environ.get(name) for name in ("LC_MESSAGES", "QT_IM_MODULE")}


def unset_for_this_test(monkeypatch, *names: str) -> None:
    """Absent during the test and as before it afterwards (a bare delenv of a variable
    not set records nothing, so what the test sets would leak into later tests: an
    LC_MESSAGES for a locale this machine lacks kept speech-dispatcher from starting)."""
    for name in names:
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)


def test_the_on_screen_keyboard_is_for_the_kiosk_role_only(monkeypatch):
    unset_for_this_test(monkeypatch, "QT_IM_MODULE", "LC_MESSAGES")
    prepare_environment(UiOptions(office_name="x", role="counter"))
    assert "QT_IM_MODULE" not in os.environ
    assert "LC_MESSAGES" not in os.environ
    prepare_environment(UiOptions(office_name="x", role="kiosk"))
    assert os.environ["QT_IM_MODULE"] == "qtvirtualkeyboard"
    # The keyboard's layout in Indonesian, where the system has that locale; where it
    # has not, nothing (speech-dispatcher would refuse to start on it).
    expected = "id_ID.UTF-8" if locale_installed("id_ID.UTF-8") else None
    assert os.environ.get("LC_MESSAGES") == expected


def test_a_locale_the_system_lacks_is_never_set(monkeypatch):
    unset_for_this_test(monkeypatch, "QT_IM_MODULE", "LC_MESSAGES")
    monkeypatch.setattr("ui.app.KEYBOARD_LOCALE", "xx_NOWHERE.UTF-8")
    prepare_environment(UiOptions(office_name="x", role="kiosk"))
    assert "LC_MESSAGES" not in os.environ


def test_the_locale_check_asks_the_c_library():
    assert locale_installed("C.UTF-8")
    assert not locale_installed("xx_NOWHERE.UTF-8")


def test_a_locale_set_for_the_machine_is_kept(monkeypatch):
    unset_for_this_test(monkeypatch, "QT_IM_MODULE")
    monkeypatch.setenv("LC_MESSAGES", "jv_ID.UTF-8")
    prepare_environment(UiOptions(office_name="x", role="kiosk"))
    assert os.environ["LC_MESSAGES"] == "jv_ID.UTF-8"


def test_the_environment_tests_leave_nothing_behind():
    # Runs after the two above (pytest keeps a file's order), which set both variables.
    assert {name: os.environ.get(name) for name in ENVIRONMENT_AT_IMPORT} == (ENVIRONMENT_AT_IMPORT)


def test_run_kiosk_hands_card_taps_from_a_reader_thread_to_the_window(qapp, fake_queue, options):
    seen: list[tuple[str, bool]] = []
    stopped: list[bool] = []

    class Reader:
        def stop(self) -> None:
            stopped.append(True)

    def on_unclaimed(tag: str) -> None:
        seen.append((tag, threading.current_thread() is threading.main_thread()))
        qapp.exit(0)

    def start_card_reader(deliver):
        QTimer.singleShot(0, lambda: tap_when_shown(deliver))
        return Reader()

    def tap_when_shown(deliver) -> None:
        shown = [w for w in qapp.topLevelWidgets() if isinstance(w, KioskWindow) and w.isVisible()]
        shown[0].card_unclaimed.connect(on_unclaimed)  # home takes no card
        threading.Thread(target=deliver, args=("0A1B2C3D4E",)).start()

    give_up = QTimer()
    give_up.setSingleShot(True)
    give_up.timeout.connect(lambda: qapp.exit(1))
    give_up.start(10_000)
    try:
        code = run_kiosk(fake_queue, options, ["kiosk"], start_card_reader=start_card_reader)
    finally:
        give_up.stop()
    assert (code, seen, stopped) == (0, [("0A1B2C3D4E", True)], [True])


def test_a_reader_that_cannot_start_leaves_the_kiosk_running(qapp, fake_queue, options, caplog):
    """A wrong port in the settings: the kiosk still serves by touch, the log says why."""
    started: list[str] = []

    def broken_reader(deliver) -> object:
        raise OSError("could not open port /dev/ttyUSB9")

    def working_reader(deliver) -> object:
        started.append("scanner")
        return None

    QTimer.singleShot(50, lambda: qapp.exit(0))
    code = run_kiosk(
        fake_queue,
        options,
        ["kiosk"],
        start_scanner=working_reader,
        start_card_reader=broken_reader,
    )
    assert code == 0 and started == ["scanner"]
    assert "a reader could not start: OSError: could not open port /dev/ttyUSB9" in caplog.text


def test_a_reader_that_fails_to_stop_leaves_the_others_stopped_and_the_window_closed(
    qapp, fake_queue, options, caplog
):
    """The log names the failure's type only: its message may quote what was read."""
    stopped: list[str] = []
    windows: list[KioskWindow] = []

    class BrokenReader:
        def stop(self) -> None:
            raise OSError("port gone after reading 0A1B2C3D4E")

    class Reader:
        def stop(self) -> None:
            stopped.append("card reader")

    def start_scanner(deliver) -> object:
        return BrokenReader()

    def start_card_reader(deliver) -> object:
        windows.extend(w for w in qapp.topLevelWidgets() if isinstance(w, KioskWindow))
        QTimer.singleShot(0, lambda: qapp.exit(0))
        return Reader()

    quiet = replace(options, voice_enabled=False)
    code = run_kiosk(
        fake_queue,
        quiet,
        ["kiosk"],
        start_scanner=start_scanner,
        start_card_reader=start_card_reader,
    )
    assert (code, stopped) == (0, ["card reader"])
    assert len(windows) == 1 and not windows[0].isVisible()
    assert "a reader could not stop: OSError" in caplog.messages
    assert "0A1B2C3D4E" not in caplog.text
