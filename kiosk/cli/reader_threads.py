"""Starts the configured code scanner and card reader and hands each read to a callback."""

from __future__ import annotations

import logging
from collections.abc import Callable

from devices.emulator.readers import register_reader_url_handler
from devices.readers.rdm6300 import CardRead, Rdm6300Parser
from devices.readers.reader import BAD_INPUT_SECONDS, SerialReader
from devices.readers.scanner import TERMINATORS, LineScannerParser
from devices.transport import SerialTransport
from kiosk.config import Settings

log = logging.getLogger(__name__)

SCANNER = "code scanner"
CARD_READER = "card reader"
# What a technician checks when a reader receives what it cannot read.
HINTS = {
    SCANNER: "check the cable, the baud rate and the scanner's suffix setting",
    CARD_READER: "check the cable and the baud rate",
}


def start_scanner(
    settings: Settings,
    on_code: Callable[[str], None],
    *,
    bad_input_interval: float = BAD_INPUT_SECONDS,
) -> SerialReader[str] | None:
    """A running scanner thread, or None when no scanner is configured.

    Scanned text can be anything a QR code holds, so it is never logged; lines
    dropped as unreadable are, as counts, at most once per `bad_input_interval`.
    """
    readers = settings.readers
    if not readers.scanner_url:
        return None
    register_reader_url_handler()
    transport = SerialTransport(readers.scanner_url, baudrate=readers.scanner_baudrate)
    parser = LineScannerParser(terminator=TERMINATORS[readers.scanner_terminator])
    reader = SerialReader(
        transport,
        parser,
        on_code,
        on_problem=_report_problem,
        on_bad_input=lambda counts: _report_bad_input(SCANNER, counts),
        bad_input_interval=bad_input_interval,
    )
    reader.start()
    return reader


def _report_problem(problem: str) -> None:
    log.warning("code scanner: %s", problem)


def start_card_reader(
    settings: Settings,
    on_tag: Callable[[str], None],
    *,
    bad_input_interval: float = BAD_INPUT_SECONDS,
) -> SerialReader[CardRead] | None:
    """A running card reader thread, or None when no card reader is configured.

    `on_tag` gets each card's tag (ten upper-case hex digits) once per tap: a card held
    over the reader repeats its frame, and repeats within the parser's window are
    dropped. Runs on the reader's thread; tags are never logged. Frames and bytes
    dropped as unreadable are, as counts, at most once per `bad_input_interval`.
    """
    readers = settings.readers
    if not readers.card_url:
        return None
    register_reader_url_handler()
    transport = SerialTransport(readers.card_url, baudrate=readers.card_baudrate)
    reader = SerialReader(
        transport,
        Rdm6300Parser(),
        lambda read: on_tag(read.tag),
        on_problem=_report_card_problem,
        on_bad_input=lambda counts: _report_bad_input(CARD_READER, counts),
        bad_input_interval=bad_input_interval,
    )
    reader.start()
    return reader


def stop_reader(reader: SerialReader[CardRead] | SerialReader[str], timeout: float = 5) -> None:
    """Stop a reader started here and close its port (SerialReader leaves it open).

    If the reader dropped anything, its counts are logged (never what was read): as
    information when some input was unreadable, for the technician; else (only the
    repeats of a held card, which every tap brings) at debug level.
    """
    reader.stop(timeout)
    close = getattr(reader.transport, "close", None)
    if callable(close):
        close()
    drops = reader.drops
    if drops is not None and drops.dropped:
        level = logging.INFO if drops.bad_input else logging.DEBUG
        log.log(level, "%s stopped: %s dropped since start", _kind(reader), drops.summary())


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


def _report_bad_input(kind: str, counts: str) -> None:
    # `counts` is numbers in words, from the parser's stats: never the bytes read.
    log.warning("%s: %s dropped since start (%s)", kind, counts, HINTS[kind])


def _kind(reader: SerialReader[CardRead] | SerialReader[str]) -> str:
    return CARD_READER if isinstance(reader.parser, Rdm6300Parser) else SCANNER
