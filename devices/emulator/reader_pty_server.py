"""A pty whose far end is an emulated card reader or scanner (simulated hardware)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from devices.emulator import reader_control
from devices.emulator.pty_emulator_server import READ_SIZE, SERVER_COMMANDS, PtyEmulatorServer
from devices.emulator.reader_registry import kind_of
from devices.emulator.sender import EmulatedSender

__all__ = ["DEVICE_NAMES", "READY_MESSAGE", "SERVER_COMMANDS", "PtyReaderServer"]

READY_MESSAGE = "Emulated {device} ready at {link}"
DEVICE_NAMES = {"card": "card reader", "scanner": "code scanner"}  # by reader kind
_MAX_UNSENT = 65536  # bytes kept for a host that does not read; older ones are lost


class PtyReaderServer(PtyEmulatorServer):
    """Serves an emulated reader on a pty whose slave device is symlinked at ``link``.

    A control command makes the reader send; its bytes are written to the pty at
    once, and what the pty does not take yet is retried when it can (see
    ``PtyEmulatorServer`` for the loop, the control socket and unplugging).
    """

    def __init__(
        self, link: Path, reader: EmulatedSender, control_socket: Path | None = None
    ) -> None:
        super().__init__(link, reader, control_socket)
        self.reader = reader
        self._unsent = bytearray()

    def _unplug(self) -> None:
        super()._unplug()
        self._unsent.clear()

    def _serve_master(self) -> None:
        """Read and ignore what the host writes: a reader takes no commands."""
        with contextlib.suppress(OSError):
            os.read(self._master, READ_SIZE)

    def _wants_to_write(self) -> bool:
        return bool(self._unsent)

    def _serve_writable(self) -> None:
        self._send_to_host()

    def _after_command(self) -> None:
        self._send_to_host()

    def _decode_command(self, line: bytes) -> str:
        return line.decode("utf-8", errors="replace").rstrip("\r")

    def _send_to_host(self) -> None:
        self._unsent += self.reader.take_all()
        del self._unsent[:-_MAX_UNSENT]
        if self._master < 0 or not self._unsent:
            return
        try:
            written = os.write(self._master, self._unsent)
        except OSError:
            return  # EAGAIN: the host's input queue is full; select says when to retry
        del self._unsent[:written]

    def _answer(self, command: str) -> str:
        reply = reader_control.answer(self.reader, command)
        if reply is None:
            names = [*reader_control.command_names(kind_of(self.reader)), *SERVER_COMMANDS]
            return f"error: unknown command {command!r}; known: {', '.join(names)}"
        return reply
