"""A real HTTP/1.1 keep-alive server on loopback that records what reached it."""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

CHUNK_BYTES = 8192


@dataclass(frozen=True)
class Received:
    method: str
    path: str
    body: bytes
    connection: tuple[str, int]


def payload(size: int) -> bytes:
    """`size` bytes that differ with the size, so a test can check them exactly."""
    return random.Random(size).randbytes(size)


class RecordingServer(ThreadingHTTPServer):
    """Answers: `/bytes/N` N known bytes (`?chunked=1`: chunked coding, `?close=1`: delimited
    by closing, `?idle_close=1`: closed after the answer without saying so), anything else a
    JSON count of requests so far; remembers every request."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.received: list[Received] = []
        self.lock = threading.Lock()

    @property
    def port(self) -> int:
        return self.server_address[1]

    def handle_error(self, request: object, client_address: object) -> None:
        """Quiet: the proxy resets connections on purpose (kill, stop, drops)."""

    def record(self, request: Received) -> int:
        with self.lock:
            self.received.append(request)
            return len(self.received)

    def forget(self) -> None:
        with self.lock:
            self.received.clear()

    def hits(self, path: str) -> list[Received]:
        with self.lock:
            return [r for r in self.received if r.path == path]

    def wait_for(self, path: str, count: int, seconds: float = 15.0) -> list[Received]:
        """The hits on `path` once there are `count` of them (or at the deadline)."""
        deadline = time.monotonic() + seconds
        while len(hits := self.hits(path)) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return hits


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # head and body go in two writes: no 40 ms ACK wait
    server: RecordingServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def _serve(self) -> None:
        body = self._read_body()
        url = urlsplit(self.path)
        count = self.server.record(Received(self.command, url.path, body, self.client_address))
        query = parse_qs(url.query)
        if url.path.startswith("/bytes/"):
            self._send_bytes(payload(int(url.path.rsplit("/", 1)[1])), query)
        else:
            self._send(f'{{"count": {count}, "size": {len(body)}}}'.encode())

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() != "chunked":
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))
        pieces = []
        while size := int(self.rfile.readline().split(b";")[0], 16):
            pieces.append(self.rfile.read(size))
            self.rfile.readline()
        while self.rfile.readline() not in (b"\r\n", b""):
            pass  # trailers
        return b"".join(pieces)

    def _send(self, data: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _send_bytes(self, data: bytes, query: dict[str, list[str]]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        if "chunked" in query:
            self.send_header("Transfer-Encoding", "chunked")
        elif "close" in query:
            self.send_header("Connection", "close")
            self.close_connection = True
        else:
            self.send_header("Content-Length", str(len(data)))
            self.close_connection = "idle_close" in query  # as a keep-alive timeout would
        self.end_headers()
        if "chunked" not in query:
            self.wfile.write(data)
            return
        for offset in range(0, len(data), CHUNK_BYTES):
            piece = data[offset : offset + CHUNK_BYTES]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
        self.wfile.write(b"0\r\n\r\n")
