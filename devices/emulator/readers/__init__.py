"""Emulated card readers and code scanners (simulated hardware): the public face."""

from __future__ import annotations

from devices.emulator import register_url_handler
from devices.emulator.readers.models import CARD, SCANNER, EmulatedCardReader, EmulatedScanner
from devices.emulator.readers.process import ReaderPtyProcess
from devices.emulator.readers.protocol_emureader import (
    get_card_reader,
    get_reader,
    get_scanner,
    reset_readers,
)
from devices.emulator.readers.sender import EmulatedSender

__all__ = [
    "CARD",
    "SCANNER",
    "EmulatedCardReader",
    "EmulatedScanner",
    "EmulatedSender",
    "ReaderPtyProcess",
    "get_card_reader",
    "get_reader",
    "get_scanner",
    "register_reader_url_handler",
    "reset_readers",
]


def register_reader_url_handler() -> None:
    """Teach pyserial the ``emureader://`` scheme (and ``emu://``, see
    ``register_url_handler``); idempotent."""
    register_url_handler()
