"""Starting the screens: the queue opens in the background; the demo starts and quits."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from devices.escpos.profiles import PROFILES
from kiosk.cli.app_commands import (
    Deferred,
    DeferredQueue,
    DeferredServices,
    Parts,
    ServicesNotReady,
)
from kiosk.config.schema import PRINTER_PROFILES
from kiosk.queue.service import QueueService


def test_gui_thread_never_waits_for_the_queue_to_open(queue: QueueService) -> None:
    release = threading.Event()

    def slow_build() -> Parts:
        release.wait(timeout=10)
        return Parts(queue)

    parts = Deferred(slow_build)
    deferred = DeferredQueue(parts)
    parts.start()
    assert deferred.services() == []  # the main thread gets an answer at once

    answers: list[list[str]] = []
    worker = threading.Thread(target=lambda: answers.append([s.code for s in deferred.services()]))
    worker.start()
    release.set()
    worker.join(timeout=10)
    assert answers == [["A", "B", "C"]]
    assert deferred.issue_ticket("A").code == "A-001"
    assert deferred.services() == []  # even when ready: no database on the GUI thread


def test_an_error_opening_the_queue_reaches_the_caller_and_is_retried(
    queue: QueueService,
) -> None:
    attempts: list[int] = []

    def down_at_boot() -> Parts:
        attempts.append(1)
        if len(attempts) < 3:
            raise RuntimeError("database on fire")
        return Parts(queue)

    parts = Deferred(down_at_boot)
    deferred = DeferredQueue(parts)
    parts.start()
    deadline = time.monotonic() + 10
    while not parts.done() and time.monotonic() < deadline:  # the boot attempt, failing
        time.sleep(0.01)
    assert parts.done() and len(attempts) == 1
    with pytest.raises(RuntimeError, match="on fire"):
        parts.ready(timeout=10)  # after the failed boot, this call retries (and fails too)
    assert len(attempts) == 2
    assert deferred.issue_ticket("A").code == "A-001"  # the database is back
    assert len(attempts) == 3


def test_tickets_work_when_the_guided_services_could_not_open(queue: QueueService) -> None:
    parts = Deferred(lambda: Parts(queue, services_error=RuntimeError("no keyring")))
    parts.start()
    services = DeferredServices(parts)
    worker_answers: list[str] = []

    def from_worker() -> None:
        try:
            services.catalogue()
        except ServicesNotReady as error:
            worker_answers.append(str(error))

    worker = threading.Thread(target=from_worker)
    worker.start()
    worker.join(timeout=10)
    assert worker_answers == ["no keyring"]
    assert DeferredQueue(parts).issue_ticket("B").code == "B-001"


def test_every_printer_profile_can_be_chosen_in_the_settings() -> None:
    assert set(PRINTER_PROFILES) == set(PROFILES)


@pytest.mark.slow
def test_demo_starts_on_a_fresh_folder_and_quits(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(QT_QPA_PLATFORM="offscreen", KIOSK_CONFIG=str(tmp_path / "none.toml"))
    (tmp_path / "none.toml").write_text("")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk.cli.main",
            "demo",
            "--data-dir",
            str(tmp_path / "demo"),
            "--quit-after",
            "3",
            "--report-ready",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert f"printed tickets: {tmp_path / 'demo' / 'printed'}" in result.stdout
    assert "ready " in result.stdout
    assert (tmp_path / "demo" / "anjungan.db").exists()
    assert f"A4 documents:    {tmp_path / 'demo' / 'documents'}" in result.stdout
    assert "staff sign-in:   number 1001, PIN 246810" in result.stdout
    if os.environ.get("CI"):  # CI has the OS keyring, so the guided services and staff open
        database = sqlite3.connect(tmp_path / "demo" / "anjungan.db")
        try:
            staff = database.execute("SELECT staff_number FROM staff_members").fetchall()
        finally:
            database.close()
        assert staff == [("1001",)]
