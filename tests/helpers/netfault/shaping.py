"""Link shaping: a slow, far, lossy line between the kiosk and the proxy (a simulation).

What it models, per direction (kiosk to centre is "up", back is "down"):

- bandwidth: the bytes are cut into TCP segments of 1460 payload bytes, each costing its
  size plus 40 header bytes (IPv4 + TCP) at `rate` bit/s; one line is shared by every
  connection, so concurrent transfers queue behind each other (first come, first served);
- latency: each segment arrives `latency` seconds after its last bit left (one way; the
  round trip is twice that), and a new connection's first request waits one extra round
  trip, for the TCP handshake the proxy's loopback accept does not cost;
- loss: each segment is "lost" with probability `loss`; a real TCP stack retransmits it,
  so the bytes are never dropped or corrupted here: the segment arrives one retransmission
  timeout late (max(200 ms, RTT) + RTT) and, because TCP delivers in order, holds back the
  segments behind it on that connection.

It does not model congestion control (slow start, shrinking windows after a loss), ACK
traffic, fast retransmit, or jitter. It is deterministic for a given `seed` and the same
sequence of segments; concurrent connections interleave as the scheduler lets them.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, Literal

SEGMENT_BYTES = 1460
HEADER_BYTES = 40
MIN_RTO_SECONDS = 0.2
MAX_QUEUED_BYTES = 4 * 1024 * 1024  # back-pressure when the line itself does not slow a sender
Direction = Literal["up", "down"]


@dataclass(frozen=True)
class Shape:
    """The line's settings: rates in bit/s (None is unlimited), one-way latency, loss."""

    rate_up: int | None = None
    rate_down: int | None = None
    latency: float = 0.0
    loss: float = 0.0

    def __post_init__(self) -> None:
        for rate in (self.rate_up, self.rate_down):
            if rate is not None and (not _number(rate) or rate < 1):
                raise ValueError("a rate is a positive number of bit/s or null")
        if not _number(self.latency) or not 0 <= self.latency <= 60:
            raise ValueError("latency is 0..60 seconds")
        if not _number(self.loss) or not 0 <= self.loss < 1:
            raise ValueError("loss is a probability in [0, 1)")

    @property
    def round_trip(self) -> float:
        return 2 * self.latency

    @property
    def retransmission_timeout(self) -> float:
        return max(MIN_RTO_SECONDS, self.round_trip) + self.round_trip

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: object) -> Shape:
        if not isinstance(data, dict) or not set(data) <= set(cls.__dataclass_fields__):
            raise ValueError(f"a shape is an object with keys {sorted(cls.__dataclass_fields__)}")
        return cls(**data)


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class Link:
    """One direction of the line, shared by every connection."""

    def __init__(self, shape: Shape, direction: Direction, rng: random.Random) -> None:
        self.rate = shape.rate_up if direction == "up" else shape.rate_down
        self.latency = shape.latency
        self.loss = shape.loss
        self.timeout = shape.retransmission_timeout
        self._rng = rng
        self._busy_until = 0.0

    @property
    def shaped(self) -> bool:
        return self.rate is not None or self.latency > 0 or self.loss > 0

    def schedule(self, size: int, now: float) -> tuple[float, float]:
        """When a segment of `size` payload bytes has left, and when it arrives."""
        start = max(now, self._busy_until)
        sent = start if self.rate is None else start + (size + HEADER_BYTES) * 8 / self.rate
        self._busy_until = sent
        lost = self.loss > 0 and self._rng.random() < self.loss
        return sent, sent + self.latency + (self.timeout if lost else 0.0)


class Line:
    """Both directions of the line; the control channel may reshape it at any time."""

    def __init__(self, shape: Shape, seed: int) -> None:
        self._rng = random.Random(seed)
        self.configure(shape)

    def configure(self, shape: Shape) -> None:
        self.shape = shape
        self.up = Link(shape, "up", self._rng)
        self.down = Link(shape, "down", self._rng)

    def link(self, direction: Direction) -> Link:
        return self.up if direction == "up" else self.down

    async def cross(self, direction: Direction, size: int) -> None:
        """Wait as long as `size` bytes take to cross the line, for a request that the far
        end then refuses itself (the proxy stands where the server would)."""
        link = self.link(direction)
        loop = asyncio.get_running_loop()
        arrival = 0.0
        for offset in range(0, size if link.shaped else 0, SEGMENT_BYTES):
            sent, arrival = link.schedule(min(SEGMENT_BYTES, size - offset), loop.time())
            await sleep_until(sent)
        await sleep_until(arrival)


class Delivery:
    """One connection's bytes in one direction: paced on the line, written in order on time.

    `send` returns once the bytes have left the sender (bandwidth is back-pressure);
    a pump writes each segment to the far side when it arrives. Once the far side has
    gone, `send` and `flush` raise ConnectionError.
    """

    def __init__(
        self,
        line: Line,
        direction: Direction,
        writer: asyncio.StreamWriter,
        count: Callable[[int], None],
    ) -> None:
        self._line = line
        self._direction = direction
        self._writer = writer
        self._count = count
        self._queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()
        self._queued_bytes = 0
        self._last_arrival = 0.0
        self._failure: BaseException | None = None
        self._pump = asyncio.create_task(self._run())

    async def send(self, data: bytes) -> None:
        self._raise_if_failed()
        link = self._line.link(self._direction)
        if not link.shaped:
            self._enqueue(0.0, data)
        else:
            loop = asyncio.get_running_loop()
            for offset in range(0, len(data), SEGMENT_BYTES):
                segment = data[offset : offset + SEGMENT_BYTES]
                sent, arrival = link.schedule(len(segment), loop.time())
                self._last_arrival = max(arrival, self._last_arrival)
                await sleep_until(sent)
                self._raise_if_failed()
                self._enqueue(self._last_arrival, segment)
        if self._queued_bytes > MAX_QUEUED_BYTES:
            await self.flush()  # a huge answer to a slow reader does not pile up here

    def _enqueue(self, arrival: float, data: bytes) -> None:
        self._queued_bytes += len(data)
        self._queue.put_nowait((arrival, data))

    async def flush(self) -> None:
        """Wait until everything sent so far has been written to the far side."""
        await self._queue.join()
        self._raise_if_failed()

    async def close(self) -> None:
        self._pump.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._pump

    def _raise_if_failed(self) -> None:
        if self._failure is not None:
            raise ConnectionError("the far side has gone") from self._failure

    async def _run(self) -> None:
        while True:
            arrival, segment = await self._queue.get()
            try:
                if self._failure is None:
                    await sleep_until(arrival)
                    self._writer.write(segment)
                    await self._writer.drain()
                    self._count(len(segment))
            except OSError as error:
                self._failure = error
            finally:
                self._queued_bytes -= len(segment)
                self._queue.task_done()


async def sleep_until(moment: float) -> None:
    """Sleep until the event loop's clock reads `moment` (at once if it has passed)."""
    wait = moment - asyncio.get_running_loop().time()
    if wait > 0:
        await asyncio.sleep(wait)
