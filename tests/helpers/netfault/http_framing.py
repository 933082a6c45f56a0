"""HTTP/1.1 message framing: where one request or answer ends on a keep-alive connection.

The proxy never rewrites a message: it needs only the request line, the headers that
decide framing (Content-Length, Transfer-Encoding, Connection) and the body's length, so
that a fault can hit exactly one request. Parsing a head is pure (bytes in, object out)
and is tested with garbage; the async readers below return or yield raw bytes verbatim.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass

CRLF = b"\r\n"
HEAD_END = b"\r\n\r\n"
MAX_HEAD_BYTES = 64 * 1024
MAX_REQUEST_BODY = 64 * 1024 * 1024  # the proxy buffers a request (duplicate sends it twice)
PIECE_BYTES = 64 * 1024
NO_BODY_STATUSES = frozenset({204, 304})


class FramingError(Exception):
    """The bytes are not an HTTP/1.1 message the proxy can delimit."""


@dataclass(frozen=True)
class Head:
    """A parsed start line and headers (names lower-cased, in order, duplicates kept)."""

    start: tuple[str, str, str]
    headers: tuple[tuple[str, str], ...]
    raw: bytes

    def header(self, name: str) -> str | None:
        """The last value of a header, or None."""
        found = [value for key, value in self.headers if key == name]
        return found[-1] if found else None

    def content_length(self) -> int | None:
        values = {value for key, value in self.headers if key == "content-length"}
        if not values:
            return None
        if len(values) > 1 or not _is_decimal(next(iter(values))):
            raise FramingError("bad or conflicting Content-Length")
        return int(next(iter(values)))

    def is_chunked(self) -> bool:
        coding = self.header("transfer-encoding")
        if coding is None:
            return False
        if coding.strip().lower().split(",")[-1].strip() != "chunked":
            raise FramingError("a Transfer-Encoding that does not end in chunked")
        return True

    def wants_close(self) -> bool:
        tokens = {t.strip().lower() for t in (self.header("connection") or "").split(",")}
        return "close" in tokens or self.start[0 if self.is_response else 2] == "HTTP/1.0"

    @property
    def is_response(self) -> bool:
        return self.start[0].startswith("HTTP/")


def parse_head(raw: bytes) -> Head:
    """Parse a head ending in CRLF CRLF; raise FramingError on anything else."""
    if not raw.endswith(HEAD_END) or len(raw) > MAX_HEAD_BYTES:
        raise FramingError("no complete head")
    try:
        text = raw[: -len(HEAD_END)].decode("latin-1")
    except UnicodeDecodeError as error:  # pragma: no cover - latin-1 decodes every byte
        raise FramingError("undecodable head") from error
    start_line, *header_lines = text.split("\r\n")
    parts = start_line.split(" ", 2)
    if len(parts) != 3 or not all(parts[:2]):
        raise FramingError("bad start line")
    headers = tuple(_header(line) for line in header_lines)
    return Head((parts[0], parts[1], parts[2]), headers, raw)


def _header(line: str) -> tuple[str, str]:
    name, colon, value = line.partition(":")
    if not colon or not name or name != name.strip() or any(c in name for c in " \t"):
        raise FramingError("bad header line")
    return name.lower(), value.strip()


def _is_decimal(text: str) -> bool:
    return text.isascii() and text.isdigit()


def parse_request_head(raw: bytes) -> Head:
    head = parse_head(raw)
    method, target, version = head.start
    if not (method.isascii() and method.isalpha() and method.isupper()):
        raise FramingError("bad method")
    if not version.startswith("HTTP/1."):
        raise FramingError("bad request line")
    if not target.startswith("/") and target != "*":
        raise FramingError("the proxy takes origin-form targets only")
    return head


def parse_response_head(raw: bytes) -> Head:
    head = parse_head(raw)
    version, status, _reason = head.start
    if not version.startswith("HTTP/1.") or len(status) != 3 or not _is_decimal(status):
        raise FramingError("bad status line")
    return head


def closes_after(request: Head, answer: Head) -> bool:
    """Whether the connection ends with this exchange (asked to, or the body ran to EOF)."""
    if request.wants_close() or answer.wants_close():
        return True
    status = status_of(answer)
    has_body = request.start[0] != "HEAD" and status >= 200 and status not in NO_BODY_STATUSES
    return has_body and not answer.is_chunked() and answer.content_length() is None


def status_of(head: Head) -> int:
    return int(head.start[1])


async def read_head(reader: asyncio.StreamReader) -> bytes | None:
    """The next head's raw bytes; None on a clean end of stream before any byte."""
    try:
        return await reader.readuntil(HEAD_END)
    except asyncio.IncompleteReadError as error:
        if not error.partial:
            return None
        raise FramingError("the stream ended inside a head") from error
    except asyncio.LimitOverrunError as error:
        raise FramingError("head too long") from error


async def read_request(reader: asyncio.StreamReader) -> tuple[Head, bytes] | None:
    """One whole request (head and raw body) or None when the client closed between requests."""
    raw = await read_head(reader)
    if raw is None:
        return None
    head = parse_request_head(raw)
    pieces, size = [], 0
    async for piece in _body(reader, head, until_eof=False):
        size += len(piece)
        if size > MAX_REQUEST_BODY:
            raise FramingError("request body too large for the proxy")
        pieces.append(piece)
    return head, b"".join(pieces)


async def iter_response(
    reader: asyncio.StreamReader, method: str
) -> AsyncGenerator[tuple[Head, bytes], None]:
    """Yield (head, raw piece) for one answer: the head first, then body pieces.

    Interim 1xx answers are part of the same exchange and are yielded before the final head.
    """
    while True:
        raw = await read_head(reader)
        if raw is None:
            raise FramingError("the server closed before answering")
        head = parse_response_head(raw)
        yield head, raw
        status = status_of(head)
        if 100 <= status < 200 and status != 101:
            continue
        if method == "HEAD" or status in NO_BODY_STATUSES or 100 <= status < 200:
            return
        async for piece in _body(reader, head, until_eof=True):
            yield head, piece
        return


async def _body(
    reader: asyncio.StreamReader, head: Head, *, until_eof: bool
) -> AsyncIterator[bytes]:
    if head.is_chunked():
        async for piece in _chunked(reader):
            yield piece
        return
    length = head.content_length()
    if length is not None:
        async for piece in _exactly(reader, length):
            yield piece
    elif until_eof:
        while piece := await reader.read(PIECE_BYTES):
            yield piece


async def _exactly(reader: asyncio.StreamReader, length: int) -> AsyncIterator[bytes]:
    left = length
    while left:
        piece = await reader.read(min(left, PIECE_BYTES))
        if not piece:
            raise FramingError("the stream ended inside a body")
        left -= len(piece)
        yield piece


async def _chunked(reader: asyncio.StreamReader) -> AsyncIterator[bytes]:
    """Raw chunked coding, size lines and trailers included."""
    while True:
        size_line = await _line(reader)
        yield size_line
        size_text = size_line.split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError as error:
            raise FramingError("bad chunk size") from error
        if size < 0 or not size_text.isalnum():
            raise FramingError("bad chunk size")
        if size == 0:
            break
        async for piece in _exactly(reader, size + len(CRLF)):
            yield piece
    while (trailer := await _line(reader)) != CRLF:
        yield trailer
    yield CRLF


async def _line(reader: asyncio.StreamReader) -> bytes:
    try:
        return await reader.readuntil(CRLF)
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError) as error:
        raise FramingError("the stream ended inside a chunk line") from error
