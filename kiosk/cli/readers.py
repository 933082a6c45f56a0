"""Starts the configured code scanner and card reader and hands each read to a callback."""

from __future__ import annotations

import logging
from collections.abc import Callable

from devices.emulator.readers import register_reader_url_handler
from devices.readers.rdm6300 import CardRead, Rdm6300Parser
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


def start_card_reader(
    settings: Settings, on_tag: Callable[[str], None]
) -> SerialReader[CardRead] | None:
    """A running card reader thread, or None when no card reader is configured.

    `on_tag` gets each card's tag (ten upper-case hex digits) once per tap: a card held
    over the reader repeats its frame, and repeats within the parser's window are
    dropped. Runs on the reader's thread; tags are never logged.
    """
    readers = settings.readers
    if not readers.card_url:
        return None
    register_reader_url_handler()
    transport = SerialTransport(readers.card_url, baudrate=readers.card_baudrate)
    reader = SerialReader(
        transport, Rdm6300Parser(), lambda read: on_tag(read.tag), on_problem=_report_card_problem
    )
    reader.start()
    return reader


def stop_reader(reader: SerialReader[CardRead] | SerialReader[str], timeout: float = 5) -> None:
    """Stop a reader started here and close its port (SerialReader leaves it open)."""
    reader.stop(timeout)
    close = getattr(reader.transport, "close", None)
    if callable(close):
        close()


class RunningReader:
    """A reader started for the kiosk's whole run: `stop` (at the run's end) ends its
    thread and then closes its port, so that another program may open it."""

    def __init__(self, reader: SerialReader[CardRead] | SerialReader[str]) -> None:
        self.reader = reader

    def stop(self, timeout: float = 5) -> None:
        stop_reader(self.reader, timeout)


def for_the_run(
    reader: SerialReader[CardRead] | SerialReader[str] | None,
) -> RunningReader | None:
    return None if reader is None else RunningReader(reader)


def _report_card_problem(problem: str) -> None:
    log.warning("card reader: %s", problem)
