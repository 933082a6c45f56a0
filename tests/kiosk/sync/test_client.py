"""The centre's client against real servers that answer badly: clear errors, nothing trusted.

The server here is a real HTTP(S) server on loopback sending exactly the bytes a broken
centre, a hotspot's login page or a hostile box would (tests/helpers/canned_http.py);
the contract's good answers are tested against the real centre in tests/central.
"""

from __future__ import annotations

import base64
import gzip
import json
import socket
from pathlib import Path

import pytest

from kiosk.sync.client import MAX_ANSWER_BYTES, CentralClient, checked_url
from kiosk.sync.errors import (
    CentralAnswerInvalid,
    CentralBusy,
    CentralFault,
    CentralUnreachable,
    EnrolmentRefused,
    InsecureAddress,
    KioskRevoked,
    NotAuthenticated,
)
from kiosk.sync.sealing import Label
from kiosk.sync.wire import UploadItem
from tests.helpers.canned_http import CannedServer, tls_files

TIMEOUTS = (5.0, 5.0)
TOKEN = "k9Vx2bQmT7sLr4pZ8wYc1nHf6jD3aGe0uKiOlPqRsTu"
KEY = base64.b64encode(bytes(range(32))).decode()


def client_of(server: CannedServer, token: str | None = TOKEN, **options: object) -> CentralClient:
    return CentralClient(server.url, token, timeouts=TIMEOUTS, **options)  # type: ignore[arg-type]


def problem(slug: str, status: int) -> dict[str, object]:
    return {"type": f"https://anjungan.id/problems/{slug}", "title": slug, "status": status}


@pytest.mark.parametrize(
    "url",
    [
        "https://pusat.example.id",
        "https://pusat.example.id/api/",
        "http://127.0.0.1:8470",
        "http://localhost:1",
        "http://[::1]:8470",
    ],
)
def test_https_anywhere_and_http_only_to_this_machine(url: str) -> None:
    assert checked_url(url) == url.rstrip("/")


@pytest.mark.parametrize(
    "url",
    [
        "http://pusat.example.id",
        "http://10.0.0.5:8470",
        "ftp://pusat.example.id",
        "",
        "pusat.example.id",
        "https://",
    ],
)
def test_an_address_that_would_send_citizen_data_in_the_clear_is_refused(url: str) -> None:
    with pytest.raises(InsecureAddress):
        checked_url(url)


def test_the_credential_is_sent_as_a_bearer_token_and_never_shown() -> None:
    with CannedServer() as server:
        server.answer(body={"now": "2026-12-05T20:50:36Z"})
        client = client_of(server)
        assert client.time().year == 2026
        assert server.received[0].headers["Authorization"] == f"Bearer {TOKEN}"
        assert TOKEN not in repr(client)


def test_an_enrolment_keeps_its_token_out_of_its_repr() -> None:
    with CannedServer() as server:
        server.answer(
            201,
            {"kiosk_id": "k-1", "token": TOKEN, "sealing_key": KEY, "signing_key": KEY},
        )
        enrolment = client_of(server, None).enrol("QX7M-K2PD", "Anjungan 1", "0.1.0")
        assert "Authorization" not in server.received[0].headers
    assert enrolment.token == TOKEN and enrolment.sealing_key == bytes(range(32))
    assert TOKEN not in repr(enrolment)


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        (401, problem("unauthenticated", 401), NotAuthenticated),
        (403, problem("kiosk-revoked", 403), KioskRevoked),
        (403, problem("enrolment-code-invalid", 403), EnrolmentRefused),
        (500, problem("internal", 500), CentralFault),
        (502, "<html>Bad gateway</html>", CentralFault),
        (404, problem("not-found", 404), CentralAnswerInvalid),
        (302, "", CentralAnswerInvalid),
    ],
)
def test_each_refusal_is_its_own_error(status: int, body: object, error: type[Exception]) -> None:
    with CannedServer() as server:
        kind = "application/problem+json" if isinstance(body, dict) else "text/html"
        server.answer(status, body, kind, headers={"Location": "https://elsewhere.example/"})  # type: ignore[arg-type]
        with pytest.raises(error):
            client_of(server).time()
        assert len(server.received) == 1  # no redirect followed


@pytest.mark.parametrize("status", [429, 503])
def test_busy_carries_the_retry_after(status: int) -> None:
    with CannedServer() as server:
        server.answer(
            status,
            problem("busy", status),
            "application/problem+json",
            headers={"Retry-After": "7"},
        )
        with pytest.raises(CentralBusy) as busy:
            client_of(server).time()
    assert busy.value.retry_after == 7.0


def test_a_retry_after_of_days_is_capped() -> None:
    with CannedServer() as server:
        server.answer(503, "", headers={"Retry-After": "999999"})
        with pytest.raises(CentralBusy) as busy:
            client_of(server).time()
    assert busy.value.retry_after == 3600.0


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("<html><form>Login hotspot</form></html>", "text/html"),
        ('{"now": "2026-12-05T20:50:36Z"}', "text/plain"),
        ("{not json", "application/json"),
        ("\xff\xfe", "application/json"),
        ('["now"]', "application/json"),
        ('{"now": 1733430636}', "application/json"),
        ('{"now": "yesterday"}', "application/json"),
        ('{"now": "2026-12-05T20:50:36"}', "application/json"),
    ],
)
def test_an_answer_that_is_not_the_contracts_is_refused(body: str, content_type: str) -> None:
    with CannedServer() as server:
        server.answer(200, body, content_type)
        with pytest.raises(CentralAnswerInvalid):
            client_of(server).time()


def test_a_huge_answer_is_not_read_to_the_end() -> None:
    with CannedServer() as server:
        server.answer(200, b'{"now": "' + b"9" * (MAX_ANSWER_BYTES * 4) + b'"}')
        with pytest.raises(CentralAnswerInvalid, match="larger"):
            client_of(server).time()


def test_a_gzip_bomb_of_an_answer_stops_at_the_cap() -> None:
    bomb = gzip.compress(b'{"now": "' + b"9" * (64 * 1024 * 1024))
    with CannedServer() as server:
        server.answer(200, bomb, headers={"Content-Encoding": "gzip"})
        with pytest.raises(CentralAnswerInvalid, match="larger"):
            client_of(server).time()


def upload_item(number: int, envelope: bytes = b"\x01sealed") -> UploadItem:
    from datetime import UTC, datetime

    label = Label(f"00000000-0000-4000-8000-{number:012d}", "K7QM-2XHD", "sk", 1)
    return UploadItem(label, datetime(2026, 12, 5, tzinfo=UTC), envelope)


def test_a_batch_goes_gzipped_and_a_small_body_plain() -> None:
    items = [upload_item(number, bytes(200)) for number in range(1, 21)]
    results = [{"id": item.label.application_id, "outcome": "accepted"} for item in items]
    with CannedServer() as server:
        server.answer(200, {"results": results})
        client_of(server).upload(items)
        server.answer(200, {})
        client_of(server).report_health({"pending": 0})
    batch, health = server.received[-2:]
    assert batch.headers["Content-Encoding"] == "gzip"
    sent = json.loads(gzip.decompress(batch.body))
    assert [row["id"] for row in sent["items"]] == [item.label.application_id for item in items]
    assert len(batch.body) < len(json.dumps(sent)) / 2
    assert "Content-Encoding" not in health.headers
    assert json.loads(health.body) == {"pending": 0}


@pytest.mark.parametrize(
    "results",
    [
        [],
        [
            {
                "id": "00000000-0000-4000-8000-000000000009",
                "outcome": "accepted",
                "status": "received",
            }
        ],
        [{"id": "00000000-0000-4000-8000-000000000001", "outcome": "maybe"}],
        [{"id": "00000000-0000-4000-8000-000000000001", "outcome": "accepted", "status": "lost"}],
        [{"outcome": "accepted"}],
    ],
)
def test_batch_answers_for_other_items_are_refused(results: list[object]) -> None:
    with CannedServer() as server:
        server.answer(200, {"results": results})
        with pytest.raises(CentralAnswerInvalid):
            client_of(server).upload([upload_item(1)])


def page_of(cursor: object = 9, more: object = False, **change: object) -> dict[str, object]:
    row = {"seq": 9, "id": "a", "tracking_code": "K", "status": "ready", "message": None}
    row |= {"at": "2026-12-05T00:00:00Z"} | change
    return {"changes": [row], "cursor": cursor, "more": more}


@pytest.mark.parametrize(
    "page",
    [
        page_of(cursor=2, seq=3),  # the cursor behind its own changes
        page_of(cursor=1, seq=1),  # a change at or before the cursor asked for
        page_of(status="shipped"),
        page_of(message={"id": 5}),
        page_of(at="tomorrow"),
        {"changes": [], "cursor": True, "more": False},
        {"changes": [], "cursor": 4},
    ],
)
def test_status_pages_out_of_order_or_out_of_contract_are_refused(page: dict[str, object]) -> None:
    with CannedServer() as server:
        server.answer(200, page)
        with pytest.raises(CentralAnswerInvalid):
            client_of(server).status_changes(after=2)


def test_a_dead_port_and_a_silent_server_are_unreachable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    dead = CentralClient(f"http://127.0.0.1:{port}", TOKEN, timeouts=TIMEOUTS)
    with pytest.raises(CentralUnreachable):
        dead.time()
    with CannedServer() as server:
        server.answer(200, {"now": "2026-12-05T20:50:36Z"}, delay=3.0)
        slow = CentralClient(server.url, TOKEN, timeouts=(2.0, 0.5))
        with pytest.raises(CentralUnreachable):
            slow.time()


def test_proxy_settings_of_the_environment_are_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    with CannedServer() as server:
        server.answer(body={"now": "2026-12-05T20:50:36Z"})
        assert client_of(server).time().day == 5


def test_tls_is_verified_against_the_districts_own_ca(tmp_path: Path) -> None:
    cert, key = tls_files(tmp_path)
    with CannedServer(tls=(cert, key)) as server:
        server.answer(body={"now": "2026-12-05T20:50:36Z"})
        with pytest.raises(CentralUnreachable, match="TLS"):
            client_of(server).time()  # the system's CAs do not know this certificate
        assert client_of(server, ca_bundle=str(cert)).time().day == 5
