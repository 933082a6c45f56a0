"""Device failures the layers above turn into plain words for the user."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from devices.escpos.status import PrinterStatus


class DeviceError(Exception):
    """Base of every failure a device call can raise."""


class DeviceGone(DeviceError):
    """The port vanished or refused: unplugged, powered off, wrong path.

    The transport has dropped its port object; the next call tries to reopen it.
    """


class DeviceTimeout(DeviceError):
    """The device is there but did not answer in time."""


class PrinterNotReady(DeviceError):
    """The printer answered, and its status says it cannot print now."""

    def __init__(self, status: PrinterStatus) -> None:
        # The status is the only argument so the exception pickles and copies intact.
        super().__init__(status)
        self.status = status

    def __str__(self) -> str:
        return f"printer not ready: {self.status.state}"
