"""Message framing, fed bytes: where a request or an answer ends, and garbage refused."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.netfault.http_framing import (
    FramingError,
    closes_after,
    iter_response,
    parse_request_head,
    parse_response_head,
    read_request,
)


def _reader(data: bytes) -> asyncio.StreamReader:
    reader = asyncio.StreamReader()
    reader.feed_data(data)
    reader.feed_eof()
    return reader


def _request(data: bytes) -> tuple[str, bytes, bytes]:
    """(target, body, what is left) after reading one request from `data`."""

    async def read() -> tuple[str, bytes, bytes]:
        reader = _reader(data)
        request = await read_request(reader)
        assert request is not None
        return request[0].start[1], request[1], await reader.read()

    return asyncio.run(read())


def _answer(data: bytes, method: str = "GET") -> tuple[list[int], bytes, bytes]:
    """(statuses, raw answer, what is left) after reading one answer from `data`."""

    async def read() -> tuple[list[int], bytes, bytes]:
        reader = _reader(data)
        statuses, raw = [], b""
        async for head, piece in iter_response(reader, method):
            if piece is head.raw:
                statuses.append(int(head.start[1]))
            raw += piece
        return statuses, raw, await reader.read()

    return asyncio.run(read())


def test_a_content_length_body_ends_where_it_says() -> None:
    data = b"POST /v1/x?a=1 HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET / HTTP/1.1\r\n\r\n"
    assert _request(data) == ("/v1/x?a=1", b"abc", b"GET / HTTP/1.1\r\n\r\n")


def test_a_chunked_body_is_kept_raw_with_its_trailers() -> None:
    body = b"3;ext=1\r\nabc\r\n0\r\nX-Trailer: 1\r\n\r\n"
    data = b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + body + b"NEXT"
    assert _request(data) == ("/", body, b"NEXT")


def test_interim_answers_belong_to_the_exchange() -> None:
    final = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
    data = b"HTTP/1.1 100 Continue\r\n\r\n" + final + b"HTTP/1.1 200 OK"
    statuses, raw, left = _answer(data)
    assert (statuses, raw, left) == (
        [100, 200],
        b"HTTP/1.1 100 Continue\r\n\r\n" + final,
        data[-15:],
    )


@pytest.mark.parametrize(
    ("head", "method"),
    [
        (b"HTTP/1.1 204 No Content\r\nContent-Length: 9\r\n\r\n", "GET"),
        (b"HTTP/1.1 304 Not Modified\r\n\r\n", "GET"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n", "HEAD"),
    ],
)
def test_some_answers_have_no_body_whatever_they_say(head: bytes, method: str) -> None:
    assert _answer(head + b"NEXT", method)[1:] == (head, b"NEXT")


def test_an_answer_without_length_runs_to_the_end_and_closes() -> None:
    head = b"HTTP/1.1 200 OK\r\n\r\n"
    assert _answer(head + b"all of it")[1] == head + b"all of it"
    request = parse_request_head(b"GET / HTTP/1.1\r\n\r\n")
    assert closes_after(request, parse_response_head(head))
    with_length = parse_response_head(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
    assert not closes_after(request, with_length)


@pytest.mark.parametrize(
    "data",
    [
        b"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nab",  # ends inside the body
        b"POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        b"POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
        b"POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
        b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n",
        b"GET http://elsewhere/ HTTP/1.1\r\n\r\n",
        b"get / HTTP/1.1\r\n\r\n",
        b"GET / SPDY/3\r\n\r\n",
        b"GET /\r\n\r\n",
        b"GET / HTTP/1.1\r\nNo colon\r\n\r\n",
        b"GET / HTTP/1.1\r\nBad name: x\r\n\r\n",
        b"GET / HTTP/1.1\r\n",  # ends inside the head
        b"GET / HTTP/1.1\r\nX: " + b"a" * 70_000 + b"\r\n\r\n",
    ],
)
def test_garbage_requests_are_refused(data: bytes) -> None:
    with pytest.raises(FramingError):
        _request(data)


def test_a_closed_connection_between_requests_is_no_request() -> None:
    async def read() -> object:
        return await read_request(_reader(b""))

    assert asyncio.run(read()) is None


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_parse_or_are_refused_cleanly(data: bytes) -> None:
    for parse in (parse_request_head, parse_response_head):
        try:
            head = parse(data + b"\r\n\r\n")
            head.content_length(), head.is_chunked(), head.wants_close()
        except FramingError:
            continue
        assert head.raw == data + b"\r\n\r\n"
