"""Each fault, through the real proxy process, against a real recording server."""

from __future__ import annotations

import time

import pytest
import requests

from tests.helpers.netfault import FaultyProxy, ProxyError, Rule
from tests.netfault.conftest import TIMEOUT
from tests.netfault.upstream import RecordingServer, payload

BATCH = "/v1/applications/batch"


def post(session: requests.Session, proxy: FaultyProxy, body: bytes) -> requests.Response:
    return session.post(proxy.url + BATCH, data=body, timeout=TIMEOUT)


@pytest.mark.parametrize(
    ("action", "committed"),
    [("drop_before", []), ("drop_after", [b"first"])],
    ids=["the server never sees it", "the answer is lost after the server has it"],
)
def test_drops_close_the_connection(
    proxy: FaultyProxy,
    upstream: RecordingServer,
    session: requests.Session,
    action: str,
    committed: list[bytes],
) -> None:
    proxy.add(Rule(action, method="POST", path=BATCH))  # type: ignore[arg-type]
    with pytest.raises(requests.ConnectionError):
        post(session, proxy, b"first")
    assert [hit.body for hit in upstream.hits(BATCH)] == committed
    assert post(session, proxy, b"second").json()["count"] == len(committed) + 1
    assert [hit.body for hit in upstream.hits(BATCH)] == [*committed, b"second"]


def test_respond_answers_a_status_with_retry_after_and_keeps_the_connection(
    proxy: FaultyProxy, upstream: RecordingServer, session: requests.Session
) -> None:
    problem = '{"type": "https://anjungan.id/problems/busy", "status": 503}'
    proxy.add(
        Rule(
            "respond",
            path=BATCH,
            status=503,
            headers={"Retry-After": "2"},
            body=problem,
            content_type="application/problem+json",
        )
    )
    answer = post(session, proxy, b"x")
    assert (answer.status_code, answer.headers["Retry-After"]) == (503, "2")
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert answer.text == problem
    assert upstream.hits(BATCH) == []
    assert post(session, proxy, b"y").status_code == 200
    assert proxy.stats().connections == 1  # the same keep-alive connection served both


def test_respond_serves_garbage_with_a_wrong_content_type(
    proxy: FaultyProxy, session: requests.Session
) -> None:
    proxy.add(Rule("respond", status=200, body="<html>{not json", content_type="text/html"))
    answer = post(session, proxy, b"x")
    assert answer.headers["Content-Type"] == "text/html"
    with pytest.raises(requests.JSONDecodeError):
        answer.json()


def test_respond_streams_a_huge_body_made_on_the_fly(
    proxy: FaultyProxy, session: requests.Session
) -> None:
    size = 8 * 1024 * 1024 + 3
    proxy.add(Rule("respond", status=200, body='{"results": [', huge=size))
    with session.get(proxy.url + "/v1/status", timeout=TIMEOUT, stream=True) as answer:
        assert int(answer.headers["Content-Length"]) == size
        received = sum(len(piece) for piece in answer.iter_content(256 * 1024))
    assert received == size
    proxy.add(Rule("respond", status=200, body="ab", huge=5, times=2))
    assert session.get(proxy.url + "/v1/status", timeout=TIMEOUT).content == b"ababa"
    head = session.head(proxy.url + "/v1/status", timeout=TIMEOUT)
    assert (head.headers["Content-Length"], head.content) == ("5", b"")
    assert session.get(proxy.url + "/v1/status", timeout=TIMEOUT).status_code == 200


def test_a_huge_answer_to_a_client_that_stops_reading_does_not_pile_up_in_the_proxy(
    proxy: FaultyProxy, session: requests.Session
) -> None:
    mib = 1024 * 1024
    proxy.add(Rule("respond", status=200, huge=256 * mib))
    with session.get(proxy.url + "/v1/status", timeout=TIMEOUT, stream=True) as answer:
        assert len(answer.raw.read(mib)) == mib
        time.sleep(1.0)  # the client reads no more; the proxy must wait, not buffer
        assert proxy.pid is not None
        assert _peak_memory_bytes(proxy.pid) < 128 * mib


def _peak_memory_bytes(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        peak = next(line for line in status if line.startswith("VmHWM:"))
    return int(peak.split()[1]) * 1024


def test_delay_makes_the_client_time_out_while_the_server_still_gets_it_late(
    proxy: FaultyProxy, upstream: RecordingServer, session: requests.Session
) -> None:
    proxy.add(Rule("delay", path=BATCH, seconds=1.5))
    with pytest.raises(requests.Timeout):
        session.post(proxy.url + BATCH, data=b"late", timeout=(5, 0.3))
    assert [hit.body for hit in upstream.wait_for(BATCH, 1)] == [b"late"]


def test_delay_within_the_client_timeout_only_slows_the_answer(
    proxy: FaultyProxy, session: requests.Session
) -> None:
    proxy.add(Rule("delay", path=BATCH, seconds=0.5))
    started = time.monotonic()
    assert post(session, proxy, b"slow").status_code == 200
    assert time.monotonic() - started >= 0.5


def test_stall_never_answers_and_never_forwards(
    proxy: FaultyProxy, upstream: RecordingServer, session: requests.Session
) -> None:
    proxy.add(Rule("stall", path=BATCH))
    with pytest.raises(requests.Timeout):
        session.post(proxy.url + BATCH, data=b"void", timeout=(5, 0.5))
    assert upstream.hits(BATCH) == []
    assert proxy.stats().faults == {"stall": 1}


@pytest.mark.parametrize(("answer", "count"), [("first", 1), ("second", 2)])
def test_duplicate_reaches_the_server_twice_and_answers_once(
    proxy: FaultyProxy,
    upstream: RecordingServer,
    session: requests.Session,
    answer: str,
    count: int,
) -> None:
    proxy.add(Rule("duplicate", path=BATCH, answer=answer))  # type: ignore[arg-type]
    assert post(session, proxy, b"twice").json() == {"count": count, "size": 5}
    assert [hit.body for hit in upstream.hits(BATCH)] == [b"twice", b"twice"]
    assert proxy.stats().requests_forwarded == 2
    assert post(session, proxy, b"once").json()["count"] == 3  # the connection still works


def test_truncate_inside_the_head_is_a_connection_error(
    proxy: FaultyProxy, upstream: RecordingServer, session: requests.Session
) -> None:
    proxy.add(Rule("truncate", path=BATCH, keep=10))
    with pytest.raises(requests.ConnectionError):
        post(session, proxy, b"cut")
    assert len(upstream.hits(BATCH)) == 1
    assert proxy.stats().bytes_out == 10


def test_truncate_inside_the_body_breaks_the_download(
    proxy: FaultyProxy, session: requests.Session
) -> None:
    proxy.add(Rule("truncate", path="/bytes/", keep=2000))
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        session.get(proxy.url + "/bytes/100000", timeout=TIMEOUT)
    assert proxy.stats().bytes_out == 2000
    assert session.get(proxy.url + "/bytes/100").content == payload(100)


def test_rules_match_method_and_path_prefix_only(
    proxy: FaultyProxy, upstream: RecordingServer, session: requests.Session
) -> None:
    proxy.add(Rule("respond", method="POST", path="/v1/applications", status=500))
    assert session.get(proxy.url + BATCH, timeout=TIMEOUT).status_code == 200
    assert session.post(proxy.url + "/v1/time", timeout=TIMEOUT).status_code == 200
    assert session.post(proxy.url + "/v2/applications", timeout=TIMEOUT).status_code == 200
    assert post(session, proxy, b"x").status_code == 500
    assert post(session, proxy, b"x").status_code == 200  # times=1: used up
    assert len(upstream.received) == 4


def test_times_skip_and_always(proxy: FaultyProxy, session: requests.Session) -> None:
    proxy.add(Rule("respond", path=BATCH, status=429, times=2, skip=1))
    statuses = [post(session, proxy, b"x").status_code for _ in range(4)]
    assert statuses == [200, 429, 429, 200]
    proxy.add(Rule("respond", path=BATCH, status=503, times="always"))
    assert {post(session, proxy, b"x").status_code for _ in range(5)} == {503}
    remaining = [rule["remaining"] for rule in proxy.rules()]
    assert remaining == [0, "always"]


def test_rules_apply_in_order_and_clear_removes_them(
    proxy: FaultyProxy, session: requests.Session
) -> None:
    proxy.add(Rule("respond", path="/v1/", status=502))
    proxy.add(Rule("respond", path=BATCH, status=504))
    assert [post(session, proxy, b"x").status_code for _ in range(3)] == [502, 504, 200]
    proxy.add(Rule("respond", path="/", status=500, times="always"))
    proxy.clear()
    assert post(session, proxy, b"x").status_code == 200
    actions = [entry["action"] for entry in proxy.log()]
    assert actions == ["respond", "respond", "forward", "forward"]


def test_keep_alive_survives_made_up_answers_and_reconnects_after_drops(
    proxy: FaultyProxy, upstream: RecordingServer, session: requests.Session
) -> None:
    proxy.add(Rule("respond", path="/a", status=500))
    proxy.add(Rule("drop_before", path="/b"))
    for path in ("/x", "/a", "/y"):
        session.get(proxy.url + path, timeout=TIMEOUT)
    with pytest.raises(requests.ConnectionError):
        session.get(proxy.url + "/b", timeout=TIMEOUT)
    assert session.get(proxy.url + "/z", timeout=TIMEOUT).status_code == 200
    connections = [hit.connection for hit in upstream.received]
    assert connections[0] == connections[1] != connections[2]  # /x, /y; then /z anew
    assert proxy.stats().connections == 2


def test_the_control_channel_refuses_garbage_and_keeps_working(proxy: FaultyProxy) -> None:
    with pytest.raises(ProxyError, match="op is one of"):
        proxy.call("explode")
    with pytest.raises(ProxyError, match="unknown action"):
        proxy.call("add", rule={"action": "explode"})
    with pytest.raises(ProxyError, match="a rule is a JSON object"):
        proxy.call("add", rule=["drop_before"])
    with pytest.raises(ProxyError, match="headers"):
        proxy.call("add", rule={"action": "respond", "headers": {"X": "a\r\nSet-Cookie: y"}})
    with pytest.raises(ProxyError, match="shape"):
        proxy.call("shape", shape={"bandwidth": 1})
    assert proxy.rules() == []
