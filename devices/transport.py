"""A serial port opened by URL that survives unplugging: its errors become device errors."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Any

import serial

from devices.errors import BadDeviceUrl, DeviceGone, DeviceTimeout

log = logging.getLogger(__name__)


# What pyserial raises when the device goes away: SerialException, or a bare OSError
# from the file descriptor. Its SerialTimeoutException (a write the device did not
# take in time) is a SerialException too, but is caught first: the device is there.
def _port_failures() -> tuple[type[BaseException], ...]:
    """What pyserial raises when the device is gone.

    On POSIX its input/output flush (tcflush, tcdrain) on a hung-up tty raises
    termios.error, which is not an OSError (pyserial issue 417).
    """
    failures: tuple[type[BaseException], ...] = (serial.SerialException, OSError)
    try:
        import termios
    except ImportError:  # Windows
        return failures
    return (*failures, termios.error)


_PORT_FAILURES = _port_failures()


class SerialTransport:
    """Bytes in and out of one serial port, reopened on demand after a failure.

    The URL is anything `serial.serial_for_url` understands: a device path,
    `loop://`, `socket://host:port`, `spy://...`, or a registered handler such
    as `emu://`. The port opens lazily on first use.

    pyserial keeps `is_open` true after an unplug, so a dead port is only seen
    when a read or write fails. Every such failure closes the port object and
    raises `DeviceGone`; the next call tries to open the port again, which is
    how the kiosk reconnects once the device is back. A write the device does
    not take within `write_timeout` (printer busy, flow control held) raises
    `DeviceTimeout` instead: the unsent rest is dropped and the port stays open,
    so a real-time command can still follow. An address pyserial cannot handle
    at all (unknown scheme) raises `BadDeviceUrl`.

    All calls take one re-entrant lock: a status poll and a print from two
    threads never interleave their bytes. Use `exclusive()` to hold the port
    across a question and its answer. Payload bytes are never logged (they may
    carry personal data); only sizes and errors are.
    """

    def __init__(
        self,
        url: str,
        baudrate: int = 9600,
        read_timeout: float = 0.2,
        write_timeout: float = 5.0,
    ) -> None:
        self._url = url
        self._baudrate = baudrate
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._port: Any = None  # a pyserial SerialBase while connected
        self._lock = threading.RLock()
        self._failing = False  # the last call failed: report the next failures quietly

    def __repr__(self) -> str:
        return f"SerialTransport({self._url!r}, baudrate={self._baudrate})"

    def __enter__(self) -> SerialTransport:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def url(self) -> str:
        return self._url

    @property
    def baudrate(self) -> int:
        """The line speed in bits per second, to estimate how long bytes take to send."""
        return self._baudrate

    @property
    def is_connected(self) -> bool:
        """True while a port is open and its last call succeeded.

        An unplug is only noticed by the next read or write, not by this flag.
        """
        with self._lock:
            return self._port is not None

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the port for a multi-step exchange; other threads' calls wait."""
        with self._lock:
            yield

    def open(self) -> None:
        """Open the port now instead of on first use; raises DeviceGone or BadDeviceUrl."""
        with self._lock, self._failures_as_device_errors("open"):
            self._ensure_open()

    def close(self) -> None:
        """Close the port; a later call opens it again."""
        with self._lock:
            self._drop_port()

    def reconnect(self) -> None:
        """Close and reopen the port, e.g. after the technician replugged it."""
        with self._lock:
            self._drop_port()
            self.open()

    def write_all(self, data: bytes) -> None:
        """Write every byte and wait until they have left the host (flush).

        DeviceTimeout when the device does not take them within `write_timeout`:
        some may have reached it, the rest is discarded.
        """
        with self._lock, self._failures_as_device_errors("write"):
            port = self._ensure_open()
            port.write(data)
            port.flush()
        log.debug("wrote %d bytes to %s", len(data), self._url)

    def read(self, size: int, timeout: float | None = None) -> bytes:
        """Read up to `size` bytes, waiting at most `timeout` (default: read_timeout).

        Returns fewer bytes, possibly none, when the time runs out.
        """
        wanted_timeout = self._read_timeout if timeout is None else timeout
        with self._lock, self._failures_as_device_errors("read"):
            port = self._ensure_open()
            if port.timeout != wanted_timeout:
                port.timeout = wanted_timeout
            data = bytes(port.read(size))
        log.debug("read %d of %d bytes from %s", len(data), size, self._url)
        return data

    def discard_input(self) -> None:
        """Drop whatever the device sent that nobody read (stale answers)."""
        with self._lock, self._failures_as_device_errors("discard input"):
            self._ensure_open().reset_input_buffer()

    def _ensure_open(self) -> Any:
        if self._port is None:
            try:
                self._port = serial.serial_for_url(
                    self._url,
                    baudrate=self._baudrate,
                    timeout=self._read_timeout,
                    write_timeout=self._write_timeout,
                    do_not_open=False,
                )
            except ValueError as error:  # unknown scheme, or a setting pyserial refuses
                raise BadDeviceUrl(f"cannot open device {self._url!r}: {error}") from error
            log.info("%s %s", "reconnected" if self._failing else "opened", self._url)
            self._failing = False
        return self._port

    @contextmanager
    def _failures_as_device_errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except serial.SerialTimeoutException as error:
            log.warning("%s timed out on %s: %s", action, self._url, error)
            self._discard_unsent(action)
            raise DeviceTimeout(
                f"{action} timed out on {self._url}: the device did not take the bytes in time"
            ) from error
        except _PORT_FAILURES as error:
            self._report_failure(action, error)
            self._drop_port()
            raise DeviceGone(f"{action} failed on {self._url}: {error}") from error

    def _report_failure(self, action: str, error: BaseException) -> None:
        # A vanished device is news once; the retries while it stays away are not.
        level = logging.DEBUG if self._failing else logging.WARNING
        log.log(level, "%s failed on %s: %s", action, self._url, error)
        self._failing = True

    def _discard_unsent(self, action: str) -> None:
        """Drop what a timed-out write left in the output buffer; keep the port if it can."""
        if self._port is None:
            return
        try:
            self._port.reset_output_buffer()
        except _PORT_FAILURES as error:
            log.debug("discarding output after a %s timeout on %s: %s", action, self._url, error)
            self._drop_port()

    def _drop_port(self) -> None:
        port, self._port = self._port, None
        if port is None:
            return
        try:
            port.close()
        except _PORT_FAILURES as error:
            log.debug("closing %s after a failure: %s", self._url, error)
