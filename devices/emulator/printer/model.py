"""An emulated ESC/POS thermal printer: simulated hardware for tests and the demo."""

from __future__ import annotations

import contextlib
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from devices.emulator.port import Pluggable
from devices.emulator.printer import events as ev
from devices.emulator.printer.decoder import EscPosDecoder
from devices.emulator.printer.mechanism import Mechanism, Paper
from devices.emulator.printer.rendering import RenderedTicket, TicketRenderer
from devices.emulator.printer.ticket_files import write_ticket_file
from devices.escpos import constants as c
from devices.escpos.profiles import PrinterProfile, get_profile

BITS_PER_BYTE = 10  # 8N1 on the wire: start bit, 8 data bits, stop bit
# Line noise runs 0xFF, 0xFE, ... 0x80 and repeats: bit 7 set fails the fixed bits of a
# DLE EOT reply (bit 7 clear) and of a GS r reply (bits 4-7 clear), so none is a reply.
NOISE_HIGHEST = 0xFF
NOISE_LOWEST = 0x80
MAX_NOISE = 65536  # bytes one send_noise may queue
RECEIVED_LOG_LIMIT = 8 * 1024 * 1024  # raw bytes kept for ``received``; older ones drop
UNPACED_READ_SIZE = 4096
PACED_READ_SECONDS = 0.02  # when paced, take ~20 ms of line at a time to stay responsive


@dataclass(frozen=True)
class PrinterStats:
    """Counters since the emulator was created."""

    bytes_received: int
    unknown_commands: int
    discarded_bytes: int  # dropped from the receive buffer by DLE DC4 8 (clear buffers)
    status_queries: int
    tickets_printed: int
    in_order_queries: int  # GS r answered (a stopped printer answers none until it recovers)
    noise_sent: int  # bytes of line noise sent ahead of replies (send_noise)
    buffered_bytes: int  # waiting in the receive buffer now: held while stopped
    clear_requests: int  # DLE DC4 8 received, answered or (without supports_clear) ignored
    received_dropped: int  # oldest raw bytes no longer in ``received`` (past its limit)


def _setting(attribute: str, value: object) -> Callable[[EmulatedPrinter], None]:
    """A technician's action that sets one piece of state, e.g. ``open_cover``."""

    def change(printer: EmulatedPrinter) -> None:
        with printer._changing():
            setattr(printer._mechanism, attribute, value)

    return change


class EmulatedPrinter(Pluggable):
    """Simulated hardware: a thermal printer that speaks ESC/POS over a serial line.

    Not a driver: it stands where the real printer would be, for tests and the demo.
    ``receive`` takes what the host wrote and returns what the printer sends back
    (status bytes), processing the stream strictly in order. While offline, with the
    cover open, out of paper or with a cutter error it has stopped: like a real
    printer it keeps everything else in its receive buffer, in-order GS r queries
    included (so those get no reply yet), and prints it once it recovers
    (``paper_ok``, ``go_online``, ``close_cover``, ``clear_cutter``) unless the host
    cleared it first. Real-time commands are answered at once, stopped or not:
    DLE EOT n, and DLE DC4 8, which empties the receive buffer and answers the clear
    response ``37 25 00`` (with ``supports_clear`` False it is ignored, as by a
    printer without the command). A profile without ``in_order_status`` (a clone)
    never answers GS r. Thread-safe.

    The line is modelled from the host's side: replies the printer makes on its own
    (a held GS r answered after recovery) go out with the next ``receive``. A clear
    cannot unprint: lines already printed stay in ``pending_lines``, and so does an
    unfinished line already handed to the print head (rare: hosts send whole lines).

    ``received`` keeps every raw byte the line delivered (the last 8 MiB), a tap on the
    wire: a test decodes from it all that reached the printer, half tickets included,
    whatever the host process did afterwards (killed mid-ticket, say).
    """

    def __init__(
        self,
        profile_name: str = "80mm",
        baudrate: int = 9600,
        pace: bool = False,
        output_dir: Path | None = None,
        supports_clear: bool = True,
    ) -> None:
        self.profile: PrinterProfile = get_profile(profile_name)
        self.baudrate = baudrate
        self.pace = pace
        self.supports_clear = supports_clear
        self.output_dir = output_dir
        if output_dir is not None:
            output_dir.mkdir(parents=True, exist_ok=True)
        self._changed = threading.Condition()
        self._line = threading.Lock()  # one serial line: receive calls never interleave
        self._decoder = EscPosDecoder()
        self._renderer = TicketRenderer(self.profile)
        self._listeners: list[Callable[[], None]] = []
        self._mechanism = Mechanism()
        self._ran_out = False  # the roll ended while printing: tell listeners after receive
        self._tickets: list[RenderedTicket] = []
        self._ticket_paths: list[Path] = []
        self._pending_noise = 0
        self._held: deque[ev.Event] = deque()  # the receive buffer while stopped, in order
        self._late = bytearray()  # replies made on recovery, sent with the next receive
        self._received = bytearray()  # the raw log, see ``received``
        self._received_dropped = 0
        self._counts = dict.fromkeys(
            ("bytes", "unknown", "discarded", "queries", "in_order", "noise", "clears"), 0
        )
        self.last_byte_at: float | None = None

    # -- the serial line -------------------------------------------------------------

    def receive(self, data: bytes) -> bytes:
        """Take bytes from the host; returns the status bytes the printer answers.

        With ``pace`` the call lasts as long as the bytes take on the wire at
        ``baudrate``. A vanished printer receives nothing and answers nothing. Replies
        made since the last call (a held GS r answered on recovery) come first; noise
        queued by ``send_noise`` goes out just ahead of the first reply.
        """
        with self._line:
            if self.pace:
                time.sleep(len(data) * BITS_PER_BYTE / self.baudrate)
            with self._changed:
                if self._vanished:
                    return b""
                self.last_byte_at = time.perf_counter()
                self._counts["bytes"] += len(data)
                self._log_received(data)
                replies = bytes(self._late)
                self._late.clear()
                replies += b"".join(self._handle(event) for event in self._decoder.feed(data))
                if replies and self._pending_noise:
                    replies = self._take_noise() + replies
                self._changed.notify_all()
                ran_out, self._ran_out = self._ran_out, False
            if ran_out:
                self._tell_listeners()
            return replies

    def take_all(self) -> bytes:
        """Nothing: a printer speaks only when spoken to (replies go out with ``receive``)."""
        return b""

    def read_size(self) -> int:
        """Bytes to take from the line at a time: with ``pace``, about 20 ms of it."""
        if not self.pace:
            return UNPACED_READ_SIZE
        return max(1, int(self.baudrate * PACED_READ_SECONDS / BITS_PER_BYTE))

    def _log_received(self, data: bytes) -> None:
        self._received += data
        excess = len(self._received) - RECEIVED_LOG_LIMIT
        if excess > 0:
            del self._received[:excess]
            self._received_dropped += excess

    def _take_noise(self) -> bytes:
        count, self._pending_noise = self._pending_noise, 0
        self._counts["noise"] += count
        return line_noise(count)

    def _handle(self, event: ev.Event) -> bytes:
        """Real-time commands are answered at once; the rest waits while stopped."""
        if isinstance(event, ev.StatusQuery):
            self._counts["queries"] += 1
            return bytes([self._mechanism.status_byte(event.request)])
        if isinstance(event, ev.ClearBuffers):
            return self._clear_buffers()
        if isinstance(event, ev.UnknownCommand):
            self._counts["unknown"] += 1
        if self._held or not self._mechanism.can_print():
            self._held.append(event)
            return b""
        return self._process(event)

    def _process(self, event: ev.Event) -> bytes:
        if isinstance(event, ev.TransmitStatus):
            return self._transmit(event)
        self._print(event)
        return b""

    def _clear_buffers(self) -> bytes:
        """DLE DC4 8: forget the held bytes, which would otherwise print on recovery."""
        self._counts["clears"] += 1
        if not self.supports_clear:
            self._counts["unknown"] += 1
            return b""
        self._counts["discarded"] += sum(event.size for event in self._held)
        self._held.clear()
        return c.CLEAR_RESPONSE

    def _resume(self) -> None:
        """Recovered: process the held bytes in order, until done or stopped again."""
        while self._held and self._mechanism.can_print():
            self._late += self._process(self._held.popleft())

    def _transmit(self, event: ev.TransmitStatus) -> bytes:
        """The in-order reply: everything before it has been printed by now."""
        if not self.profile.in_order_status:
            return b""
        self._counts["in_order"] += 1
        return bytes([self._mechanism.transmitted_byte(event.request)])

    def _print(self, event: ev.Event) -> None:
        lines_before = len(self._renderer.pending_lines)
        ticket = self._renderer.apply(event)
        if ticket is not None:
            self._store(ticket)
        if self._mechanism.lines_until_paper_out is not None:
            lines_after = len(ticket.lines) if ticket else len(self._renderer.pending_lines)
            self._ran_out |= self._mechanism.use_paper(max(lines_after - lines_before, 0))

    def _store(self, ticket: RenderedTicket) -> None:
        self._tickets.append(ticket)
        if self.output_dir is not None:
            text = (ticket.text + "\n").encode("utf-8")
            self._ticket_paths.append(write_ticket_file(self.output_dir, len(self._tickets), text))

    # -- what came out ------------------------------------------------------------------

    @property
    def tickets(self) -> list[RenderedTicket]:
        """Every ticket cut so far, oldest first."""
        with self._changed:
            return list(self._tickets)

    @property
    def last_ticket(self) -> RenderedTicket | None:
        with self._changed:
            return self._tickets[-1] if self._tickets else None

    @property
    def ticket_paths(self) -> list[Path]:
        """Files written to ``output_dir``, one per ticket (empty without output_dir)."""
        with self._changed:
            return list(self._ticket_paths)

    @property
    def pending_lines(self) -> tuple[str, ...]:
        """Lines printed since the last cut."""
        with self._changed:
            return self._renderer.pending_lines

    @property
    def received(self) -> bytes:
        """Every raw byte received so far, in order (the oldest dropped past 8 MiB)."""
        with self._changed:
            return bytes(self._received)

    def wait_for_tickets(self, count: int, timeout: float) -> bool:
        """Wait until at least ``count`` tickets were cut; False on timeout."""
        with self._changed:
            return self._changed.wait_for(lambda: len(self._tickets) >= count, timeout)

    @property
    def stats(self) -> PrinterStats:
        with self._changed:
            counts = self._counts
            return PrinterStats(
                bytes_received=counts["bytes"],
                unknown_commands=counts["unknown"],
                discarded_bytes=counts["discarded"],
                status_queries=counts["queries"],
                tickets_printed=len(self._tickets),
                in_order_queries=counts["in_order"],
                noise_sent=counts["noise"],
                buffered_bytes=sum(event.size for event in self._held),
                clear_requests=counts["clears"],
                received_dropped=self._received_dropped,
            )

    @property
    def bytes_received(self) -> int:
        return self.stats.bytes_received

    @property
    def unknown_commands(self) -> int:
        return self.stats.unknown_commands

    @property
    def discarded_bytes(self) -> int:
        return self.stats.discarded_bytes

    # -- state, as the hardware would show it -----------------------------------------

    @property
    def paper(self) -> Paper:
        return self._mechanism.paper

    @property
    def online(self) -> bool:
        return self._mechanism.online

    @property
    def cover_open(self) -> bool:
        return self._mechanism.cover_open

    @property
    def cutter_error(self) -> bool:
        return self._mechanism.cutter_error

    @property
    def lines_until_paper_out(self) -> int | None:
        """Lines left on a roll set to end by ``paper_runs_out_after``; None otherwise."""
        return self._mechanism.lines_until_paper_out

    @property
    def pending_noise(self) -> int:
        """Bytes of line noise waiting to go out ahead of the next reply."""
        with self._changed:
            return self._pending_noise

    def subscribe(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` (without the printer's lock held) after every state change."""
        with self._changed:
            self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[], None]) -> None:
        with self._changed:
            if listener in self._listeners:
                self._listeners.remove(listener)

    # -- what a technician (or a test) does to it --------------------------------------

    def paper_out(self) -> None:
        with self._changing():
            self._mechanism.end_roll()

    def paper_runs_out_after(self, lines: int) -> None:
        """The roll ends after ``lines`` more printed lines (0: now), mid-ticket if need be.

        Then the printer stops: the rest of the stream waits in the receive buffer,
        DLE EOT says paper out and GS r gets no reply. The half ticket stays in
        ``pending_lines`` until ``paper_ok``; then the buffer prints, unless cleared.
        """
        if lines < 0:
            raise ValueError(f"lines must be 0 or more, not {lines}")
        with self._changing():
            self._mechanism.lines_until_paper_out = lines
            if lines == 0:
                self._mechanism.end_roll()

    def paper_ok(self) -> None:
        """A fresh roll; a half ticket left on the old one goes with it.

        Then what waits in the receive buffer (not cleared by DLE DC4 8) prints.
        """
        with self._changing():
            if self._mechanism.paper is Paper.OUT:
                self._renderer = TicketRenderer(self.profile)
            self._mechanism.paper, self._mechanism.lines_until_paper_out = Paper.OK, None

    paper_near_end = _setting("paper", Paper.NEAR_END)
    go_offline = _setting("online", False)
    go_online = _setting("online", True)
    open_cover = _setting("cover_open", True)
    close_cover = _setting("cover_open", False)
    jam_cutter = _setting("cutter_error", True)
    clear_cutter = _setting("cutter_error", False)

    def send_noise(self, count: int) -> None:
        """Send ``count`` bytes of line noise (see ``line_noise``) ahead of the next reply.

        They land exactly where the host waits for a status byte, as from a flaky cable
        or a printer babbling on power-up; a robust host skips them. Noise adds up
        until a reply carries it; a vanished printer keeps it for after ``come_back``.
        """
        if not 0 <= count <= MAX_NOISE:
            raise ValueError(f"noise must be 0 to {MAX_NOISE} bytes, not {count}")
        with self._changed:
            self._pending_noise = min(self._pending_noise + count, MAX_NOISE)

    def vanish(self) -> None:
        """Unplug: open connections die, new ones are refused until ``come_back``.

        A command half received when the line went is dropped, so the first bytes
        after ``come_back`` start afresh (lines already printed stay on the paper).
        """
        with self._changing():
            self._vanished = True
            self._decoder = EscPosDecoder()
            self._connection += 1

    def come_back(self) -> None:
        """Plug back in; a fresh open works (connections from before stay dead)."""
        with self._changing():
            self._vanished = False

    @contextlib.contextmanager
    def _changing(self) -> Iterator[None]:
        """Change state under the lock, resume printing if it can, wake waiters, tell listeners."""
        with self._changed:
            yield
            self._resume()
            self._ran_out = False  # listeners hear of it just below
            self._changed.notify_all()
        self._tell_listeners()

    def _tell_listeners(self) -> None:
        with self._changed:
            listeners = list(self._listeners)
        for listener in listeners:
            listener()


def line_noise(count: int) -> bytes:
    """``count`` bytes that are neither a DLE EOT nor a GS r reply: 0xFF, 0xFE, ... 0x80, ..."""
    span = NOISE_HIGHEST - NOISE_LOWEST + 1
    return bytes(NOISE_HIGHEST - index % span for index in range(count))
