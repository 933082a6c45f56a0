"""A background thread that reads a card or code reader's port and hands over each read."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import Generic, Protocol, TypeVar, runtime_checkable

from devices.errors import DeviceGone

log = logging.getLogger(__name__)

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

UNPLUGGED = "unplugged"  # the port vanished: unplugged, powered off, wrong path
READ_FAILED = "read failed"  # anything else went wrong reading; details are in the log
READ_SIZE = 64  # bytes asked for per read: a few card frames or a short code
POLL_SECONDS = 0.1  # longest wait per read, and so the longest wait for stop()
RETRY_SECONDS = 1.0  # pause between attempts to reopen a vanished port
BAD_INPUT_SECONDS = 60.0  # least time between two reports of unreadable input


class ByteParser(Protocol[T_co]):
    """A pure framing object: fed bytes, returns the items they complete, never raises."""

    def feed(self, data: bytes) -> Sequence[T_co]: ...


@runtime_checkable
class DropCounts(Protocol):
    """What a parser's ``stats`` tell of the input it dropped: counts, never content.

    ``Rdm6300Stats`` and ``ScannerStats`` are such counts.
    """

    @property
    def bad_input(self) -> int:
        """Input dropped as unreadable: the sign of a bad cable or a wrong baud rate."""
        ...

    @property
    def dropped(self) -> int:
        """Everything dropped, including what is dropped by design (a held card's repeats)."""
        ...

    def summary(self) -> str:
        """The non-zero counts in words, e.g. ``3 frames with a bad checksum``."""
        ...


class ByteSource(Protocol):
    """What the reader needs of a port; ``SerialTransport`` is one.

    ``read`` raises ``DeviceGone`` when the device has vanished, and tries to reopen
    the port on the next call.
    """

    def read(self, size: int, timeout: float | None = None) -> bytes: ...


class SerialReader(Generic[T]):
    """Reads ``transport`` on its own thread, feeds ``parser``, calls ``on_read`` per item.

    The port is polled in ``POLL_SECONDS`` reads, so ``stop()`` returns promptly.
    When the device vanishes, ``on_problem(UNPLUGGED)`` is called once and the port
    is retried every ``retry_interval`` seconds until it is back (``on_recovered``)
    or the reader is stopped. A parser or callback that raises is logged and the
    thread goes on: garbage on the line never ends the reading.

    When the parser counts what it drops (its ``stats`` are ``DropCounts``) and its
    count of unreadable input has grown, ``on_bad_input`` gets the counts in words:
    at once the first time, then at most once per ``bad_input_interval`` seconds of
    ``clock`` (growth in between is told when the interval is up). Only counts are
    told, never the bytes: they may hold a card tag or a scanned code.

    Callbacks run on the reader's thread; the UI adapts them to signals. The
    transport stays the caller's: ``stop()`` does not close it.

    Design note: this is one driver behind the core's card source, not the card
    source itself. A Dukcapil-certified PC/SC e-KTP reader (with its SAM) would be
    another driver with the same shape: started and stopped, reporting each read
    through an ``on_read`` callback and trouble through ``on_problem``.
    """

    def __init__(
        self,
        transport: ByteSource,
        parser: ByteParser[T],
        on_read: Callable[[T], None],
        on_problem: Callable[[str], None] | None = None,
        *,
        on_recovered: Callable[[], None] | None = None,
        retry_interval: float = RETRY_SECONDS,
        poll_timeout: float = POLL_SECONDS,
        on_bad_input: Callable[[str], None] | None = None,
        bad_input_interval: float = BAD_INPUT_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.transport = transport
        self.parser = parser
        self._on_read = on_read
        self._on_problem = on_problem
        self._on_recovered = on_recovered
        self._retry_interval = retry_interval
        self._poll_timeout = poll_timeout
        self._on_bad_input = on_bad_input
        self._bad_input_interval = bad_input_interval
        self._clock = clock
        self._bad_input_told = 0  # the count of unreadable input last told
        self._bad_input_told_at: float | None = None
        self._problem: str | None = None
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def problem(self) -> str | None:
        """The problem last reported and not yet recovered from, or None."""
        return self._problem

    @property
    def drops(self) -> DropCounts | None:
        """The parser's counts of dropped input, or None when it keeps none."""
        stats = getattr(self.parser, "stats", None)
        return stats if isinstance(stats, DropCounts) else None

    def start(self) -> None:
        """Start reading on a new daemon thread; raises RuntimeError if already running."""
        if self.running:
            raise RuntimeError("the reader is already running")
        self._stopping = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name=f"reader {self.transport!r}", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float | None = None) -> None:
        """Stop reading and wait for the thread to end (unless called from a callback)."""
        self._stopping.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _run(self) -> None:
        while not self._stopping.is_set():
            data = self._read()
            if data is None:
                self._stopping.wait(self._retry_interval)
            elif data:
                self._deliver(data)
            self._check_bad_input()

    def _read(self) -> bytes | None:
        """The bytes that arrived (maybe none), or None when the port failed."""
        try:
            data = self.transport.read(READ_SIZE, self._poll_timeout)
        except DeviceGone:
            self._report(UNPLUGGED)
            return None
        except Exception:
            # A bad address or a bug: retried like an unplug, logged in full once.
            is_news = self._problem != READ_FAILED
            log.log(
                logging.ERROR if is_news else logging.DEBUG,
                "reading %r failed",
                self.transport,
                exc_info=True,
            )
            self._report(READ_FAILED)
            return None
        self._recover()
        return data

    def _deliver(self, data: bytes) -> None:
        try:
            items = self.parser.feed(data)
        except Exception:
            log.exception("the parser %r failed on %d bytes", self.parser, len(data))
            return
        for item in items:
            self._call("on_read", self._on_read, item)

    def _check_bad_input(self) -> None:
        """Tell ``on_bad_input`` of new unreadable input, unless told too recently."""
        drops = self.drops
        if self._on_bad_input is None or drops is None:
            return
        if drops.bad_input <= self._bad_input_told:
            return
        now = self._clock()
        told_at = self._bad_input_told_at
        if told_at is not None and now - told_at < self._bad_input_interval:
            return  # a noisy line: told again once the interval is up
        self._bad_input_told = drops.bad_input
        self._bad_input_told_at = now
        self._call("on_bad_input", self._on_bad_input, drops.summary())

    def _report(self, problem: str) -> None:
        if problem == self._problem:
            return  # still the same outage: told once
        self._problem = problem
        if self._on_problem is not None:
            self._call("on_problem", self._on_problem, problem)

    def _recover(self) -> None:
        if self._problem is None:
            return
        self._problem = None
        if self._on_recovered is not None:
            self._call("on_recovered", self._on_recovered)

    def _call(self, name: str, callback: Callable[..., None], *args: object) -> None:
        # The item itself is never logged: a card tag or a scanned code is personal data.
        try:
            callback(*args)
        except Exception:
            log.exception("the reader's %s callback failed", name)
