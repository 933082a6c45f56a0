"""pyserial handler for ``emu://NAME?profile=80mm&baud=9600&pace=1``: a port to an emulated printer.

Simulated hardware for tests and the demo (see ``register_url_handler``). Options:

- ``profile``: a printer profile name (default 80mm);
- ``baud``: the printer's own line speed (default: the port's baudrate). When the
  port's baudrate differs, the printer receives only line noise (bytes 0xFF) and so
  never answers, as a real printer set to another speed;
- ``pace``: 1 to make writes last as long as the bytes take on the wire (this sets
  the shared printer's pacing; without the option the printer keeps its own).

The printer called NAME is shared process-wide (``get_emulator``); options
given for a printer that already exists must match it. When the printer vanishes
(unplug), open fails and read/write on an open port raise ``SerialException`` while
``is_open`` stays True, as with a real USB-serial adapter pulled out.
"""

from __future__ import annotations

import threading
from typing import Any

from serial.serialutil import PortNotOpenError, SerialTimeoutException, to_bytes

from devices.emulator.port import LINE_NOISE, EmulatedPort, Option, mismatch, parse_baud, parse_url
from devices.emulator.printer.model import BITS_PER_BYTE, EmulatedPrinter
from devices.emulator.registry import Registry
from devices.escpos.profiles import PROFILES

SCHEME = "emu"
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")
_USAGE = "expected emu://NAME[?profile=80mm&baud=9600&pace=1]"
_PRINTERS: Registry[EmulatedPrinter] = Registry()


def get_emulator(
    name: str, profile_name: str = "80mm", baudrate: int = 9600, pace: bool = False
) -> EmulatedPrinter:
    """The emulated printer called ``name``, created with these settings on first use.

    A test opens ``emu://NAME`` through a transport and reaches the same printer here
    to pull its paper or read what it printed.
    """
    return _PRINTERS.get(name, lambda: EmulatedPrinter(profile_name, baudrate, pace))


def reset_emulators() -> None:
    """Forget every emulated printer (between tests); open ports keep their old one."""
    _PRINTERS.reset()


class Serial(EmulatedPort[EmulatedPrinter]):
    """A serial port whose other end is an EmulatedPrinter."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._replies = bytearray()
        self._ready = threading.Condition()
        super().__init__(*args, **kwargs)

    @property
    def printer(self) -> EmulatedPrinter | None:
        """The emulated printer at the other end (None until opened)."""
        return self._device

    def _attach(self, printer: EmulatedPrinter) -> None:
        super()._attach(printer)
        printer.subscribe(self._wake)

    def _opened(self) -> None:
        self.reset_input_buffer()

    def close(self) -> None:
        if self.is_open and self._device is not None:
            self._device.unsubscribe(self._wake)
        self.is_open = False
        self._wake()

    def _device_for_url(self, url: str) -> EmulatedPrinter:
        name, options = parse_url(url, SCHEME, _USAGE, _OPTIONS)
        settings: dict[str, Any] = {"profile_name": "80mm", "baudrate": self._baudrate}
        settings.update(options)
        printer = get_emulator(name, **settings)
        printer.pace = options.get("pace", printer.pace)
        for option, value in options.items():
            actual = {"profile_name": printer.profile.name, "baudrate": printer.baudrate}
            if option in actual and actual[option] != value:
                raise mismatch("printer", name, option, actual[option], value)
        return printer

    def _wake(self) -> None:
        with self._ready:
            self._ready.notify_all()

    # -- data ---------------------------------------------------------------------------

    def write(self, data: Any) -> int:
        printer = self._alive("write")
        payload = to_bytes(data)
        fitting = self._bytes_within_write_timeout(printer, len(payload))
        wire = payload[:fitting]
        if self._baudrate != printer.baudrate:
            wire = LINE_NOISE * len(wire)
        replies = printer.receive(wire)
        self._alive("write")  # unplugged while the bytes were on the wire
        with self._ready:
            self._replies += replies
            self._ready.notify_all()
        if fitting < len(payload):
            raise SerialTimeoutException("Write timeout")
        return len(payload)

    def _bytes_within_write_timeout(self, printer: EmulatedPrinter, count: int) -> int:
        if not printer.pace or self._write_timeout is None:
            return count
        return min(count, int(self._write_timeout * printer.baudrate / BITS_PER_BYTE))

    def read(self, size: int = 1) -> bytes:
        self._alive("read")
        timeout = self._timeout
        with self._ready:
            self._read_cancelled = False
            self._ready.wait_for(lambda: self._read_can_return(size), timeout)
            self._alive("read")
            data = bytes(self._replies[:size])
            del self._replies[:size]
        return data

    def _read_can_return(self, size: int) -> bool:
        gone = self._device is None or not self._device.alive(self._connection)
        return len(self._replies) >= size or self._read_cancelled or not self.is_open or gone

    @property
    def in_waiting(self) -> int:
        self._alive("in_waiting")
        with self._ready:
            return len(self._replies)

    @property
    def out_waiting(self) -> int:
        self._alive("out_waiting")
        return 0  # writes reach the printer before write() returns

    def reset_input_buffer(self) -> None:
        if not self.is_open:
            raise PortNotOpenError()
        with self._ready:
            self._replies.clear()

    def cancel_read(self) -> None:
        with self._ready:
            self._read_cancelled = True
            self._ready.notify_all()


def _profile(value: str) -> str:
    if value not in PROFILES:
        raise ValueError(f"unknown profile {value!r} (known: {', '.join(PROFILES)})")
    return value


def _pace(value: str) -> bool:
    if value.lower() not in _TRUE + _FALSE:
        raise ValueError(f"pace must be 0 or 1, got {value!r}")
    return value.lower() in _TRUE


_OPTIONS: dict[str, Option] = {
    "profile": ("profile_name", _profile),
    "baud": ("baudrate", parse_baud),
    "pace": ("pace", _pace),
}
