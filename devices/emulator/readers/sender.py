"""The talking half of a simulated serial device: bytes queued for the host, unplug, replug."""

from __future__ import annotations

import threading
from collections.abc import Callable

from devices.emulator.port import Pluggable

DEFAULT_BAUDRATE = 9600
READ_SIZE = 4096  # bytes of the host's taken at a time (and dropped)


class Unplugged(Exception):
    """The device was unplugged after this connection was opened."""


class EmulatedSender(Pluggable):
    """Simulated hardware: a serial device that only talks, such as a card reader.

    Not a driver. What the device sends waits here until a port takes it, so a test
    may present a card before the kiosk has opened the port. ``vanish`` is an
    unplug: queued bytes are lost, connections opened before stay dead, and what is
    sent while unplugged goes nowhere. Thread-safe.
    """

    def __init__(self, baudrate: int = DEFAULT_BAUDRATE) -> None:
        self.baudrate = baudrate
        self._changed = threading.Condition()
        self._outgoing = bytearray()

    @property
    def pending(self) -> int:
        """Bytes sent that no port has taken yet."""
        with self._changed:
            return len(self._outgoing)

    def send(self, data: bytes) -> None:
        """Put bytes on the line; while unplugged they are lost."""
        with self._changed:
            if self._vanished:
                return
            self._outgoing += data
            self._changed.notify_all()

    def receive(self, data: bytes) -> bytes:
        """The host wrote ``data``: a device that only talks drops it and answers nothing."""
        return b""

    def read_size(self) -> int:
        return READ_SIZE

    def send_garbage(self, data: bytes) -> None:
        """Send bytes that are not the protocol: line noise, a half frame, a stray byte."""
        self.send(data)

    def take(
        self,
        size: int,
        timeout: float | None,
        connection: int,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> bytes:
        """Up to ``size`` bytes, waiting like a serial read; raises Unplugged.

        Returns when ``size`` bytes are there, ``timeout`` has passed (None: no
        limit) or ``cancelled()`` turns true (checked on every ``wake``).
        """
        with self._changed:
            self._changed.wait_for(
                lambda: len(self._outgoing) >= size or cancelled() or not self.alive(connection),
                timeout,
            )
            if not self.alive(connection):
                raise Unplugged(f"the device was unplugged (connection {connection})")
            data = bytes(self._outgoing[:size])
            del self._outgoing[:size]
            return data

    def take_all(self) -> bytes:
        """Everything queued, without waiting."""
        with self._changed:
            data = bytes(self._outgoing)
            self._outgoing.clear()
            return data

    def discard_pending(self) -> None:
        with self._changed:
            self._outgoing.clear()

    def wake(self) -> None:
        """Make waiting ``take`` calls check their ``cancelled`` again."""
        with self._changed:
            self._changed.notify_all()

    def vanish(self) -> None:
        """Unplug: queued bytes are lost, open connections die, opening fails."""
        with self._changed:
            self._vanished = True
            self._connection += 1
            self._outgoing.clear()
            self._changed.notify_all()

    def come_back(self) -> None:
        """Plug back in; a fresh open works (connections from before stay dead)."""
        with self._changed:
            self._vanished = False
            self._changed.notify_all()
