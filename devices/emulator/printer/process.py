"""Starts the pty printer emulator (simulated hardware) in a child process and talks to it."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

from devices.emulator.pty.process import EmulatorProcess

_MODULE = "devices.emulator.printer.runner"


class PtyPrinterProcess(EmulatorProcess):
    """``python -m devices.emulator.printer.runner`` as a child, with its control socket.

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
        super().__init__(_MODULE, arguments, "printer emulator", control_socket)
        self.link = link

    def tickets(self) -> list[str]:
        """The rendered text of every ticket printed so far."""
        texts: list[str] = json.loads(self.checked("tickets"))
        return texts

    def stats(self) -> dict[str, Any]:
        """Counters and state (bytes_received, discarded_bytes, paper, online, ...)."""
        stats: dict[str, Any] = json.loads(self.checked("stats"))
        return stats

    def received(self) -> bytes:
        """Every raw byte the emulated printer received so far (a tap on the line)."""
        answer = json.loads(self.checked("received"))
        if answer["dropped"]:
            raise RuntimeError(f"the emulator dropped {answer['dropped']} old bytes of its log")
        return base64.b64decode(answer["base64"])
