"""The configured code scanner delivers what it scans (emulated scanner: simulated hardware)."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable

import pytest

from devices.emulator.readers import get_scanner, register_reader_url_handler, reset_readers
from kiosk.cli.app_commands import _start_reader
from kiosk.cli.reader_threads import RunningReader, start_scanner, stop_reader
from kiosk.config import load_settings


def test_no_scanner_configured_starts_nothing() -> None:
    settings = load_settings(None, {"KIOSK_CONFIG": os.devnull})
    assert start_scanner(settings, lambda code: None) is None


def test_a_scanned_receipt_code_arrives() -> None:
    register_reader_url_handler()
    environ = {
        "KIOSK_CONFIG": os.devnull,
        "KIOSK_READERS_SCANNER_URL": "emureader://counter-scanner?kind=scanner",
        "KIOSK_READERS_SCANNER_TERMINATOR": "crlf",
    }
    scanned: list[str] = []
    arrived = threading.Event()

    def on_code(code: str) -> None:
        scanned.append(code)
        arrived.set()

    reader = start_scanner(load_settings(None, environ), on_code)
    assert reader is not None
    try:
        get_scanner("counter-scanner").scan("ANJUNGAN:S:K7QM-2XHD", terminator=b"\r\n")
        assert arrived.wait(timeout=5)
    finally:
        reader.stop(timeout=5)
        reset_readers()
    assert scanned == ["ANJUNGAN:S:K7QM-2XHD"]


def test_a_reader_started_for_the_kiosk_run_closes_its_port_when_stopped() -> None:
    # `kiosk run` stops its readers at the end; the port must not stay open behind it.
    register_reader_url_handler()
    environ = {
        "KIOSK_CONFIG": os.devnull,
        "KIOSK_READERS_SCANNER_URL": "emureader://run-scanner?kind=scanner",
    }
    arrived = threading.Event()
    running = _start_reader("start_scanner", load_settings(None, environ), lambda c: arrived.set())
    assert isinstance(running, RunningReader)
    try:
        get_scanner("run-scanner").scan("ANJUNGAN:S:K7QM-2XHD", terminator=b"\r")
        assert arrived.wait(timeout=5)
        assert running.reader.transport.is_connected
    finally:
        running.stop(timeout=5)
        reset_readers()
    assert not running.reader.running
    assert not running.reader.transport.is_connected


def test_no_configured_reader_gives_the_run_nothing_to_stop() -> None:
    settings = load_settings(None, {"KIOSK_CONFIG": os.devnull})
    assert _start_reader("start_card_reader", settings, lambda tag: None) is None


WAIT = 5.0  # seconds; only ever reached when a test fails
CODE = "ANJUNGAN:S:K7QM-2XHD"


def wait_until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, "the scanner did not get there in time"
        time.sleep(0.01)


def reader_logs(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == level]


def test_a_wrong_baud_rate_is_one_warning_and_a_summary_at_the_runs_end(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # The emulated scanner talks at 9600 baud; at 19200 the kiosk hears only noise.
    caplog.set_level(logging.DEBUG)
    register_reader_url_handler()
    environ = {
        "KIOSK_CONFIG": os.devnull,
        "KIOSK_READERS_SCANNER_URL": "emureader://fast-scanner?kind=scanner",
        "KIOSK_READERS_SCANNER_BAUDRATE": "19200",
    }
    scanned: list[str] = []
    running = _start_reader("start_scanner", load_settings(None, environ), scanned.append)
    assert isinstance(running, RunningReader)
    emulated = get_scanner("fast-scanner")
    try:
        for _ in range(30):  # the suffixes are noise too: one endless, overlong line
            emulated.scan(CODE)
        wait_until(lambda: bool(reader_logs(caplog, logging.WARNING)))
    finally:
        running.stop(timeout=5)
        reset_readers()
    assert scanned == []
    assert reader_logs(caplog, logging.WARNING) == [
        "code scanner: 1 overlong line dropped since start"
        " (check the cable, the baud rate and the scanner's suffix setting)"
    ]
    assert "code scanner stopped: 1 overlong line dropped since start" in reader_logs(
        caplog, logging.INFO
    )
    for record in caplog.records:  # the scanned text is never logged
        assert "K7QM" not in f"{record.getMessage()} {record.args!r}"


def test_a_clean_scan_logs_nothing_from_the_scanner(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    register_reader_url_handler()
    environ = {
        "KIOSK_CONFIG": os.devnull,
        "KIOSK_READERS_SCANNER_URL": "emureader://clean-scanner?kind=scanner",
    }
    arrived = threading.Event()
    reader = start_scanner(load_settings(None, environ), lambda code: arrived.set())
    assert reader is not None
    try:
        get_scanner("clean-scanner").scan(CODE)
        assert arrived.wait(timeout=WAIT)
    finally:
        stop_reader(reader)
        reset_readers()
    assert [r for r in caplog.records if r.name == "kiosk.cli.reader_threads"] == []
    assert all("K7QM" not in record.getMessage() for record in caplog.records)
