"""Emulated card readers and code scanners (simulated hardware): the public face."""

from __future__ import annotations

from devices.emulator import register_url_handler
from devices.emulator.card_reader import EmulatedCardReader
from devices.emulator.code_scanner import EmulatedScanner
from devices.emulator.reader_pty_process import ReaderPtyProcess
from devices.emulator.reader_registry import (
    get_card_reader,
    get_reader,
    get_scanner,
    reset_readers,
)
from devices.emulator.sender import EmulatedSender

__all__ = [
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
    """Teach pyserial the ``emureader://`` scheme; idempotent.

    pyserial then imports ``devices.emulator.protocol_emureader``. The package is the
    printer's too, so this also teaches it ``emu://``.
    """
    register_url_handler()
