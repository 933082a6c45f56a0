"""Simulated hardware for tests and the demo: an ESC/POS printer, a card reader, a scanner.

``printer/`` is the emulated printer, ``readers/`` the card reader and code scanner,
``pty/`` what serves any of them on a pseudo-terminal. The names below are imported on
first use, so that the kiosk's command line can build its parser without the emulator.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from devices.emulator.printer.decoder import EscPosDecoder
    from devices.emulator.printer.mechanism import Paper
    from devices.emulator.printer.model import EmulatedPrinter, PrinterStats
    from devices.emulator.printer.process import PtyPrinterProcess
    from devices.emulator.printer.protocol_emu import get_emulator, reset_emulators
    from devices.emulator.printer.rendering import RenderedTicket, TicketRenderer, render_tickets

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

_HOMES = {
    "EscPosDecoder": "decoder",
    "EmulatedPrinter": "model",
    "Paper": "mechanism",
    "PrinterStats": "model",
    "PtyPrinterProcess": "process",
    "get_emulator": "protocol_emu",
    "reset_emulators": "protocol_emu",
    "RenderedTicket": "rendering",
    "TicketRenderer": "rendering",
    "render_tickets": "rendering",
}
# pyserial imports ``PACKAGE.protocol_SCHEME`` for SCHEME:// from each of these.
_HANDLER_PACKAGES = ("devices.emulator.printer", "devices.emulator.readers")


def __getattr__(name: str) -> object:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = importlib.import_module(f"devices.emulator.printer.{_HOMES[name]}")
    return getattr(module, name)


def register_url_handler() -> None:
    """Teach pyserial the ``emu://`` and ``emureader://`` schemes; idempotent."""
    import serial

    for package in _HANDLER_PACKAGES:
        if package not in serial.protocol_handler_packages:
            serial.protocol_handler_packages.append(package)
