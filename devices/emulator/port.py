"""What the pyserial handlers for simulated devices share: opening, URLs, a cable's lines."""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

from serial.serialutil import PortNotOpenError, SerialBase, SerialException

LINE_NOISE = b"\xff"  # what a receiver at the wrong speed makes of a byte


class Pluggable:
    """A simulated device a port may open: it can be unplugged, and counts its plug-ins.

    ``connection`` is bumped by every vanish, so connections from before stay dead.
    """

    _vanished = False
    _connection = 0

    @property
    def vanished(self) -> bool:
        return self._vanished

    @property
    def connection(self) -> int:
        """Which plug-in this is."""
        return self._connection

    def alive(self, connection: int) -> bool:
        """True while a port opened on ``connection`` is still plugged in."""
        return not self._vanished and connection == self._connection


DeviceT = TypeVar("DeviceT", bound=Pluggable)


class EmulatedPort(SerialBase, Generic[DeviceT]):  # type: ignore[misc]  # pyserial ships no type hints
    """A serial port whose other end is a simulated device, with every modem line asserted.

    Subclasses find the device for a URL (``_device_for_url``); opening fails while
    the device is unplugged, and data calls once it is (``_alive``).
    """

    is_open: bool

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._device: DeviceT | None = None
        self._connection = -1
        self._read_cancelled = False
        super().__init__(*args, **kwargs)

    def open(self) -> None:
        if self.is_open:
            raise SerialException("Port is already open.")
        if self._port is None:
            raise SerialException("Port must be configured before it can be used.")
        device = self._device_for_url(self._port)
        if device.vanished:
            raise SerialException(f"could not open port {self._port}: no such device (unplugged)")
        self._attach(device)
        self._connection = device.connection
        self._reconfigure_port()
        self.is_open = True
        self._opened()

    def _device_for_url(self, url: str) -> DeviceT:
        raise NotImplementedError

    def _attach(self, device: DeviceT) -> None:
        self._device = device

    def _opened(self) -> None:
        """Runs once the port is open."""

    def _alive(self, action: str) -> DeviceT:
        """The device, or the error a real port gives once its device is gone."""
        if not self.is_open:
            raise PortNotOpenError()
        device = self._device
        if device is None or not device.alive(self._connection):
            raise unplugged(action)
        return device

    def _reconfigure_port(self) -> None:
        if not isinstance(self._baudrate, int) or not 0 < self._baudrate < 2**32:
            raise ValueError(f"invalid baudrate: {self._baudrate!r}")

    def reset_output_buffer(self) -> None:
        if not self.is_open:
            raise PortNotOpenError()

    def flush(self) -> None:
        if not self.is_open:
            raise PortNotOpenError()

    def cancel_write(self) -> None:
        """Writes are never left pending, so there is nothing to cancel."""

    # -- modem lines: a cable with everything asserted --------------------------------

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


def unplugged(action: str) -> SerialException:
    """The error a real port gives once its USB-serial adapter is pulled out."""
    return SerialException(f"{action} failed: [Errno 5] Input/output error (unplugged)")


Option = tuple[str, Callable[[str], Any]]  # the keyword a URL option sets, and its reader


def parse_url(
    url: str, scheme: str, usage: str, known: Mapping[str, Option]
) -> tuple[str, dict[str, Any]]:
    """NAME and each option's last value, read, by keyword, of ``SCHEME://NAME[?QUERY]``.

    Anything else raises SerialException with ``usage`` (and the bad option's name).
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() != scheme or not parts.netloc or parts.path not in ("", "/"):
        raise SerialException(f"{usage}, got {url!r}")
    options: dict[str, Any] = {}
    for name, values in urllib.parse.parse_qs(parts.query, keep_blank_values=True).items():
        if name not in known:
            raise SerialException(f"{usage}: unknown option {name!r}")
        keyword, read = known[name]
        try:
            options[keyword] = read(values[-1])
        except ValueError as error:
            raise SerialException(f"{usage}: {error}") from None
    return parts.netloc, options


def parse_baud(value: str) -> int:
    if not value.isdigit() or int(value) <= 0:
        raise ValueError(f"baud must be a positive number, got {value!r}")
    return int(value)


def mismatch(what: str, name: str, option: str, actual: object, wanted: object) -> SerialException:
    """The error for a URL whose option differs from the shared device's."""
    return SerialException(
        f"emulated {what} {name!r} already exists with {option}={actual!r}, not {wanted!r}"
    )
