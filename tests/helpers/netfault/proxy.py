"""The proxy itself: one upstream connection per client connection, faults per request.

Each client connection is paired with its own connection to the server, as a TCP proxy
would, so that when the server closes an idle keep-alive connection the client sees its
connection close too (and its pool opens a new one). Requests are read whole; answers
stream through the shaped line unless a rule needs them whole first.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

from tests.helpers.netfault.answers import answer_body, answer_head
from tests.helpers.netfault.http_framing import (
    FramingError,
    Head,
    closes_after,
    iter_response,
    read_request,
)
from tests.helpers.netfault.rules import Rule, RuleBook
from tests.helpers.netfault.shaping import Delivery, Line
from tests.helpers.netfault.stats import Recorder, Stats

Address = tuple[str, int]
STALL_READ_BYTES = 64 * 1024


class Proxy:
    """Shared state of the proxy process: where the server is, the line, the rules."""

    def __init__(self, upstream: Address, line: Line, rules: RuleBook) -> None:
        self.upstream = upstream
        self.line = line
        self.rules = rules
        self.recorder = Recorder()
        self.open_connections = 0
        self.in_flight = 0  # requests read and not yet wholly answered (or dropped)

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """asyncio's client_connected_cb: serve one client connection to its end."""
        self.recorder.stats.connections += 1
        self.open_connections += 1
        try:
            await self._serve(reader, writer)
        finally:
            self.open_connections -= 1

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            upstream = await asyncio.open_connection(*self.upstream)
        except (OSError, asyncio.CancelledError):
            writer.close()  # the server is down: the client sees its connection close
            return
        connection = Connection(self, (reader, writer), upstream)
        try:
            with contextlib.suppress(FramingError, ConnectionError, OSError):
                await connection.run()
            await connection.close()
        except asyncio.CancelledError:
            connection.abort()  # the proxy is stopping: no goodbyes (and no noisy task)


Pair = tuple[asyncio.StreamReader, asyncio.StreamWriter]


class Connection:
    """One client connection and its server connection."""

    def __init__(self, proxy: Proxy, client: Pair, upstream: Pair) -> None:
        self.proxy = proxy
        self.client_reader, self.client_writer = client
        self.upstream_reader, self.upstream_writer = upstream
        self.down = Delivery(proxy.line, "down", self.client_writer, self._count_out)
        self.up = Delivery(proxy.line, "up", self.upstream_writer, lambda _size: None)

    @property
    def stats(self) -> Stats:
        return self.proxy.recorder.stats  # looked up each time: a reset replaces it

    def _count_out(self, size: int) -> None:
        self.stats.bytes_out += size

    async def run(self) -> None:
        first = True
        while (request := await self._next_request()) is not None:
            head, body = request
            if first and self.proxy.line.shape.latency:
                await asyncio.sleep(self.proxy.line.shape.round_trip)  # the TCP handshake
            first = False
            method, target = head.start[0], head.start[1]
            rule = self.proxy.rules.take(method, target)
            action = rule.action if rule else "forward"
            self.proxy.recorder.request(method, target, action, len(head.raw) + len(body))
            self.proxy.in_flight += 1
            try:
                keep_open = await self._handle(rule, head, head.raw + body)
                await self.down.flush()
            finally:
                self.proxy.in_flight -= 1
            if not keep_open:
                return

    async def _next_request(self) -> tuple[Head, bytes] | None:
        """The client's next request, or None once either side has closed."""
        request = asyncio.ensure_future(read_request(self.client_reader))
        upstream_closed = asyncio.ensure_future(self.upstream_reader.read(1))
        done, _pending = await asyncio.wait(
            {request, upstream_closed}, return_when=asyncio.FIRST_COMPLETED
        )
        for task in (request, upstream_closed):
            if task not in done:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, FramingError, OSError):
                    await task
        if upstream_closed in done:
            return None  # closed, or spoke out of turn: either way this pair is over
        return request.result()

    async def _handle(self, rule: Rule | None, head: Head, raw: bytes) -> bool:
        """Serve one request; False when the client connection must close after it."""
        if rule is None:
            return await self._forward(head, raw)
        handlers: dict[str, Callable[[Rule, Head, bytes], Awaitable[bool]]] = {
            "drop_before": self._drop_before,
            "drop_after": self._drop_after,
            "respond": self._respond,
            "delay": self._delay,
            "stall": self._stall,
            "duplicate": self._duplicate,
            "truncate": self._truncate,
        }
        return await handlers[rule.action](rule, head, raw)

    async def _send_upstream(self, raw: bytes) -> None:
        await self.up.send(raw)
        self.stats.requests_forwarded += 1

    async def _forward(self, head: Head, raw: bytes) -> bool:
        await self._send_upstream(raw)
        answer: Head | None = None
        async for piece_head, piece in iter_response(self.upstream_reader, head.start[0]):
            answer = piece_head
            await self.down.send(piece)
        return answer is not None and not closes_after(head, answer)

    async def _drop_before(self, _rule: Rule, _head: Head, _raw: bytes) -> bool:
        return False

    async def _drop_after(self, _rule: Rule, head: Head, raw: bytes) -> bool:
        await self._send_upstream(raw)
        await read_answer(self.upstream_reader, head.start[0])
        return False

    async def _respond(self, rule: Rule, head: Head, _raw: bytes) -> bool:
        close = head.wants_close()
        await self.down.send(answer_head(rule, close=close))
        for piece in answer_body(rule):
            await self.down.send(piece)
        return not close

    async def _delay(self, rule: Rule, head: Head, raw: bytes) -> bool:
        await asyncio.sleep(rule.seconds)
        return await self._forward(head, raw)

    async def _stall(self, _rule: Rule, _head: Head, _raw: bytes) -> bool:
        while await self.client_reader.read(STALL_READ_BYTES):
            pass  # never answer; wait for the client to give up
        return False

    async def _duplicate(self, rule: Rule, head: Head, raw: bytes) -> bool:
        """Forward on this connection, then again on a second one; answer with one of them."""
        await self._send_upstream(raw)
        first_head, first = await read_answer(self.upstream_reader, head.start[0])
        second = await self._send_on_new_connection(head, raw)
        await self.down.send(first if rule.answer == "first" else second)
        return not closes_after(head, first_head)

    async def _send_on_new_connection(self, head: Head, raw: bytes) -> bytes:
        reader, writer = await asyncio.open_connection(*self.proxy.upstream)
        try:
            writer.write(raw)
            self.stats.requests_forwarded += 1
            await writer.drain()
            return (await read_answer(reader, head.start[0]))[1]
        finally:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()

    async def _truncate(self, rule: Rule, head: Head, raw: bytes) -> bool:
        await self._send_upstream(raw)
        left = rule.keep
        async with contextlib.aclosing(
            iter_response(self.upstream_reader, head.start[0])
        ) as answer:
            async for _head, piece in answer:
                if left:
                    await self.down.send(piece[:left])
                    left -= min(left, len(piece))
                if not left:
                    break
        return False

    def abort(self) -> None:
        for writer in (self.client_writer, self.upstream_writer):
            writer.transport.abort()

    async def close(self) -> None:
        """Deliver what is on its way to the client, then close both sides."""
        with contextlib.suppress(ConnectionError, OSError):
            await self.down.flush()
        for delivery in (self.down, self.up):
            await delivery.close()
        for writer in (self.client_writer, self.upstream_writer):
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()


async def read_answer(reader: asyncio.StreamReader, method: str) -> tuple[Head, bytes]:
    """One whole answer from the server: its final head and its raw bytes."""
    pieces: list[bytes] = []
    final: Head | None = None
    async for piece_head, piece in iter_response(reader, method):
        final = piece_head
        pieces.append(piece)
    if final is None:  # pragma: no cover - iter_response yields a head or raises
        raise FramingError("no answer")
    return final, b"".join(pieces)
