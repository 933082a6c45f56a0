"""The configured code scanner delivers what it scans (emulated scanner: simulated hardware)."""

from __future__ import annotations

import os
import threading

from devices.emulator.readers import get_scanner, register_reader_url_handler, reset_readers
from kiosk.cli.app_commands import _start_reader
from kiosk.cli.readers import RunningReader, start_scanner
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
