"""Device failures the layers above turn into plain words for the user."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from devices.escpos.status import PrinterStatus


class DeviceError(Exception):
    """Base of every failure a device call can raise.

    `cleared` says whether the device is known to hold nothing of the failed job
    that it could still carry out later. It is False only when bytes of a job
    reached the device and it could not be made to forget them: a printer that
    stopped mid-ticket and did not confirm clearing its buffers may print the rest
    once it recovers. A failure before anything was sent is always cleared.
    """

    def __init__(self, *args: object, cleared: bool = True) -> None:
        super().__init__(*args)
        self.cleared = cleared


class DeviceGone(DeviceError):
    """The port vanished or refused: unplugged, powered off, wrong path.

    The transport has dropped its port object; the next call tries to reopen it.
    Gone in the middle of a print, nothing could be cleared: `cleared` is False.
    """


class DeviceTimeout(DeviceError):
    """The device is there but did not answer in time, or did not take the bytes in time."""


class BadDeviceUrl(DeviceError, ValueError):
    """The device address is not one the transport can open (unknown scheme, bad setting).

    A configuration mistake, not an unplug: retrying will not help. Also a
    ValueError, for callers that caught pyserial's own error.
    """


class PrinterNotReady(DeviceError):
    """The printer answered, and its status says it cannot print now."""

    def __init__(self, status: PrinterStatus, *, cleared: bool = True) -> None:
        # The status is the only argument so the exception pickles and copies intact
        # (`cleared` travels in the instance dict).
        super().__init__(status, cleared=cleared)
        self.status = status

    def __str__(self) -> str:
        return f"printer not ready: {self.status.state}"
