"""A pty whose far end is an emulated printer (simulated hardware), with a control socket."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from devices.emulator import control
from devices.emulator.printer import BITS_PER_BYTE, EmulatedPrinter
from devices.emulator.pty_emulator_server import READ_SIZE, SERVER_COMMANDS, PtyEmulatorServer

__all__ = ["READY_MESSAGE", "SERVER_COMMANDS", "PtyPrinterServer"]

READY_MESSAGE = "Emulated printer ready at {link}"
_PACED_READ_SECONDS = 0.02  # when paced, read ~20 ms of line at a time to stay responsive


class PtyPrinterServer(PtyEmulatorServer):
    """Serves an EmulatedPrinter on a pty whose slave device is symlinked at ``link``.

    What the host writes goes to the printer and its replies straight back
    (see ``PtyEmulatorServer`` for the loop, the control socket and unplugging).
    """

    def __init__(
        self, link: Path, printer: EmulatedPrinter, control_socket: Path | None = None
    ) -> None:
        super().__init__(link, printer, control_socket)
        self.printer = printer

    def _read_size(self) -> int:
        if not self.printer.pace:
            return READ_SIZE
        return max(1, int(self.printer.baudrate * _PACED_READ_SECONDS / BITS_PER_BYTE))

    def _serve_master(self) -> None:
        try:
            data = os.read(self._master, self._read_size())
        except OSError:
            return  # EAGAIN; EIO would need every slave fd closed, and we hold one
        replies = self.printer.receive(data)
        if replies:
            with contextlib.suppress(OSError):
                os.write(self._master, replies)

    def _answer(self, command: str) -> str:
        reply = control.answer(self.printer, command)
        if reply is None:
            known = ", ".join([*control.command_names(), *SERVER_COMMANDS])
            return f"error: unknown command {command!r}; known: {known}"
        return reply
