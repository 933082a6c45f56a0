"""pyserial handler for ``emureader://NAME?kind=card|scanner&baud=9600``: an emulated reader.

Simulated hardware for tests and the demo (see ``readers.register_reader_url_handler``).
Options:

- ``kind``: ``card`` (an RDM6300-style EM4100 reader, the default) or ``scanner``
  (a line-terminated barcode/QR scanner);
- ``baud``: the reader's own line speed (default 9600). When the port's baudrate
  differs, every byte arrives as line noise (0xFF), as from a real reader set to
  another speed.

The reader called NAME is shared process-wide (``reader_registry.get_reader``);
options given for a reader that already exists must match it. Reads return the
bytes the reader sent, honouring the port timeout like a real port; writes are
accepted and ignored. When the reader vanishes (unplug), open fails and read on an
open port raises ``SerialException`` while ``is_open`` stays True.
"""

from __future__ import annotations

import urllib.parse
from typing import Any

from serial.serialutil import PortNotOpenError, SerialBase, SerialException, to_bytes

from devices.emulator.reader_registry import CARD, KINDS, get_reader, kind_of
from devices.emulator.sender import DEFAULT_BAUDRATE, EmulatedSender, Unplugged

SCHEME = "emureader"
LINE_NOISE = b"\xff"  # what a receiver at the wrong speed makes of a byte
_USAGE = "expected emureader://NAME[?kind=card|scanner&baud=9600]"


class Serial(SerialBase):  # type: ignore[misc]  # pyserial ships no type hints
    """A serial port whose other end is an emulated card reader or code scanner."""

    is_open: bool

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._reader: EmulatedSender | None = None
        self._connection = -1
        self._read_cancelled = False
        super().__init__(*args, **kwargs)

    @property
    def reader(self) -> EmulatedSender | None:
        """The emulated reader at the other end (None until opened)."""
        return self._reader

    def open(self) -> None:
        if self.is_open:
            raise SerialException("Port is already open.")
        if self._port is None:
            raise SerialException("Port must be configured before it can be used.")
        reader = _reader_for_url(self._port)
        if reader.vanished:
            raise SerialException(f"could not open port {self._port}: no such device (unplugged)")
        self._reader, self._connection = reader, reader.connection
        self._reconfigure_port()
        self.is_open = True

    def close(self) -> None:
        self.is_open = False
        if self._reader is not None:
            self._reader.wake()

    def _reconfigure_port(self) -> None:
        if not isinstance(self._baudrate, int) or not 0 < self._baudrate < 2**32:
            raise ValueError(f"invalid baudrate: {self._baudrate!r}")

    def _alive(self, action: str) -> EmulatedSender:
        """The reader, or the error a real port gives once its device is gone."""
        if not self.is_open:
            raise PortNotOpenError()
        reader = self._reader
        if reader is None or not reader.alive(self._connection):
            raise SerialException(f"{action} failed: [Errno 5] Input/output error (unplugged)")
        return reader

    # -- data ---------------------------------------------------------------------------

    def read(self, size: int = 1) -> bytes:
        reader = self._alive("read")
        self._read_cancelled = False
        try:
            data = reader.take(size, self._timeout, self._connection, self._read_stopped)
        except Unplugged:
            raise SerialException("read failed: [Errno 5] Input/output error (unplugged)") from None
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

    def reset_output_buffer(self) -> None:
        if not self.is_open:
            raise PortNotOpenError()

    def flush(self) -> None:
        if not self.is_open:
            raise PortNotOpenError()

    def cancel_read(self) -> None:
        self._read_cancelled = True
        if self._reader is not None:
            self._reader.wake()

    def cancel_write(self) -> None:
        """Writes are never left pending, so there is nothing to cancel."""

    # -- modem lines: a reader cable with everything asserted -------------------------

    def _update_break_state(self) -> None:
        pass

    def _update_rts_state(self) -> None:
        pass

    def _update_dtr_state(self) -> None:
        pass

    @property
    def cts(self) -> bool:
        return True

    @property
    def dsr(self) -> bool:
        return True

    @property
    def ri(self) -> bool:
        return False

    @property
    def cd(self) -> bool:
        return True


def _reader_for_url(url: str) -> EmulatedSender:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() != SCHEME or not parts.netloc or parts.path not in ("", "/"):
        raise SerialException(f"{_USAGE}, got {url!r}")
    try:
        options = _parse_options(parts.query)
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
            raise SerialException(
                f"emulated reader {name!r} already exists with {option}={actual[option]!r}, "
                f"not {value!r}"
            )


def _parse_options(query: str) -> dict[str, Any]:
    """URL options as get_reader keywords; ValueError names the bad one."""
    options: dict[str, Any] = {}
    for name, values in urllib.parse.parse_qs(query, keep_blank_values=True).items():
        value = values[-1]
        if name == "kind":
            if value not in KINDS:
                raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {value!r}")
            options["kind"] = value
        elif name == "baud":
            if not value.isdigit() or int(value) <= 0:
                raise ValueError(f"baud must be a positive number, got {value!r}")
            options["baudrate"] = int(value)
        else:
            raise ValueError(f"unknown option {name!r}")
    return options
