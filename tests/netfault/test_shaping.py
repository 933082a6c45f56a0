"""The shaped line costs at least its physical time; losses delay, never damage, bytes."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from functools import partial

import pytest
import requests

from tests.helpers.netfault import FaultyProxy, Rule, Shape
from tests.helpers.netfault.shaping import HEADER_BYTES, SEGMENT_BYTES, Line, Link
from tests.netfault.conftest import TIMEOUT
from tests.netfault.upstream import RecordingServer, payload

SIZE = 32 * 1024
RATE = 256_000
PAYLOAD_SECONDS = SIZE * 8 / RATE  # 1.024 s for the body alone, headers and overheads aside
GENEROUS_SECONDS = 30.0


def timed(call: Callable[[], object]) -> float:
    started = time.monotonic()
    call()
    return time.monotonic() - started


def test_a_download_takes_at_least_its_time_on_the_line(upstream: RecordingServer) -> None:
    shape = Shape(rate_down=RATE)
    with FaultyProxy(f"127.0.0.1:{upstream.port}", shape=shape) as proxy:
        assert proxy.shape() == shape  # set from the command line
        answers: list[bytes] = []
        seconds = timed(lambda: answers.append(_get(proxy.url + f"/bytes/{SIZE}")))
    assert answers == [payload(SIZE)]
    assert PAYLOAD_SECONDS <= seconds < GENEROUS_SECONDS


def test_an_upload_takes_at_least_its_time_on_the_line(
    proxy: FaultyProxy, upstream: RecordingServer, session: requests.Session
) -> None:
    proxy.shape(Shape(rate_up=RATE))
    body = payload(SIZE)
    seconds = timed(lambda: session.post(proxy.url + "/up", data=body, timeout=TIMEOUT))
    assert PAYLOAD_SECONDS <= seconds < GENEROUS_SECONDS
    assert [hit.body for hit in upstream.hits("/up")] == [body]


def test_latency_costs_a_round_trip_per_request_and_one_more_per_connection(
    proxy: FaultyProxy, session: requests.Session
) -> None:
    proxy.shape(Shape(latency=0.2))
    proxy.add(Rule("respond", path="/made-up", status=503))
    first = timed(lambda: session.get(proxy.url + "/first", timeout=TIMEOUT))
    warm = [
        timed(partial(session.get, proxy.url + path, timeout=TIMEOUT))
        for path in ("/warm", "/made-up")  # the proxy answers where the server would
    ]
    assert 0.8 <= first < GENEROUS_SECONDS  # handshake + request and answer
    assert all(0.4 <= seconds < GENEROUS_SECONDS for seconds in warm)
    assert proxy.stats().connections == 1


def test_losses_delay_the_bytes_but_deliver_them_intact(
    proxy: FaultyProxy, session: requests.Session
) -> None:
    proxy.shape(Shape(loss=0.5))  # 23 segments: some are "retransmitted" 200 ms late
    answers: list[bytes] = []
    seconds = timed(lambda: answers.append(_get(proxy.url + f"/bytes/{SIZE}", session)))
    assert answers == [payload(SIZE)]
    assert seconds >= Shape(loss=0.5).retransmission_timeout


def _get(url: str, session: requests.Session | None = None) -> bytes:
    answer = (session or requests).get(url, timeout=TIMEOUT)
    answer.raise_for_status()
    return answer.content


def test_a_segment_costs_its_bits_at_the_rate_plus_the_latency() -> None:
    link = Link(Shape(rate_up=8_000, latency=0.15), "up", random.Random(0))
    sent, arrival = link.schedule(SEGMENT_BYTES, now=10.0)
    assert sent == pytest.approx(10.0 + (SEGMENT_BYTES + HEADER_BYTES) * 8 / 8_000)
    assert arrival == pytest.approx(sent + 0.15)
    queued_sent, _arrival = link.schedule(100, now=10.0)  # the line was busy: it waits
    assert queued_sent == pytest.approx(sent + (100 + HEADER_BYTES) * 8 / 8_000)


def test_a_lost_segment_arrives_one_retransmission_timeout_late() -> None:
    shape = Shape(latency=0.15, loss=0.3)
    assert shape.retransmission_timeout == pytest.approx(max(0.2, 0.3) + 0.3)
    link = Link(shape, "down", random.Random(7))
    schedule = [link.schedule(SEGMENT_BYTES, now=0.0) for _ in range(2000)]
    delays = {round(arrival - sent, 6) for sent, arrival in schedule}
    assert delays == {0.15, round(0.15 + 0.6, 6)}
    late = sum(arrival - sent > 0.2 for sent, arrival in schedule)
    assert 0.25 < late / len(schedule) < 0.35


def test_the_same_seed_loses_the_same_segments() -> None:
    def losses(seed: int) -> list[bool]:
        line = Line(Shape(loss=0.1), seed)
        return [line.up.schedule(10, 0.0)[1] > 0 for _ in range(500)]

    assert losses(1) == losses(1)
    assert losses(1) != losses(2)


@pytest.mark.parametrize(
    "bad",
    [
        {"rate_up": 0},
        {"rate_down": -5},
        {"rate_up": True},
        {"latency": -0.1},
        {"latency": "fast"},
        {"loss": 1.0},
        {"loss": -0.01},
    ],
)
def test_a_nonsense_shape_is_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        Shape.from_json(bad)
