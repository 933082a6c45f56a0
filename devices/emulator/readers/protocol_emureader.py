"""pyserial handler for ``emureader://NAME?kind=card|scanner&baud=9600``: an emulated reader.

Simulated hardware for tests and the demo (see ``register_reader_url_handler``).
Options:

- ``kind``: ``card`` (an RDM6300-style EM4100 reader, the default) or ``scanner``
  (a line-terminated barcode/QR scanner);
- ``baud``: the reader's own line speed (default 9600). When the port's baudrate
  differs, every byte arrives as line noise (0xFF), as from a real reader set to
  another speed.

The reader called NAME is shared process-wide (``get_reader``);
options given for a reader that already exists must match it. Reads return the
bytes the reader sent, honouring the port timeout like a real port; writes are
accepted and ignored. When the reader vanishes (unplug), open fails and read on an
open port raises ``SerialException`` while ``is_open`` stays True.
"""

from __future__ import annotations

from typing import Any

from serial.serialutil import SerialException, to_bytes

from devices.emulator.port import (
    LINE_NOISE,
    EmulatedPort,
    Option,
    mismatch,
    parse_baud,
    parse_url,
    unplugged,
)
from devices.emulator.readers.models import (
    CARD,
    KINDS,
    SCANNER,
    EmulatedCardReader,
    EmulatedScanner,
    kind_of,
)
from devices.emulator.readers.sender import DEFAULT_BAUDRATE, EmulatedSender, Unplugged
from devices.emulator.registry import Registry

SCHEME = "emureader"
_USAGE = "expected emureader://NAME[?kind=card|scanner&baud=9600]"
_READERS: Registry[EmulatedSender] = Registry()


def get_reader(name: str, kind: str = CARD, baudrate: int = DEFAULT_BAUDRATE) -> EmulatedSender:
    """The emulated reader called ``name``, created as ``kind`` on first use.

    A test opens ``emureader://NAME?kind=...`` through a transport and reaches the
    same device here to present a card or scan a code. ValueError when ``kind`` is
    unknown, or ``name`` is already a reader of another kind.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown reader kind {kind!r} (known: {', '.join(KINDS)})")
    reader = _READERS.get(name, lambda: KINDS[kind](baudrate=baudrate))
    if not isinstance(reader, KINDS[kind]):
        raise ValueError(f"emulated reader {name!r} is a {kind_of(reader)}, not a {kind}")
    return reader


def get_card_reader(name: str) -> EmulatedCardReader:
    """The emulated card reader called ``name`` (see ``get_reader``)."""
    reader = get_reader(name, CARD)
    assert isinstance(reader, EmulatedCardReader)
    return reader


def get_scanner(name: str) -> EmulatedScanner:
    """The emulated code scanner called ``name`` (see ``get_reader``)."""
    reader = get_reader(name, SCANNER)
    assert isinstance(reader, EmulatedScanner)
    return reader


def reset_readers() -> None:
    """Forget every emulated reader (between tests); open ports keep their old one."""
    _READERS.reset()


class Serial(EmulatedPort[EmulatedSender]):
    """A serial port whose other end is an emulated card reader or code scanner."""

    @property
    def reader(self) -> EmulatedSender | None:
        """The emulated reader at the other end (None until opened)."""
        return self._device

    def _device_for_url(self, url: str) -> EmulatedSender:
        return _reader_for_url(url)

    def close(self) -> None:
        self.is_open = False
        if self._device is not None:
            self._device.wake()

    # -- data ---------------------------------------------------------------------------

    def read(self, size: int = 1) -> bytes:
        reader = self._alive("read")
        self._read_cancelled = False
        try:
            data = reader.take(size, self._timeout, self._connection, self._read_stopped)
        except Unplugged:
            raise unplugged("read") from None
        if self._baudrate != reader.baudrate:
            data = LINE_NOISE * len(data)
        return data

    def _read_stopped(self) -> bool:
        return self._read_cancelled or not self.is_open

    def write(self, data: Any) -> int:
        """A reader has nothing to say to: the bytes are accepted and dropped."""
        self._alive("write")
        return len(to_bytes(data))

    @property
    def in_waiting(self) -> int:
        return self._alive("in_waiting").pending

    @property
    def out_waiting(self) -> int:
        self._alive("out_waiting")
        return 0

    def reset_input_buffer(self) -> None:
        self._alive("reset_input_buffer").discard_pending()

    def cancel_read(self) -> None:
        self._read_cancelled = True
        if self._device is not None:
            self._device.wake()


def _reader_for_url(url: str) -> EmulatedSender:
    name, options = parse_url(url, SCHEME, _USAGE, _OPTIONS)
    try:
        reader = get_reader(
            name, options.get("kind", CARD), options.get("baudrate", DEFAULT_BAUDRATE)
        )
    except ValueError as error:
        raise SerialException(f"{_USAGE}: {error}") from None
    _check_matches(name, reader, options)
    return reader


def _check_matches(name: str, reader: EmulatedSender, options: dict[str, Any]) -> None:
    actual = {"kind": kind_of(reader), "baudrate": reader.baudrate}
    for option, value in options.items():
        if actual[option] != value:
            raise mismatch("reader", name, option, actual[option], value)


def _kind(value: str) -> str:
    if value not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {value!r}")
    return value


_OPTIONS: dict[str, Option] = {"kind": ("kind", _kind), "baud": ("baudrate", parse_baud)}
