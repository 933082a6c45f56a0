"""An ESC/POS printer on a transport: check status, send a document, prove it was printed."""

from __future__ import annotations

import dataclasses
import logging
import time

from devices.errors import DeviceTimeout, PrinterNotReady
from devices.escpos.encoder import EscPosEncoder
from devices.escpos.profiles import PrinterProfile
from devices.escpos.status import (
    DEFAULT_QUERY_TIMEOUT,
    PaperSensor,
    PrinterStatus,
    query_status,
    wait_for_processed,
)
from devices.transport import SerialTransport

log = logging.getLogger(__name__)

BITS_PER_BYTE = 10  # 8N1 on the wire: start bit, 8 data bits, stop bit
DEFAULT_ACCEPT_ALLOWANCE = 3.0  # seconds to print, on top of the time the bytes take to send
DEFAULT_ACCEPT_TIME_PER_BYTE = 0.002  # and this much more per byte of the document


class EscPosPrinter:
    """A thermal printer that has a transport and a profile.

    The kiosk commits a queue number only when `print_document_bytes` returns,
    so every path that may not have printed raises instead. The accept timeout
    for a document is its time on the wire plus `accept_allowance` plus
    `accept_time_per_byte` for each byte.
    """

    def __init__(
        self,
        transport: SerialTransport,
        profile: PrinterProfile,
        status_timeout: float = DEFAULT_QUERY_TIMEOUT,
        accept_allowance: float = DEFAULT_ACCEPT_ALLOWANCE,
        accept_time_per_byte: float = DEFAULT_ACCEPT_TIME_PER_BYTE,
    ) -> None:
        self._transport = transport
        self._profile = profile
        self._status_timeout = status_timeout
        self._accept_allowance = accept_allowance
        self._accept_time_per_byte = accept_time_per_byte

    @property
    def profile(self) -> PrinterProfile:
        return self._profile

    @property
    def transport(self) -> SerialTransport:
        return self._transport

    def encoder(self) -> EscPosEncoder:
        """A fresh encoder for this printer's profile."""
        return EscPosEncoder(self._profile)

    def status(self) -> PrinterStatus:
        """The printer's real-time status; DeviceTimeout or DeviceGone if it cannot say."""
        return query_status(self._transport, self._status_timeout)

    def accept_timeout(self, size: int) -> float:
        """Seconds a ready printer may take to send back GS r after `size` bytes."""
        line_time = size * BITS_PER_BYTE / self._transport.baudrate
        return line_time + self._accept_allowance + size * self._accept_time_per_byte

    def print_document_bytes(
        self, data: bytes, accept_timeout: float | None = None
    ) -> PrinterStatus:
        """Send one encoded document; return the status once it is printed.

        Not ready before: raise PrinterNotReady and write nothing. DLE EOT is
        answered in real time, even while the document still sits unprinted in
        the printer's buffer, so when the profile has `in_order_status` the
        document goes out in one write followed by GS r 1, whose reply comes
        only after the whole document was processed. No reply within
        `accept_timeout` (default: `self.accept_timeout(size)`), or the printer
        saying it stopped: PrinterNotReady with the reason, or DeviceTimeout if
        it cannot say. Then DLE EOT is asked once more. A returned status may
        still say the paper is near its end. DeviceGone propagates.
        """
        with self._transport.exclusive():
            self._require_ready(self.status())
            paper = self._send(data, accept_timeout)
            after = self.status()
            self._require_ready(after)
        if paper is not None and paper.near_end:
            after = dataclasses.replace(after, paper_near_end=True)
        log.info("printed a document of %d bytes (%s)", len(data), after.state)
        return after

    def _send(self, data: bytes, accept_timeout: float | None) -> PaperSensor | None:
        """Write the document; with in-order status, also wait until it is processed."""
        if not self._profile.in_order_status:
            self._transport.write_all(data)
            return None
        payload = data + self.encoder().transmit_paper_status().to_bytes()
        timeout = self.accept_timeout(len(payload)) if accept_timeout is None else accept_timeout
        self._transport.write_all(payload)
        return self._await_processed(timeout)

    def _await_processed(self, timeout: float) -> PaperSensor:
        """The reply to GS r 1; a printer that stopped before it raises why."""
        deadline = time.monotonic() + timeout
        while (remaining := deadline - time.monotonic()) > 0:
            paper = wait_for_processed(self._transport, remaining)
            if paper is not None:
                return paper
            self._require_ready(self.status())  # only a passing stop gets past this
        self._require_ready(self.status())
        raise DeviceTimeout(f"the printer did not confirm the document within {timeout:.1f} s")

    def _require_ready(self, status: PrinterStatus) -> None:
        if not status.ready:
            log.warning("printer not ready: %s", status.state)
            raise PrinterNotReady(status)
