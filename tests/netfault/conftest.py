"""Fixtures: a recording upstream server, the proxy process in front of it, a client session."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
import requests

from tests.helpers.netfault import FaultyProxy, Shape
from tests.netfault.upstream import RecordingServer

TIMEOUT = (5.0, 15.0)  # (connect, read): generous, the machine is shared


@pytest.fixture(scope="module")
def upstream() -> Iterator[RecordingServer]:
    server = RecordingServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def shared_proxy(upstream: RecordingServer) -> Iterator[FaultyProxy]:
    with FaultyProxy(f"127.0.0.1:{upstream.port}", seed=11) as proxy:
        yield proxy


@pytest.fixture
def proxy(shared_proxy: FaultyProxy, upstream: RecordingServer) -> Iterator[FaultyProxy]:
    """The module's proxy, with no rules, a plain line and zeroed counters for each test,
    once the last test's requests are over (a late answer would count here)."""
    deadline = time.monotonic() + 30
    while shared_proxy.stats().in_flight and time.monotonic() < deadline:
        time.sleep(0.02)
    shared_proxy.clear()
    shared_proxy.shape(Shape())
    upstream.forget()
    shared_proxy.reset_stats()
    yield shared_proxy
    shared_proxy.clear()
    shared_proxy.shape(Shape())


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with requests.Session() as client:
        yield client
