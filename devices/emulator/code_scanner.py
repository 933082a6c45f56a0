"""An emulated serial barcode/QR scanner (simulated hardware): each code, then its suffix."""

from __future__ import annotations

from devices.emulator.sender import DEFAULT_BAUDRATE, EmulatedSender

DEFAULT_TERMINATOR = b"\r"  # the factory suffix of most scanners


class EmulatedScanner(EmulatedSender):
    """Simulated hardware: a barcode or QR scanner in serial mode.

    Not a driver. ``scan`` sends the code's text followed by the suffix the scanner
    is configured with (``terminator``), or by the one given for that scan.
    """

    def __init__(
        self,
        terminator: bytes = DEFAULT_TERMINATOR,
        baudrate: int = DEFAULT_BAUDRATE,
        encoding: str = "utf-8",
    ) -> None:
        super().__init__(baudrate)
        self.terminator = terminator
        self.encoding = encoding

    def scan(self, text: str, terminator: bytes | None = None) -> None:
        """Scan a code whose content is ``text``."""
        suffix = self.terminator if terminator is None else terminator
        self.send(text.encode(self.encoding) + suffix)
