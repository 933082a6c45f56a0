"""Without faults the proxy is transparent: bytes intact, keep-alive kept, counted exactly."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.helpers.netfault import FaultyProxy, Rule
from tests.netfault.conftest import TIMEOUT
from tests.netfault.upstream import RecordingServer, payload

MIB = 1024 * 1024


@pytest.mark.parametrize(
    ("framing", "header", "value"),
    [
        ("", "Content-Length", str(MIB)),
        ("?chunked=1", "Transfer-Encoding", "chunked"),
        ("?close=1", "Connection", "close"),
    ],
)
def test_a_mebibyte_answer_arrives_byte_exact(
    proxy: FaultyProxy, session: requests.Session, framing: str, header: str, value: str
) -> None:
    answer = session.get(f"{proxy.url}/bytes/{MIB}{framing}", timeout=TIMEOUT)
    assert answer.headers[header] == value
    assert answer.content == payload(MIB)


def test_request_bodies_arrive_byte_exact_with_either_framing(
    proxy: FaultyProxy, upstream: RecordingServer, session: requests.Session
) -> None:
    body = payload(MIB + 1)

    def pieces() -> Iterator[bytes]:  # a generator makes requests send chunked coding
        yield from (body[i : i + 100_000] for i in range(0, len(body), 100_000))

    session.post(proxy.url + "/upload", data=body, timeout=TIMEOUT)
    session.post(proxy.url + "/upload", data=pieces(), timeout=TIMEOUT)
    assert [hit.body == body for hit in upstream.hits("/upload")] == [True, True]
    assert proxy.stats().connections == 1


def test_stats_count_every_byte_each_way(proxy: FaultyProxy) -> None:
    request = b"POST /count HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=15) as client:
        client.sendall(request * 2)
        received = _read_answers(client, count=2)
    stats = proxy.stats()
    assert (stats.requests_seen, stats.requests_forwarded) == (2, 2)
    assert (stats.bytes_in, stats.bytes_out) == (2 * len(request), len(received))


def _read_answers(client: socket.socket, count: int) -> bytes:
    """Read until `count` JSON answers (each ends with its closing brace) have come."""
    received = b""
    while received.count(b"}") < count:
        piece = client.recv(65536)
        assert piece, "the proxy closed early"
        received += piece
    return received


def test_garbage_from_the_client_closes_its_connection(
    proxy: FaultyProxy, upstream: RecordingServer
) -> None:
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=15) as client:
        client.sendall(b"\x16\x03\x01 not http at all\r\n\r\n")
        assert client.recv(100) == b""
    assert upstream.received == []
    assert requests.get(proxy.url + "/after", timeout=TIMEOUT).status_code == 200


def test_a_connection_the_server_closes_is_closed_for_the_client_too(
    proxy: FaultyProxy, upstream: RecordingServer, session: requests.Session
) -> None:
    assert session.get(f"{proxy.url}/bytes/10?close=1", timeout=TIMEOUT).content == payload(10)
    assert session.get(proxy.url + "/next", timeout=TIMEOUT).status_code == 200
    first, second = (hit.connection for hit in upstream.received)
    assert first != second
    assert proxy.stats().connections == 2


def test_a_keep_alive_connection_the_server_drops_while_idle_is_dropped_for_the_client(
    proxy: FaultyProxy, upstream: RecordingServer, session: requests.Session
) -> None:
    url = f"{proxy.url}/bytes/10?idle_close=1"
    assert session.get(url, timeout=TIMEOUT).content == payload(10)
    deadline = time.monotonic() + 15
    while proxy.stats().open_connections and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proxy.stats().open_connections == 0
    assert session.get(proxy.url + "/next", timeout=TIMEOUT).status_code == 200
    assert proxy.stats().connections == 2


def test_concurrent_clients_each_get_their_own_answers(proxy: FaultyProxy) -> None:
    def fetch(size: int) -> bool:
        with requests.Session() as client:
            return all(
                client.get(f"{proxy.url}/bytes/{size}", timeout=TIMEOUT).content == payload(size)
                for _ in range(3)
            )

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(fetch, range(1000, 1008)))
    assert results == [True] * 8
    assert proxy.stats().requests_forwarded == 24


def test_a_killed_proxy_comes_back_on_the_same_port(upstream: RecordingServer) -> None:
    with FaultyProxy(f"http://127.0.0.1:{upstream.port}/") as proxy, requests.Session() as session:
        proxy.add(Rule("respond", status=500, times="always"))
        port = proxy.port
        assert session.get(proxy.url + "/before", timeout=TIMEOUT).status_code == 500
        proxy.kill()
        with pytest.raises(requests.ConnectionError):
            session.get(proxy.url + "/down", timeout=TIMEOUT)
        proxy.start()
        assert proxy.port == port
        assert session.get(proxy.url + "/after", timeout=TIMEOUT).status_code == 200
        assert proxy.rules() == []  # rules died with the process
    assert proxy.pid is None


def test_a_server_that_is_down_looks_like_a_dropped_connection() -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        closed_port = unused.getsockname()[1]
    with FaultyProxy(f"127.0.0.1:{closed_port}") as proxy:
        with pytest.raises(requests.ConnectionError):
            requests.get(proxy.url + "/v1/time", timeout=TIMEOUT)
        assert proxy.stats().connections == 1
