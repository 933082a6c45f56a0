"""Starting the screens: the queue opens in the background; the demo starts and quits."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
from pytestqt.qtbot import QtBot

from kiosk.cli.app_commands import Deferred, DeferredPort, Parts, PartsNotReady
from kiosk.queue.desk import QueueDesk

T = TypeVar("T")


def deferred_queue(parts: Deferred) -> Any:
    return DeferredPort(parts, lambda opened: opened.queue)


def deferred_services(parts: Deferred) -> Any:
    return DeferredPort(parts, lambda opened: opened.services, in_memory=["start"])


def deferred_staff(parts: Deferred) -> Any:
    return DeferredPort(parts, lambda opened: opened.cards)


def test_gui_thread_never_waits_for_the_queue_to_open(queue: QueueDesk) -> None:
    release = threading.Event()

    def slow_build() -> Parts:
        release.wait(timeout=10)
        return Parts(queue)

    parts = Deferred(slow_build)
    deferred = deferred_queue(parts)
    parts.start()
    with pytest.raises(PartsNotReady):
        deferred.lines()  # the main thread gets an answer at once

    answers: list[list[str]] = []
    worker = threading.Thread(target=lambda: answers.append([s.code for s in deferred.lines()]))
    worker.start()
    release.set()
    worker.join(timeout=10)
    assert answers == [["A", "B", "C"]]
    assert off_gui_thread(lambda: deferred.issue_ticket("A").code) == "A-001"
    with pytest.raises(PartsNotReady):
        deferred.lines()  # even when ready: no database on the GUI thread


def test_an_error_opening_the_queue_reaches_the_caller_and_is_retried(
    queue: QueueDesk,
) -> None:
    attempts: list[int] = []

    def down_at_boot() -> Parts:
        attempts.append(1)
        if len(attempts) < 3:
            raise RuntimeError("database on fire")
        return Parts(queue)

    parts = Deferred(down_at_boot)
    deferred = deferred_queue(parts)
    parts.start()
    deadline = time.monotonic() + 10
    while not parts.done() and time.monotonic() < deadline:  # the boot attempt, failing
        time.sleep(0.01)
    assert parts.done() and len(attempts) == 1
    with pytest.raises(RuntimeError, match="on fire"):
        off_gui_thread(lambda: parts.ready(timeout=10))  # retries (and fails too)
    assert len(attempts) == 2
    assert off_gui_thread(lambda: deferred.issue_ticket("A").code) == "A-001"  # back
    assert len(attempts) == 3


def off_gui_thread(call: Callable[[], T]) -> T:
    """`call`'s answer (or exception) from a thread of its own, as a screen's worker."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result(timeout=10)


def test_tickets_work_when_the_guided_services_could_not_open(queue: QueueDesk) -> None:
    parts = Deferred(lambda: Parts(queue, services_error=RuntimeError("no keyring")))
    parts.start()
    services = deferred_services(parts)
    worker_answers: list[str] = []

    def from_worker() -> None:
        try:
            services.catalogue()
        except PartsNotReady as error:
            worker_answers.append(str(error))

    worker = threading.Thread(target=from_worker)
    worker.start()
    worker.join(timeout=10)
    assert worker_answers == ["no keyring"]
    assert off_gui_thread(lambda: deferred_queue(parts).issue_ticket("B").code) == "B-001"


def test_the_gui_thread_never_builds_the_parts(queue: QueueDesk) -> None:
    """After a failed boot, calls on the GUI thread neither wait nor build again (a
    database and keyring opened on the GUI thread would freeze the screen); the next
    call off the GUI thread retries."""
    builders: list[threading.Thread] = []

    def down_at_boot() -> Parts:
        builders.append(threading.current_thread())
        if len(builders) < 2:
            raise RuntimeError("database on fire")
        return Parts(queue)

    parts = Deferred(down_at_boot)
    parts.start()
    deadline = time.monotonic() + 10
    while not parts.done() and time.monotonic() < deadline:
        time.sleep(0.01)
    services, staff = deferred_services(parts), deferred_staff(parts)
    with pytest.raises(PartsNotReady):
        services.catalogue()  # on the GUI thread: at once, nothing built
    with pytest.raises(PartsNotReady):
        services.start("any", "id", assisted=False)
    with pytest.raises(PartsNotReady):
        staff.identify("tag")
    with pytest.raises(PartsNotReady):
        deferred_queue(parts).lines()
    assert len(builders) == 1
    answers: list[str] = []
    worker = threading.Thread(
        target=lambda: answers.append(deferred_queue(parts).issue_ticket("A").code)
    )
    worker.start()
    worker.join(timeout=10)
    assert answers == ["A-001"]
    assert len(builders) == 2
    assert threading.main_thread() not in builders


def test_the_start_up_line_list_fills_once_the_parts_are_open(
    qtbot: QtBot, queue: QueueDesk
) -> None:
    """As `kiosk run` starts: the window shows first, the parts open slowly on their own
    thread, and the list the window asked for as it started arrives then."""
    from ui.contracts import UiOptions
    from ui.window import KioskWindow

    release, builders = threading.Event(), []

    def slow_build() -> Parts:
        builders.append(threading.current_thread())
        release.wait(timeout=10)
        return Parts(queue)

    parts = Deferred(slow_build)
    window = KioskWindow(deferred_queue(parts), UiOptions("Kantor", fullscreen=False))
    qtbot.addWidget(window, before_close_func=lambda _window: release.set())
    parts.start()
    with qtbot.waitSignal(window.lines_loaded, timeout=10_000) as loaded:
        window.refresh_lines()  # what run_kiosk does right after show: joins the first
        assert window.tickets.line_screen.lines == []  # not open yet
        release.set()
    assert [line.code for line in loaded.args[0]] == ["A", "B", "C"]
    assert [line.code for line in window.tickets.line_screen.lines] == ["A", "B", "C"]
    assert builders and threading.main_thread() not in builders
    assert window.shutdown(5_000)


@pytest.mark.slow
def test_demo_starts_on_a_fresh_folder_and_quits(tmp_path: Path) -> None:
    """The demo as a person starts it; its emulated card reader (simulated hardware, on a
    pty in another process) is tapped with `kiosk emulate send` and the tap reaches the
    kiosk window through the reader thread."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(QT_QPA_PLATFORM="offscreen", KIOSK_CONFIG=str(tmp_path / "none.toml"))
    (tmp_path / "none.toml").write_text("")
    demo_dir = tmp_path / "demo"
    command = [sys.executable, "-m", "kiosk.cli.main", "--verbose", "demo"]
    options = ["--data-dir", str(demo_dir), "--quit-after", "6", "--report-ready"]
    with subprocess.Popen(
        [*command, *options], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as demo:
        assert demo.stdout is not None
        shown = []
        for line in demo.stdout:
            shown.append(line)
            if line.startswith("ready "):
                break
        tap = next(line for line in shown if "tap the citizen's card:" in line)
        tapped = subprocess.run(
            [sys.executable, "-m", "kiosk.cli.main", *tap.split("kiosk ", 1)[1].split()],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
        )
        stdout, stderr = demo.communicate(timeout=60)
    shown.append(stdout)
    output = "".join(shown)
    assert demo.returncode == 0, stderr
    assert tapped.returncode == 0, tapped.stdout + tapped.stderr
    assert "card tap not taken by the home screen" in stderr  # it reached the window
    assert f"printed tickets: {demo_dir / 'printed'}" in output
    assert (demo_dir / "anjungan.db").exists()
    assert f"A4 documents:    {demo_dir / 'documents'}" in output
    assert "staff sign-in:   number 1001, PIN 246810" in output
    if os.environ.get("CI"):  # CI has the OS keyring, so the guided services and staff open
        database = sqlite3.connect(demo_dir / "anjungan.db")
        try:
            staff = database.execute("SELECT staff_number FROM staff_members").fetchall()
            cards = database.execute("SELECT COUNT(*) FROM card_holders").fetchall()
        finally:
            database.close()
        assert staff == [("1001",)] and cards == [(1,)]
        assert "guided services unavailable" not in stderr
    centre_line = next(line for line in output.splitlines() if "central service:" in line)
    assert "http://127.0.0.1:" in centre_line  # the demo district's centre, on loopback
    assert (demo_dir / "central" / "centre-keys.json").exists()


@pytest.mark.slow
def test_the_demo_enrols_with_its_own_centre_and_syncs(tmp_path: Path) -> None:
    """`kiosk demo` starts a demo district's `central serve` on loopback, enrols the kiosk
    (the credential in the OS keyring) and syncs: a round succeeds within the demo."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIOSK_", "CENTRAL_"))}
    env.update(QT_QPA_PLATFORM="offscreen", KIOSK_CONFIG=str(tmp_path / "none.toml"))
    (tmp_path / "none.toml").write_text("")
    demo_dir = tmp_path / "demo"
    command = [sys.executable, "-m", "kiosk.cli.main", "demo", "--data-dir", str(demo_dir)]
    with subprocess.Popen(
        [*command, "--quit-after", "90"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as demo:
        try:
            synced = _wait_for_sync(demo_dir / "anjungan.db", deadline_s=80)
        finally:
            demo.terminate()
            stdout, stderr = demo.communicate(timeout=60)
    assert synced is not None, stdout + stderr
    url, last_success = synced
    assert url.startswith("http://127.0.0.1:") and last_success is not None
    assert f"central service: {url}" in stdout
    assert not (demo_dir / "central" / "serve.log").read_text().count("Traceback")


def _wait_for_sync(database: Path, deadline_s: float) -> tuple[str, str | None] | None:
    """The enrolled centre's URL and the last successful sync, once a round succeeded."""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        time.sleep(0.5)
        if not database.exists():
            continue
        try:
            with sqlite3.connect(database) as connection:
                row = connection.execute(
                    "SELECT central_url, last_success_at FROM sync_state"
                ).fetchone()
        except sqlite3.OperationalError:  # not migrated yet, or locked for a moment
            continue
        if row is not None and row[1] is not None:
            return row[0], row[1]
    return None


@pytest.mark.slow
def test_the_office_demo_starts_a_counter_and_a_display_beside_the_kiosk(tmp_path: Path) -> None:
    """`kiosk demo --office`: three processes on one demo database, all ending with it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIOSK_", "CENTRAL_"))}
    env.update(QT_QPA_PLATFORM="offscreen", KIOSK_CONFIG=str(tmp_path / "none.toml"))
    (tmp_path / "none.toml").write_text("")
    command = [sys.executable, "-m", "kiosk.cli.main", "--verbose", "demo", "--office"]
    options = ["--data-dir", str(tmp_path / "demo"), "--quit-after", "8"]
    done = subprocess.run(
        [*command, *options], env=env, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr
    assert "a counter (loket) window and the waiting room's display" in done.stdout
    assert "starting as a kiosk PC" in done.stderr
    assert "starting as a counter PC" in done.stderr  # the second process, same stderr
    assert "the waiting room's display starts" in done.stderr
    assert "Traceback" not in done.stderr
