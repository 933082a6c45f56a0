"""RDM6300-style EM4100 card reader frames: STX, ten hex digits, XOR checksum, ETX."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import xor

from devices.readers.counts import in_words

STX = 0x02  # start of text: a frame begins
ETX = 0x03  # end of text: a frame ends
BAUDRATE = 9600  # the reader's fixed line speed, 8 data bits, no parity, 1 stop bit
VERSION_DIGITS = 2  # version or customer code, first of the ten data digits
TAG_ID_DIGITS = 8  # the 32-bit tag id, the rest of the data digits
DATA_DIGITS = VERSION_DIGITS + TAG_ID_DIGITS
CHECKSUM_DIGITS = 2  # XOR of the five data bytes, as two hex digits
PAYLOAD_DIGITS = DATA_DIGITS + CHECKSUM_DIGITS
FRAME_LENGTH = 1 + PAYLOAD_DIGITS + 1
HEX_DIGITS = frozenset(b"0123456789ABCDEFabcdef")
DEFAULT_REPEAT_WINDOW = 1.5  # seconds; readers repeat about every 100 ms while a card is held
WIEGAND_CODE_BITS = 16  # the Wiegand-26 card code; the byte above it is the facility code


@dataclass(frozen=True)
class CardRead:
    """One card seen by the reader: its tag as ten upper-case hex digits, and when.

    A tag identifies a card; it proves nothing (EM4100 cards are trivially copied),
    so it never replaces a PIN for anything sensitive.
    """

    tag: str
    at: float

    def __post_init__(self) -> None:
        if not is_tag(self.tag) or self.tag != self.tag.upper():
            raise ValueError(f"a tag is {DATA_DIGITS} upper-case hex digits, got {self.tag!r}")

    @property
    def version(self) -> int:
        """The version (customer) byte ahead of the tag id."""
        return int(self.tag[:VERSION_DIGITS], 16)

    @property
    def card_number(self) -> int:
        """The 32-bit tag id: the number most cards have printed on them."""
        return int(self.tag[VERSION_DIGITS:], 16)

    @property
    def printed_number(self) -> str:
        """``card_number`` as printed on cards: ten decimal digits, e.g. ``0010597059``."""
        return f"{self.card_number:010d}"

    @property
    def wiegand(self) -> str:
        """The Wiegand-26 form also printed on cards: facility,code, e.g. ``161,45763``."""
        facility = (self.card_number >> WIEGAND_CODE_BITS) & 0xFF
        code = self.card_number & ((1 << WIEGAND_CODE_BITS) - 1)
        return f"{facility:03d},{code:05d}"


@dataclass
class Rdm6300Stats:
    """What the parser made of the bytes it was fed.

    ``frames`` counts every good frame, reported or suppressed as a repeat;
    ``bad_frames`` those with a wrong length, a non-hex digit, or cut short by a
    new STX; ``garbage_bytes`` the bytes found outside any frame.
    """

    frames: int = 0
    bad_checksum: int = 0
    bad_frames: int = 0
    garbage_bytes: int = 0
    repeats_suppressed: int = 0

    @property
    def bad_input(self) -> int:
        """What was dropped as unreadable (a bad cable, a wrong baud rate); not the repeats."""
        return self.bad_checksum + self.bad_frames + self.garbage_bytes

    @property
    def dropped(self) -> int:
        """Everything dropped, the repeats of a held card (normal) included."""
        return self.bad_input + self.repeats_suppressed

    def summary(self) -> str:
        """The drops in words, e.g. ``3 frames with a bad checksum and 40 stray bytes``."""
        return in_words(
            [
                (self.bad_checksum, "frame with a bad checksum", "frames with a bad checksum"),
                (self.bad_frames, "broken frame", "broken frames"),
                (self.garbage_bytes, "stray byte", "stray bytes"),
                (self.repeats_suppressed, "repeat of a held card", "repeats of a held card"),
            ]
        )


def is_tag(text: str) -> bool:
    """True for ten hex digits (either case)."""
    return len(text) == DATA_DIGITS and all(ord(digit) in HEX_DIGITS for digit in text)


def checksum(data: bytes) -> int:
    """The RDM6300 checksum: the XOR of the data bytes."""
    return reduce(xor, data, 0)


def encode_frame(tag: str, wrong_checksum: bool = False) -> bytes:
    """The frame a reader sends for ``tag``; with ``wrong_checksum``, one read badly."""
    if not is_tag(tag):
        raise ValueError(f"a tag is {DATA_DIGITS} hex digits, got {tag!r}")
    value = checksum(bytes.fromhex(tag))
    if wrong_checksum:
        value ^= 0xFF
    payload = f"{tag.upper()}{value:02X}".encode("ascii")
    return bytes([STX]) + payload + bytes([ETX])


class Rdm6300Parser:
    """Turns the reader's byte stream into card reads; a pure object fed bytes.

    No port, no thread: feed it whatever arrived, in any pieces, and it returns
    the cards completed by those bytes. Malformed frames and stray bytes are
    dropped and counted in ``stats``; ``feed`` never raises.

    A held card is sent again about every 100 ms. A tag seen again within
    ``repeat_window`` seconds of its last sighting is not reported again, so a
    card held for a minute is one read; each sighting restarts its window.
    ``repeat_window=0`` reports every frame.
    """

    def __init__(
        self,
        repeat_window: float = DEFAULT_REPEAT_WINDOW,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if repeat_window < 0:
            raise ValueError(f"repeat_window must be 0 or more seconds, not {repeat_window}")
        self.repeat_window = repeat_window
        self.stats = Rdm6300Stats()
        self._clock = clock
        self._payload = bytearray()
        self._in_frame = False
        self._last_seen: dict[str, float] = {}

    def feed(self, data: bytes) -> list[CardRead]:
        """Take the next bytes from the reader; returns the new cards they complete."""
        reads = []
        for byte in data:
            read = self._take(byte)
            if read is not None:
                reads.append(read)
        return reads

    def _take(self, byte: int) -> CardRead | None:
        if byte == STX:
            if self._in_frame:
                self._drop_frame()  # cut short: the reader started over
            self._in_frame = True
        elif not self._in_frame:
            self.stats.garbage_bytes += 1
        elif byte == ETX:
            payload = bytes(self._payload)
            self._in_frame = False
            self._payload.clear()
            return self._finish(payload)
        elif len(self._payload) < PAYLOAD_DIGITS:
            self._payload.append(byte)
        else:
            self._drop_frame()  # overlong: no ETX where it belongs
        return None

    def _drop_frame(self) -> None:
        self.stats.bad_frames += 1
        self._in_frame = False
        self._payload.clear()

    def _finish(self, payload: bytes) -> CardRead | None:
        if len(payload) != PAYLOAD_DIGITS or not HEX_DIGITS.issuperset(payload):
            self.stats.bad_frames += 1
            return None
        values = bytes.fromhex(payload.decode("ascii"))
        if checksum(values[:-1]) != values[-1]:
            self.stats.bad_checksum += 1
            return None
        self.stats.frames += 1
        return self._unless_repeat(payload[:DATA_DIGITS].decode("ascii").upper())

    def _unless_repeat(self, tag: str) -> CardRead | None:
        now = self._clock()
        self._forget_before(now - self.repeat_window)
        last = self._last_seen.get(tag)
        self._last_seen[tag] = now
        if last is not None and now - last < self.repeat_window:
            self.stats.repeats_suppressed += 1
            return None
        return CardRead(tag, now)

    def _forget_before(self, moment: float) -> None:
        """Drop tags last seen before ``moment``, so the memory stays small."""
        stale = [tag for tag, seen in self._last_seen.items() if seen < moment]
        for tag in stale:
            del self._last_seen[tag]
