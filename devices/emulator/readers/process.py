"""Starts the pty card reader or scanner emulator (simulated hardware) in a child process."""

from __future__ import annotations

from pathlib import Path

from devices.emulator.pty.process import EmulatorProcess
from devices.emulator.readers.models import CARD, DEVICE_NAMES

_MODULE = "devices.emulator.readers.runner"


class ReaderPtyProcess(EmulatorProcess):
    """``python -m devices.emulator.readers.runner`` as a child, with its control socket.

    Used by tests and the demo. Each method sends one control command and raises
    RuntimeError when the emulator answers with an error.
    """

    def __init__(
        self,
        link: Path,
        kind: str = CARD,
        control_socket: Path | None = None,
        terminator: str = "cr",
    ) -> None:
        arguments = ["--kind", kind, "--link", str(link), "--terminator", terminator]
        what = f"{DEVICE_NAMES.get(kind, kind)} emulator"
        super().__init__(_MODULE, arguments, what, control_socket)
        self.link = link
        self.kind = kind

    def present(self, tag: str) -> None:
        """Hold the card ``tag`` over the reader (three frames)."""
        self.checked(f"card {tag}")

    def send_bad_checksum(self, tag: str) -> None:
        self.checked(f"bad-checksum {tag}")

    def scan(self, text: str) -> None:
        """Scan a code whose content is ``text`` (one line, no newline in it)."""
        if "\n" in text:
            raise ValueError("a scanned text sent by control command cannot hold a newline")
        self.checked(f"scan {text}")

    def send_garbage(self, data: bytes) -> None:
        self.checked(f"garbage {data.hex()}")

    def vanish(self) -> None:
        """Unplug: the pty closes and the link disappears."""
        self.checked("vanish")

    def come_back(self) -> None:
        """Plug back in on a fresh pty behind the same link."""
        self.checked("come-back")
