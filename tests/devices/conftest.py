"""A loopback TCP "printer" for socket:// transports: answers DLE EOT, GS r and DLE DC4 8."""

from __future__ import annotations

import contextlib
import queue
import selectors
import socket
import struct
import threading
import time
from collections.abc import Iterator

import pytest
from serial.urlhandler import protocol_socket

DLE_EOT = b"\x10\x04"
GS_R = b"\x1dr"
DLE_DC4 = b"\x10\x14"
CLEAR_BUFFERS = b"\x10\x14\x08\x01\x03\x14\x01\x06\x02\x08"  # DLE DC4 8, Epson's bytes
CLEAR_RESPONSE = b"\x37\x25\x00"
QUERY_PREFIXES = (DLE_EOT, GS_R, DLE_DC4)
QUERY_LENGTH = 3  # prefix and n
OFFLINE_BIT = 0x08  # in the DLE EOT 1 reply
PAPER_ADEQUATE = 0x00  # GS r 1 reply: both paper sensors clear
# Status bytes of an idle, ready printer: only the fixed bits (1 and 4) set.
READY = {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12}
PAPER_OUT = {1: 0x12 | 0x08, 2: 0x12 | 0x20, 3: 0x12, 4: 0x12 | 0x60}

_UNPLUG = b"u"
_STOP = b"s"
_SIGNAL_TIMEOUT = 2.0


class FakePrinterServer:
    """One TCP listener on 127.0.0.1 serving one connection at a time.

    `replies` maps n to the byte answered to DLE EOT n (missing n: silence);
    `replies_after_document` replaces them once any other byte has arrived,
    like a printer that used up its last paper on the ticket, and
    `replies_after_transmit` once a GS r was answered, like a roll that ended
    right after the cut. `garbage` is sent before every reply, and every reply
    leaves `reply_delay` seconds after its question (in order). Every non-query
    byte lands in `document()`.

    GS r n is answered in order with `transmitted_reply` (None: silence), but,
    like a real printer that has stopped, not while the DLE EOT 1 reply in
    force says offline or is missing. `transmit_queries` records every n.
    DLE DC4 8 (clear buffers) is answered with `clear_response` (None: a
    printer without the command); `clears` counts them.
    """

    def __init__(self, port: int = 0) -> None:
        self._listener = socket.create_server(("127.0.0.1", port))
        self.port: int = self._listener.getsockname()[1]
        self.url = f"socket://127.0.0.1:{self.port}"
        self.replies: dict[int, int] = dict(READY)
        self.replies_after_document: dict[int, int] | None = None
        self.replies_after_transmit: dict[int, int] | None = None
        self.garbage = b""
        self.reply_delay = 0.0
        self.transmitted_reply: int | None = PAPER_ADEQUATE
        self.clear_response: bytes | None = CLEAR_RESPONSE
        self.queries: list[int] = []
        self.transmit_queries: list[int] = []
        self.clears = 0
        self._transmitted = False
        self._outbox: queue.Queue[tuple[float, bytes] | None] = queue.Queue()
        self._sender = threading.Thread(target=self._send_when_due, daemon=True)
        self._sender.start()
        self.connected = threading.Event()
        self._document = bytearray()
        self._pending = bytearray()
        self._connection: socket.socket | None = None
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._wake_reader, self._wake_writer = socket.socketpair()
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._listener, selectors.EVENT_READ, self._accept)
        self._selector.register(self._wake_reader, selectors.EVENT_READ, self._command)
        self._running = True
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def document(self) -> bytes:
        with self._lock:
            return bytes(self._document)

    def unplug(self) -> None:
        """Reset the current connection (RST) and wait until it is gone."""
        self._send_command(_UNPLUG)

    def stop(self) -> None:
        """Close the connection and the listener; the port number becomes free."""
        if self._running:
            self._outbox.put(None)
            self._sender.join(_SIGNAL_TIMEOUT)
            self._send_command(_STOP)
            self._thread.join(_SIGNAL_TIMEOUT)
            self._wake_writer.close()

    def _send_command(self, command: bytes) -> None:
        self._done.clear()
        self._wake_writer.send(command)
        assert self._done.wait(_SIGNAL_TIMEOUT), "fake printer thread did not answer"

    def _serve(self) -> None:
        while self._running:
            for key, _ in self._selector.select():
                if self._running:
                    key.data(key.fileobj)

    def _accept(self, _listener: socket.socket) -> None:
        connection, _ = self._listener.accept()
        self._drop_connection()
        self._connection = connection
        self._selector.register(connection, selectors.EVENT_READ, self._receive)
        self.connected.set()

    def _command(self, _wake_reader: socket.socket) -> None:
        command = self._wake_reader.recv(1)
        self._drop_connection()
        if command == _STOP:
            self._selector.close()
            self._listener.close()
            self._wake_reader.close()
            self._running = False
        self._done.set()

    def _drop_connection(self) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        self._selector.unregister(connection)
        # Linger 0: close with a reset, as a vanished device does, so the
        # client's next send fails instead of filling a dead socket's buffer.
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        connection.close()
        self.connected.clear()

    def _receive(self, connection: socket.socket) -> None:
        if connection is not self._connection:
            return  # dropped earlier in this round of events
        try:
            chunk = connection.recv(4096)
        except ConnectionError:
            chunk = b""
        if not chunk:
            self._drop_connection()
            return
        self._pending += chunk
        self._handle_pending()

    def _handle_pending(self) -> None:
        while self._pending:
            start = self._next_query()
            if start == -1:
                # Keep a trailing DLE or GS: it may start a query split across chunks.
                starts = tuple(prefix[:1] for prefix in QUERY_PREFIXES)
                keep = 1 if self._pending.endswith(starts) else 0
                self._record(len(self._pending) - keep)
                return
            self._record(start)
            prefix = bytes(self._pending[:2])
            length = len(CLEAR_BUFFERS) if prefix == DLE_DC4 else QUERY_LENGTH
            if len(self._pending) < length:
                return
            command = bytes(self._pending[:length])
            del self._pending[:length]
            if prefix == DLE_EOT:
                self._answer(command[2])
            elif prefix == GS_R:
                self._transmit(command[2])
            elif command == CLEAR_BUFFERS:
                self._clear()

    def _next_query(self) -> int:
        found = [self._pending.find(prefix) for prefix in QUERY_PREFIXES]
        return min((start for start in found if start != -1), default=-1)

    def _record(self, size: int) -> None:
        with self._lock:
            self._document += self._pending[:size]
        del self._pending[:size]

    def _answer(self, query: int) -> None:
        self.queries.append(query)
        replies = self._replies_in_force()
        if query in replies:
            self._send(replies[query])

    def _transmit(self, query: int) -> None:
        self.transmit_queries.append(query)
        printer_byte = self._replies_in_force().get(1)
        stopped = printer_byte is None or printer_byte & OFFLINE_BIT
        if self.transmitted_reply is not None and not stopped:
            self._send(self.transmitted_reply)
            self._transmitted = True

    def _clear(self) -> None:
        self.clears += 1
        if self.clear_response is not None:
            self._send_bytes(self.clear_response)

    def _replies_in_force(self) -> dict[int, int]:
        if self.replies_after_transmit is not None and self._transmitted:
            return self.replies_after_transmit
        if self.replies_after_document is not None and self.document():
            return self.replies_after_document
        return self.replies

    def _send(self, reply: int) -> None:
        self._send_bytes(bytes([reply]))

    def _send_bytes(self, reply: bytes) -> None:
        if self.reply_delay:
            self._outbox.put((time.monotonic() + self.reply_delay, self.garbage + reply))
        elif self._connection is not None:
            self._connection.sendall(self.garbage + reply)

    def _send_when_due(self) -> None:
        """Send delayed replies in the order they were made, each once its time has come."""
        while (item := self._outbox.get()) is not None:
            due, data = item
            time.sleep(max(due - time.monotonic(), 0))
            connection = self._connection
            # Dropped meanwhile: lost, as a reply sent into an unplugged cable.
            with contextlib.suppress(OSError):
                if connection is not None:
                    connection.sendall(data)


class _NoPause:
    """Stands in for `time` in pyserial's socket handler, whose close() sleeps 0.3 s."""

    @staticmethod
    def sleep(_seconds: float) -> None:
        return None


@pytest.fixture
def fake_printer(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakePrinterServer]:
    # pyserial pauses on every socket close "to give the server some time";
    # our server needs none, and the pause would dominate the suite's run time.
    monkeypatch.setattr(protocol_socket, "time", _NoPause)
    server = FakePrinterServer()
    yield server
    server.stop()
