"""An ESC/POS printer on a transport: check status, send a document, check again."""

from __future__ import annotations

import logging

from devices.errors import PrinterNotReady
from devices.escpos.encoder import EscPosEncoder
from devices.escpos.profiles import PrinterProfile
from devices.escpos.status import DEFAULT_QUERY_TIMEOUT, PrinterStatus, query_status
from devices.transport import SerialTransport

log = logging.getLogger(__name__)


class EscPosPrinter:
    """A thermal printer that has a transport and a profile.

    The kiosk commits a queue number only when `print_document_bytes` returns,
    so every path that may not have printed raises instead.
    """

    def __init__(
        self,
        transport: SerialTransport,
        profile: PrinterProfile,
        status_timeout: float = DEFAULT_QUERY_TIMEOUT,
    ) -> None:
        self._transport = transport
        self._profile = profile
        self._status_timeout = status_timeout

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

    def print_document_bytes(self, data: bytes) -> PrinterStatus:
        """Send one encoded document and return the status after it.

        Not ready before: raise PrinterNotReady and write nothing. Then write
        every byte and ask again; the reply follows everything sent before it
        on the line, so a printer that ran out of paper or went offline while
        taking the document raises PrinterNotReady too. A returned status may
        still say the paper is near its end. Each status query discards stale
        input first. DeviceGone and DeviceTimeout propagate.
        """
        with self._transport.exclusive():
            self._require_ready(self.status())
            self._transport.write_all(data)
            after = self.status()
            self._require_ready(after)
        log.info("printed a document of %d bytes (%s)", len(data), after.state)
        return after

    def _require_ready(self, status: PrinterStatus) -> None:
        if not status.ready:
            log.warning("printer not ready: %s", status.state)
            raise PrinterNotReady(status)
