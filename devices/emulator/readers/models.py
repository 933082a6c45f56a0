"""The emulated card reader and code scanner (simulated hardware), and their kinds by name."""

from __future__ import annotations

from devices.emulator.readers.sender import DEFAULT_BAUDRATE, EmulatedSender
from devices.readers.rdm6300 import encode_frame
from devices.readers.scanner import TERMINATORS

DEFAULT_REPEATS = 3  # frames per presentation: a card held for about 300 ms
DEFAULT_TERMINATOR = b"\r"  # the factory suffix of most scanners


class EmulatedCardReader(EmulatedSender):
    """Simulated hardware: a 125 kHz EM4100 reader on a serial line, as the RDM6300.

    Not a driver. ``present`` sends the frames a real reader sends while a card is
    held over it: the same frame again and again, back to back here (a real reader
    spaces them about 100 ms apart).
    """

    def present(self, tag: str, repeats: int = DEFAULT_REPEATS) -> None:
        """Hold the card ``tag`` (ten hex digits) over the reader for ``repeats`` frames."""
        if repeats < 1:
            raise ValueError(f"repeats must be at least 1, not {repeats}")
        self.send(encode_frame(tag) * repeats)

    def send_bad_checksum(self, tag: str) -> None:
        """Send one frame for ``tag`` whose checksum is wrong, as from a card read badly."""
        self.send(encode_frame(tag, wrong_checksum=True))


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


CARD = "card"
SCANNER = "scanner"
KINDS: dict[str, type[EmulatedSender]] = {CARD: EmulatedCardReader, SCANNER: EmulatedScanner}
DEVICE_NAMES = {CARD: "card reader", SCANNER: "code scanner"}  # by kind, as people say it


def kind_of(reader: EmulatedSender) -> str:
    """``card`` or ``scanner``."""
    return next(kind for kind, cls in KINDS.items() if isinstance(reader, cls))


def make_reader(kind: str, terminator: str = "cr") -> EmulatedSender:
    """A fresh emulated reader of ``kind``; a scanner ends its codes with ``terminator``."""
    if kind == SCANNER:
        return EmulatedScanner(TERMINATORS[terminator])
    return KINDS[kind]()
