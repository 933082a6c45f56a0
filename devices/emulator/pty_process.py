"""Starts the pty printer emulator (simulated hardware) in a child process and talks to it."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

from devices.emulator.emulator_process import EmulatorProcess
from devices.emulator.pty_server import READY_MESSAGE

READY_PREFIX = READY_MESSAGE.split("{", 1)[0]
_MODULE = "devices.emulator.pty_runner"


class PtyPrinterProcess(EmulatorProcess):
    """``python -m devices.emulator.pty_runner`` as a child, with its control socket.

    Used by tests, ``kiosk emulate printer`` and the demo.
    """

    def __init__(
        self,
        link: Path,
        profile: str = "80mm",
        baudrate: int = 9600,
        pace: bool = False,
        control_socket: Path | None = None,
        output_dir: Path | None = None,
    ) -> None:
        arguments = ["--link", str(link), "--profile", profile, "--baud", str(baudrate)]
        arguments += ["--pace"] if pace else []
        arguments += ["--output", str(output_dir)] if output_dir is not None else []
        super().__init__(_MODULE, arguments, READY_PREFIX, "printer emulator", control_socket)
        self.link = link

    def tickets(self) -> list[str]:
        """The rendered text of every ticket printed so far."""
        texts: list[str] = json.loads(self._query("tickets"))
        return texts

    def stats(self) -> dict[str, Any]:
        """Counters and state (bytes_received, discarded_bytes, paper, online, ...)."""
        stats: dict[str, Any] = json.loads(self._query("stats"))
        return stats

    def received(self) -> bytes:
        """Every raw byte the emulated printer received so far (a tap on the line)."""
        answer = json.loads(self._query("received"))
        if answer["dropped"]:
            raise RuntimeError(f"the emulator dropped {answer['dropped']} old bytes of its log")
        return base64.b64decode(answer["base64"])

    def _query(self, command: str) -> str:
        reply = self.command(command)
        if reply.startswith("error:"):
            raise RuntimeError(reply)
        return reply
