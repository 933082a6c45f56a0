"""An emulated RDM6300-style EM4100 card reader (simulated hardware) sending real frames."""

from __future__ import annotations

from devices.emulator.sender import EmulatedSender
from devices.readers.rdm6300 import encode_frame

DEFAULT_REPEATS = 3  # frames per presentation: a card held for about 300 ms


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
