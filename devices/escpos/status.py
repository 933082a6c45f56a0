"""Printer status: real-time (DLE EOT n) and in-order (GS r 1) decoders and queries."""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum

from devices.errors import DeviceTimeout
from devices.escpos.constants import (
    REALTIME_STATUS,
    STATUS_BIT_AUTO_RECOVERABLE,
    STATUS_BIT_COVER_OPEN,
    STATUS_BIT_CUTTER_ERROR,
    STATUS_BIT_ERROR,
    STATUS_BIT_FEED_BUTTON,
    STATUS_BIT_FEEDING_BY_BUTTON,
    STATUS_BIT_OFFLINE,
    STATUS_BIT_PAPER_END_STOP,
    STATUS_BIT_UNRECOVERABLE,
    STATUS_BIT_WAITING_RECOVERY,
    STATUS_BITS_NEAR_END,
    STATUS_BITS_PAPER_END,
    STATUS_ERROR_CAUSE,
    STATUS_FIXED_MASK,
    STATUS_FIXED_VALUE,
    STATUS_OFFLINE_CAUSE,
    STATUS_PAPER_SENSOR,
    STATUS_PRINTER,
    TRANSMITTED_BITS_NEAR_END,
    TRANSMITTED_BITS_PAPER_END,
    TRANSMITTED_FIXED_MASK,
)
from devices.transport import SerialTransport

DEFAULT_QUERY_TIMEOUT = 0.1  # seconds per DLE EOT reply; a printer answers in milliseconds
# Quiet seconds, while waiting for GS r, before asking DLE EOT 1 whether the printer stopped
DEFAULT_POLL_INTERVAL = 0.25
# After waiting for GS r: how long the line must stay quiet before the next question,
# so a late reply (to a poll, or noise behind the GS r reply) cannot answer it instead
DEFAULT_DRAIN_QUIET = 0.02


class PrinterState(StrEnum):
    """The one plain state the screen shows; NOT_RESPONDING is for a query that timed out."""

    ONLINE = "online"
    OFFLINE = "offline"
    COVER_OPEN = "cover_open"
    PAPER_NEAR_END = "paper_near_end"
    PAPER_OUT = "paper_out"
    CUTTER_ERROR = "cutter_error"
    NOT_RESPONDING = "not_responding"


@dataclass(frozen=True)
class PrinterByte:
    """DLE EOT 1: printer status."""

    offline: bool
    waiting_recovery: bool
    feed_button_pressed: bool


@dataclass(frozen=True)
class OfflineCause:
    """DLE EOT 2: why the printer is offline."""

    cover_open: bool
    feeding_by_button: bool
    stopped_by_paper_end: bool
    error: bool


@dataclass(frozen=True)
class ErrorCause:
    """DLE EOT 3: which error occurred."""

    cutter_error: bool
    unrecoverable: bool
    auto_recoverable: bool


@dataclass(frozen=True)
class PaperSensor:
    """Roll paper sensors, from DLE EOT 4 or from the in-order GS r 1."""

    near_end: bool
    paper_out: bool


@dataclass(frozen=True)
class PrinterStatus:
    """What the four status bytes say, reduced to what the kiosk acts on.

    `responding` is False for a status the printer did not give: after a printed
    ticket whose following DLE EOT went unanswered, only the GS r reply is known.
    """

    online: bool
    cover_open: bool = False
    paper_near_end: bool = False
    paper_out: bool = False
    cutter_error: bool = False
    unrecoverable_error: bool = False
    responding: bool = True

    @classmethod
    def from_replies(
        cls, printer: PrinterByte, offline: OfflineCause, error: ErrorCause, paper: PaperSensor
    ) -> PrinterStatus:
        return cls(
            online=not printer.offline,
            cover_open=offline.cover_open,
            paper_near_end=paper.near_end,
            paper_out=paper.paper_out or offline.stopped_by_paper_end,
            cutter_error=error.cutter_error,
            unrecoverable_error=error.unrecoverable,
        )

    @property
    def ready(self) -> bool:
        """Can print now. Paper near its end still prints; staff get a warning."""
        blocked = self.paper_out or self.cover_open or self.cutter_error
        return self.responding and self.online and not blocked and not self.unrecoverable_error

    @property
    def state(self) -> PrinterState:
        """The most useful single state, in the order someone at the printer fixes things."""
        if not self.responding:
            return PrinterState.NOT_RESPONDING
        if self.cover_open:
            return PrinterState.COVER_OPEN
        if self.paper_out:
            return PrinterState.PAPER_OUT
        if self.cutter_error:
            return PrinterState.CUTTER_ERROR
        if not self.online or self.unrecoverable_error:
            return PrinterState.OFFLINE
        if self.paper_near_end:
            return PrinterState.PAPER_NEAR_END
        return PrinterState.ONLINE


def is_status_byte(byte: int) -> bool:
    """True when the fixed bits match (bits 1 and 4 set, bits 0 and 7 clear).

    Anything else on the line (noise, a late echo) is not a status reply.
    """
    return byte & STATUS_FIXED_MASK == STATUS_FIXED_VALUE


def decode_printer(byte: int) -> PrinterByte:
    """Decode the reply to DLE EOT 1."""
    _require_status_byte(byte)
    return PrinterByte(
        offline=_has(byte, STATUS_BIT_OFFLINE),
        waiting_recovery=_has(byte, STATUS_BIT_WAITING_RECOVERY),
        feed_button_pressed=_has(byte, STATUS_BIT_FEED_BUTTON),
    )


def decode_offline_cause(byte: int) -> OfflineCause:
    """Decode the reply to DLE EOT 2."""
    _require_status_byte(byte)
    return OfflineCause(
        cover_open=_has(byte, STATUS_BIT_COVER_OPEN),
        feeding_by_button=_has(byte, STATUS_BIT_FEEDING_BY_BUTTON),
        stopped_by_paper_end=_has(byte, STATUS_BIT_PAPER_END_STOP),
        error=_has(byte, STATUS_BIT_ERROR),
    )


def decode_error_cause(byte: int) -> ErrorCause:
    """Decode the reply to DLE EOT 3."""
    _require_status_byte(byte)
    return ErrorCause(
        cutter_error=_has(byte, STATUS_BIT_CUTTER_ERROR),
        unrecoverable=_has(byte, STATUS_BIT_UNRECOVERABLE),
        auto_recoverable=_has(byte, STATUS_BIT_AUTO_RECOVERABLE),
    )


def decode_paper_sensor(byte: int) -> PaperSensor:
    """Decode the reply to DLE EOT 4; either bit of a two-bit sensor field counts."""
    _require_status_byte(byte)
    return PaperSensor(
        near_end=_has(byte, STATUS_BITS_NEAR_END),
        paper_out=_has(byte, STATUS_BITS_PAPER_END),
    )


def is_transmitted_status_byte(byte: int) -> bool:
    """True when bits 4-7 are clear, as in every reply to GS r.

    A real-time status byte always has bit 4 set, so the two never mix up;
    anything with a high-nibble bit set is stray. A stray byte 0x00-0x0F looks
    exactly like a reply: nothing in the byte tells them apart.
    """
    return byte & TRANSMITTED_FIXED_MASK == 0


def decode_transmitted_paper(byte: int) -> PaperSensor:
    """Decode the reply to GS r 1; either bit of a two-bit sensor field counts."""
    if not is_transmitted_status_byte(byte):
        raise ValueError(f"0x{byte:02x} is not a GS r reply: bits 4-7 are not all clear")
    return PaperSensor(
        near_end=_has(byte, TRANSMITTED_BITS_NEAR_END),
        paper_out=_has(byte, TRANSMITTED_BITS_PAPER_END),
    )


def query_status(
    transport: SerialTransport, timeout: float = DEFAULT_QUERY_TIMEOUT
) -> PrinterStatus:
    """Ask DLE EOT 1, 2, 3 and 4 in turn and decode the answers.

    Each reply gets `timeout` seconds, so a dead printer costs at most four
    short waits, never a long stall. Stale input is discarded first and stray
    bytes that fail the fixed-bit check are skipped. A real printer answers
    even while offline, so silence means it is not responding: DeviceTimeout.
    DeviceGone from the transport propagates.
    """
    with transport.exclusive():
        transport.discard_input()
        printer = decode_printer(_ask(transport, STATUS_PRINTER, timeout))
        offline = decode_offline_cause(_ask(transport, STATUS_OFFLINE_CAUSE, timeout))
        error = decode_error_cause(_ask(transport, STATUS_ERROR_CAUSE, timeout))
        paper = decode_paper_sensor(_ask(transport, STATUS_PAPER_SENSOR, timeout))
    return PrinterStatus.from_replies(printer, offline, error, paper)


def wait_for_processed(
    transport: SerialTransport,
    timeout: float,
    poll_interval: float = DEFAULT_POLL_INTERVAL,
    reply_timeout: float = DEFAULT_QUERY_TIMEOUT,
) -> PaperSensor | None:
    """Wait for the reply to a GS r 1 already sent after a document.

    The reply proves the printer processed the whole document. A stopped
    printer (paper out, cover open, offline) keeps its buffer and never
    replies, so whenever the line stays quiet for `poll_interval`, ask DLE
    EOT 1, answered at once: "offline" ends the wait early. Returns the paper
    sensors from the reply, or None when the printer said it is offline or
    `timeout` passed first; ask the full status then to learn why. Other bytes
    (strays, "online" answers) are skipped. Before returning, the replies to
    polls still on their way are read and dropped (`drain_late_replies`, for
    up to `reply_timeout`), so none of them is taken for the answer to the next
    question. DeviceGone propagates.

    What GS r cannot tell: its reply is one byte 0x00-0x0F, and a stray byte in
    that range arriving during the wait (noise on a damaged cable, an Automatic
    Status Back message, which must stay disabled) is taken as the reply. Send
    GS r only after discarding stale input, so that at least nothing from
    before the document counts.
    """
    deadline = time.monotonic() + timeout
    unanswered = 0  # DLE EOT 1 polls whose reply has not arrived yet
    paper: PaperSensor | None = None
    with transport.exclusive():
        while (remaining := deadline - time.monotonic()) > 0:
            reply = transport.read(1, timeout=min(remaining, poll_interval))
            if not reply:
                if time.monotonic() < deadline:  # no last-moment poll: its reply comes too late
                    transport.write_all(REALTIME_STATUS + bytes([STATUS_PRINTER]))
                    unanswered += 1
            elif is_transmitted_status_byte(reply[0]):
                paper = decode_transmitted_paper(reply[0])
                break
            elif unanswered and is_status_byte(reply[0]):
                unanswered -= 1
                if decode_printer(reply[0]).offline:
                    break
        drain_late_replies(transport, unanswered, reply_timeout)
    return paper


def drain_late_replies(
    transport: SerialTransport,
    unanswered: int = 0,
    timeout: float = DEFAULT_QUERY_TIMEOUT,
    quiet: float = DEFAULT_DRAIN_QUIET,
) -> None:
    """Read and drop bytes still coming: `unanswered` status replies, then until quiet.

    `query_status` discards stale input first, but a reply still on the wire
    lands after that and would be taken as the answer to DLE EOT 1, shifting
    every later answer by one. So wait for the `unanswered` status bytes (each
    poll gets one), then until the line stays quiet for `quiet` seconds; never
    longer than `timeout` in all, so endless noise cannot hold the port.
    """
    deadline = time.monotonic() + timeout
    with transport.exclusive():
        while (remaining := deadline - time.monotonic()) > 0:
            wait = remaining if unanswered else min(remaining, quiet)
            reply = transport.read(1, timeout=wait)
            if not reply:
                return
            if unanswered and is_status_byte(reply[0]):
                unanswered -= 1


def _ask(transport: SerialTransport, query: int, timeout: float) -> int:
    """Send DLE EOT `query`; return the first status byte that arrives in time."""
    transport.write_all(REALTIME_STATUS + bytes([query]))
    deadline = time.monotonic() + timeout
    while (remaining := deadline - time.monotonic()) > 0:
        reply = transport.read(1, timeout=remaining)
        if reply and is_status_byte(reply[0]):
            return reply[0]
    raise DeviceTimeout(f"no reply to DLE EOT {query} within {timeout:.2f} s")


def _require_status_byte(byte: int) -> None:
    if not is_status_byte(byte):
        raise ValueError(f"0x{byte:02x} is not a status byte: its fixed bits do not match")


def _has(byte: int, bits: int) -> bool:
    return byte & bits != 0
