"""Starts the configured code scanner and hands each scanned code to a callback."""

from __future__ import annotations

import logging
from collections.abc import Callable

from devices.emulator.readers import register_reader_url_handler
from devices.readers.reader import SerialReader
from devices.readers.scanner import LineScannerParser
from devices.transport import SerialTransport
from kiosk.config import Settings

log = logging.getLogger(__name__)

TERMINATORS = {"cr": b"\r", "lf": b"\n", "crlf": b"\r\n", "tab": b"\t"}


def start_scanner(settings: Settings, on_code: Callable[[str], None]) -> SerialReader[str] | None:
    """A running scanner thread, or None when no scanner is configured.

    Scanned text can be anything a QR code holds, so it is never logged.
    """
    readers = settings.readers
    if not readers.scanner_url:
        return None
    register_reader_url_handler()
    transport = SerialTransport(readers.scanner_url, baudrate=readers.scanner_baudrate)
    parser = LineScannerParser(terminator=TERMINATORS[readers.scanner_terminator])
    reader = SerialReader(transport, parser, on_code, on_problem=_report_problem)
    reader.start()
    return reader


def _report_problem(problem: str) -> None:
    log.warning("code scanner: %s", problem)
