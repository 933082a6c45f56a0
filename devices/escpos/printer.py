"""An ESC/POS printer on a transport: check status, send a document, prove it was printed."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import time
from collections.abc import Iterator

from devices.errors import DeviceError, DeviceGone, DeviceTimeout, PrinterNotReady
from devices.escpos.constants import CLEAR_BUFFERS, CLEAR_RESPONSE
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
DEFAULT_CLEAR_TIMEOUT = 0.5  # seconds for the clear response; real time, so milliseconds


class EscPosPrinter:
    """A thermal printer that has a transport and a profile.

    The kiosk commits a queue number only when `print_document_bytes` returns,
    so every path that may not have printed raises instead, and every error
    raised once the document was written says in `cleared` whether the printer
    confirmed dropping what it still held (see `print_document_bytes`). The
    accept timeout for a document is its time on the wire plus
    `accept_allowance` plus `accept_time_per_byte` for each byte.
    """

    def __init__(
        self,
        transport: SerialTransport,
        profile: PrinterProfile,
        status_timeout: float = DEFAULT_QUERY_TIMEOUT,
        accept_allowance: float = DEFAULT_ACCEPT_ALLOWANCE,
        accept_time_per_byte: float = DEFAULT_ACCEPT_TIME_PER_BYTE,
        clear_timeout: float = DEFAULT_CLEAR_TIMEOUT,
    ) -> None:
        self._transport = transport
        self._profile = profile
        self._status_timeout = status_timeout
        self._accept_allowance = accept_allowance
        self._accept_time_per_byte = accept_time_per_byte
        self._clear_timeout = clear_timeout

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

    def check_ready(self) -> PrinterStatus:
        """The status if the printer could print now; PrinterNotReady if not.

        Writes nothing but the DLE EOT queries, so a caller can ask before it commits to
        a document (a queue number) and lose nothing when the printer says no.
        DeviceTimeout or DeviceGone if it cannot say.
        """
        status = self.status()
        self._require_ready(status)
        return status

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
        only after the whole document was processed. That reply decides: the
        document is accepted, and the DLE EOT asked afterwards only describes
        the printer (paper near end or out, cover open, or `responding` False
        when it stayed silent), so a returned status may be not `ready`: warn
        the staff, the ticket is on paper. No reply within `accept_timeout`
        (default: `self.accept_timeout(size)`), or the printer saying it
        stopped: PrinterNotReady with the reason, or DeviceTimeout if it cannot
        say. A profile without in-order status has only DLE EOT after the write
        to decide, and raises the same way when it says not ready.

        A stopped or slow printer keeps the bytes it got and would print them
        after recovery, so every failure once the write has started sends DLE
        DC4 8 (clear buffers). The error's `cleared` is True only when the
        printer answered that it cleared, or nothing was written; False means
        the rest of the document may still print later. A DeviceGone once the
        write started is never cleared.
        """
        with self._transport.exclusive():
            self.check_ready()  # errors here: nothing written, cleared
            self._transport.discard_input()  # only bytes from now on can answer GS r
            with self._clearing_on_failure():
                if self._profile.in_order_status:
                    after = self._status_after(self._send_confirmed(data, accept_timeout))
                else:
                    after = self._send_unconfirmed(data)
        log.info("printed a document of %d bytes (%s)", len(data), after.state)
        return after

    @contextlib.contextmanager
    def _clearing_on_failure(self) -> Iterator[None]:
        """Bytes were written: on failure, have the printer drop them and record if it did."""
        try:
            yield
        except DeviceGone as error:
            error.cleared = False  # the port is dead: no clear can reach the printer
            raise
        except DeviceError as error:  # DeviceTimeout, PrinterNotReady
            error.cleared = self._clear_buffers()
            raise

    def _send_unconfirmed(self, data: bytes) -> PrinterStatus:
        """Without in-order status, DLE EOT after the write is the only check there is."""
        self._transport.write_all(data)
        after = self.status()
        self._require_ready(after)
        return after

    def _send_confirmed(self, data: bytes, accept_timeout: float | None) -> PaperSensor:
        """Write the document and GS r 1 in one go; wait until the printer processed both."""
        payload = data + self.encoder().transmit_paper_status().to_bytes()
        timeout = self.accept_timeout(len(payload)) if accept_timeout is None else accept_timeout
        self._transport.write_all(payload)
        return self._await_processed(timeout)

    def _await_processed(self, timeout: float) -> PaperSensor:
        """The reply to GS r 1; a printer that stopped before it raises why."""
        deadline = time.monotonic() + timeout
        while (remaining := deadline - time.monotonic()) > 0:
            paper = wait_for_processed(
                self._transport, remaining, reply_timeout=self._status_timeout
            )
            if paper is not None:
                return paper
            self._require_ready(self.status())  # only a passing stop gets past this
        self._require_ready(self.status())
        raise DeviceTimeout(f"the printer did not confirm the document within {timeout:.1f} s")

    def _status_after(self, paper: PaperSensor) -> PrinterStatus:
        """DLE EOT once GS r accepted the document: it describes, it no longer decides."""
        try:
            after = self.status()
        except DeviceError as error:
            log.warning("printed, but the printer did not answer DLE EOT after it: %s", error)
            after = PrinterStatus(online=True, responding=False)
        if not after.ready:
            log.warning("printed; the printer stopped right after it: %s", after.state)
        if paper.near_end:
            after = dataclasses.replace(after, paper_near_end=True)
        return after

    def _clear_buffers(self) -> bool:
        """DLE DC4 8 after a failed print; True only if the printer said it cleared."""
        try:
            cleared = clear_buffers(self._transport, self._clear_timeout)
        except DeviceError as error:
            log.warning("could not clear the printer's buffers: %s", error)
            return False
        if not cleared:
            log.warning("the printer did not confirm clearing its buffers: it may print later")
        return cleared

    def _require_ready(self, status: PrinterStatus) -> None:
        if not status.ready:
            log.warning("printer not ready: %s", status.state)
            raise PrinterNotReady(status)


def clear_buffers(transport: SerialTransport, timeout: float = DEFAULT_CLEAR_TIMEOUT) -> bool:
    """Send DLE DC4 8; True once the clear response (37 25 00) came back within `timeout`.

    Real time like DLE EOT, so a stopped printer executes it at once and drops
    what waits in its receive and print buffers instead of printing it after
    recovery. Lines already printed stay on the paper. Bytes before the
    response (a late status reply, noise) are skipped. A printer without the
    command stays silent: False. DeviceGone and DeviceTimeout propagate.
    """
    deadline = time.monotonic() + timeout
    seen = b""
    with transport.exclusive():
        transport.write_all(CLEAR_BUFFERS)
        while (remaining := deadline - time.monotonic()) > 0:
            reply = transport.read(1, timeout=remaining)
            seen = (seen + reply)[-len(CLEAR_RESPONSE) :]
            if seen == CLEAR_RESPONSE:
                return True
    return False
