"""Compressed bodies: gzip requests inflated under a cap, answers gzipped on request.

A village line carries about 8 KB a second, and the JSON around each sealed
application (keys, UUIDs, base64) shrinks by almost half under gzip, so kiosks send
their batches with ``Content-Encoding: gzip``. Inflating is where a small request
becomes a large one, so the inflated size is capped by the same limit as a plain
body (a "zip bomb" stops at the cap), and a body that is not valid gzip is a 400.
Any other content coding is a 415: the centre never guesses.

Answers are gzipped when the client asks (Accept-Encoding) and they are large
enough to gain; none of them echoes a secret next to text a client chose, so
compression gives a watcher of the TLS stream nothing to guess at (BREACH).
"""

from __future__ import annotations

import zlib

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from central.api.limits import MAX_BODY_BYTES, TOO_LARGE
from central.api.problems import problem

GZIP_WBITS = 16 + zlib.MAX_WBITS  # a gzip header and trailer around deflate data
UNSUPPORTED = "only gzip is accepted as a request's Content-Encoding"
NOT_GZIP = "the request body is not valid gzip data"


class GunzipRequests:
    """Inflates ``Content-Encoding: gzip`` request bodies as they arrive."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        coding = _content_coding(scope) if scope["type"] == "http" else None
        if coding in (None, "identity"):
            await self.app(scope, receive, send)
            return
        if coding != "gzip":
            await problem(415, UNSUPPORTED)(scope, receive, send)
            return
        await self.app(_plain(scope), self._inflating(receive), send)

    def _inflating(self, receive: Receive) -> Receive:
        inflater = zlib.decompressobj(GZIP_WBITS)
        inflated = 0

        async def inflate() -> Message:
            nonlocal inflated
            message = await receive()
            if message["type"] != "http.request":
                return message
            try:
                body = inflater.decompress(message.get("body", b""), self.limit - inflated + 1)
            except zlib.error:
                raise HTTPException(400, NOT_GZIP) from None
            inflated += len(body)
            if inflated > self.limit or inflater.unconsumed_tail:
                raise HTTPException(413, TOO_LARGE)
            finished = not message.get("more_body", False)
            if (finished and not inflater.eof) or inflater.unused_data:
                raise HTTPException(400, NOT_GZIP)  # cut short, or something after it
            return {**message, "body": body}

        return inflate


def _content_coding(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-encoding":
            return str(value.decode("latin-1")).strip().lower()
    return None


def _plain(scope: Scope) -> Scope:
    """The scope as the routes should see it: no coding, no (compressed) length."""
    dropped = (b"content-encoding", b"content-length")
    headers = [(name, value) for name, value in scope["headers"] if name not in dropped]
    return {**scope, "headers": headers}
