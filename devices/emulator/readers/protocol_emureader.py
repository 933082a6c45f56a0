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

from serial.serialutil import PortNotOpenError, SerialException, to_bytes

from devices.emulator.port import (
    LINE_NOISE,
    EmulatedPort,
    Option,
    mismatch,
    parse_baud,
    parse_options,
    split_url,
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._reader: EmulatedSender | None = None
        super().__init__(*args, **kwargs)

    @property
    def reader(self) -> EmulatedSender | None:
        """The emulated reader at the other end (None until opened)."""
        return self._reader

    def _device_for_url(self, url: str) -> EmulatedSender:
        return _reader_for_url(url)

    def _attach(self, reader: EmulatedSender) -> None:
        self._reader = reader

    def close(self) -> None:
        self.is_open = False
        if self._reader is not None:
            self._reader.wake()

    def _alive(self, action: str) -> EmulatedSender:
        """The reader, or the error a real port gives once its device is gone."""
        if not self.is_open:
            raise PortNotOpenError()
        reader = self._reader
        if reader is None or not reader.alive(self._connection):
            raise unplugged(action)
        return reader

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
        if self._reader is not None:
            self._reader.wake()


def _reader_for_url(url: str) -> EmulatedSender:
    parts = split_url(url, SCHEME, _USAGE)
    try:
        options = parse_options(parts.query, _OPTIONS)
        kind, baudrate = options.get("kind", CARD), options.get("baudrate", DEFAULT_BAUDRATE)
        reader = get_reader(parts.netloc, kind, baudrate)
    except ValueError as error:
        raise SerialException(f"{_USAGE}: {error}") from None
    _check_matches(parts.netloc, reader, options)
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
