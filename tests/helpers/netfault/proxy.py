"""The proxy itself: one server connection per client connection, faults per request.

Each client connection is paired with its own connection to the server, opened when its
first request is forwarded (after the simulated handshake, so a slow line does not make
the server wait on an idle connection that a real one would not have had yet). When the
server closes an idle keep-alive connection the client's closes too, as through a TCP
proxy, and its pool opens a new one. Requests are read whole (so `duplicate` can send one
twice); they and the answers stream through the shaped line segment by segment.
Not supported: `Expect: 100-continue` (the proxy waits for the body the client holds
back until its own timeout), upgrades and CONNECT; `requests` uses none of them.
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
LOCAL_ACTIONS = frozenset({"drop_before", "respond", "stall"})  # the server never sees these


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
        connection = Connection(self, (reader, writer))
        try:
            with contextlib.suppress(FramingError, ConnectionError, OSError):
                await connection.run()
            await connection.close()
        except asyncio.CancelledError:
            connection.abort()  # the proxy is stopping: no goodbyes (and no noisy task)


Pair = tuple[asyncio.StreamReader, asyncio.StreamWriter]


class Connection:
    """One client connection and its server connection (once there is one)."""

    def __init__(self, proxy: Proxy, client: Pair) -> None:
        self.proxy = proxy
        self.client_reader, self.client_writer = client
        self.down = Delivery(proxy.line, "down", self.client_writer, self._count_out)
        self._server: tuple[asyncio.StreamReader, asyncio.StreamWriter, Delivery] | None = None

    async def _server_side(self) -> tuple[asyncio.StreamReader, Delivery]:
        """The server connection and the line towards it; opened on first use (a server
        that is down raises OSError, and the client sees its connection close)."""
        if self._server is None:
            reader, writer = await asyncio.open_connection(*self.proxy.upstream)
            up = Delivery(self.proxy.line, "up", writer, lambda _size: None)
            self._server = (reader, writer, up)
        return self._server[0], self._server[2]

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
        if self._server is None:
            return await read_request(self.client_reader)
        request = asyncio.ensure_future(read_request(self.client_reader))
        upstream_closed = asyncio.ensure_future(self._server[0].read(1))
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
        if rule.action in LOCAL_ACTIONS:
            await self.proxy.line.cross("up", len(raw))
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

    async def _send_upstream(self, raw: bytes) -> asyncio.StreamReader:
        """Forward a request; returns where its answer will come from."""
        reader, up = await self._server_side()
        await up.send(raw)
        self.stats.requests_forwarded += 1
        return reader

    async def _forward(self, head: Head, raw: bytes) -> bool:
        reader = await self._send_upstream(raw)
        answer: Head | None = None
        async for piece_head, piece in iter_response(reader, head.start[0]):
            answer = piece_head
            await self.down.send(piece)
        return answer is not None and not closes_after(head, answer)

    async def _drop_before(self, _rule: Rule, _head: Head, _raw: bytes) -> bool:
        return False

    async def _drop_after(self, _rule: Rule, head: Head, raw: bytes) -> bool:
        await read_answer(await self._send_upstream(raw), head.start[0])
        return False

    async def _respond(self, rule: Rule, head: Head, _raw: bytes) -> bool:
        close = head.wants_close()
        await self.down.send(answer_head(rule, close=close))
        for piece in answer_body(rule) if head.start[0] != "HEAD" else ():
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
        reader = await self._send_upstream(raw)
        first_head, first = await read_answer(reader, head.start[0])
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
        reader = await self._send_upstream(raw)
        left = rule.keep
        async with contextlib.aclosing(iter_response(reader, head.start[0])) as answer:
            async for _head, piece in answer:
                if left:
                    await self.down.send(piece[:left])
                    left -= min(left, len(piece))
                if not left:
                    break
        return False

    def _writers(self) -> list[asyncio.StreamWriter]:
        return [self.client_writer] + ([self._server[1]] if self._server else [])

    def abort(self) -> None:
        for writer in self._writers():
            writer.transport.abort()

    async def close(self) -> None:
        """Deliver what is on its way to the client, then close both sides."""
        with contextlib.suppress(ConnectionError, OSError):
            await self.down.flush()
        for delivery in [self.down] + ([self._server[2]] if self._server else []):
            await delivery.close()
        for writer in self._writers():
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
