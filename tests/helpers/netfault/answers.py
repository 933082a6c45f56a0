"""Answers the proxy makes up itself (the `respond` rule): statuses, garbage, huge bodies."""

from __future__ import annotations

from collections.abc import Iterator
from http import HTTPStatus

from tests.helpers.netfault.rules import Rule

HUGE_PIECE_BYTES = 64 * 1024
HUGE_FILLER = "x"


def answer_head(rule: Rule, *, close: bool) -> bytes:
    """The status line and headers for a made-up answer, with its exact Content-Length."""
    lines = [
        f"HTTP/1.1 {rule.status} {_reason(rule.status)}",
        f"Content-Type: {rule.content_type}",
        f"Content-Length: {body_length(rule)}",
        *(f"{name}: {value}" for name, value in rule.headers.items()),
    ]
    if close:
        lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", errors="replace")


def body_length(rule: Rule) -> int:
    return rule.huge if rule.huge else len(rule.body.encode())


def answer_body(rule: Rule) -> Iterator[bytes]:
    """The body in pieces; a `huge` body repeats `body` (or a filler) up to its size, made
    on the fly so that a gigabyte never sits in memory."""
    if not rule.huge:
        yield rule.body.encode()
        return
    pattern = (rule.body or HUGE_FILLER).encode()
    piece = pattern * (HUGE_PIECE_BYTES // len(pattern) + 1)
    left = rule.huge
    while left:
        chunk = piece[: min(left, HUGE_PIECE_BYTES)]
        left -= len(chunk)
        yield chunk


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"
