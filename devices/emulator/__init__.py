"""Emulated ESC/POS printers, simulated hardware for tests and the demo."""

from __future__ import annotations

import serial

from devices.emulator.decoder import EscPosDecoder
from devices.emulator.printer import EmulatedPrinter, Paper, PrinterStats
from devices.emulator.pty_process import PtyPrinterProcess
from devices.emulator.registry import get_emulator, reset_emulators
from devices.emulator.rendering import RenderedTicket, TicketRenderer, render_tickets

__all__ = [
    "EmulatedPrinter",
    "EscPosDecoder",
    "Paper",
    "PrinterStats",
    "PtyPrinterProcess",
    "RenderedTicket",
    "TicketRenderer",
    "get_emulator",
    "register_url_handler",
    "render_tickets",
    "reset_emulators",
]

_PACKAGE = "devices.emulator"


def register_url_handler() -> None:
    """Teach pyserial the ``emu://`` scheme (it then imports our ``protocol_emu``); idempotent."""
    if _PACKAGE not in serial.protocol_handler_packages:
        serial.protocol_handler_packages.append(_PACKAGE)
