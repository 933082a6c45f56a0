"""The kiosk's side of the contract: every request the real client makes is one that
central/openapi.yaml declares (route, method, query, auth, body schema), and it reads
answers shaped as the document says.

A consumer-side contract test: the server is a recording HTTP server on loopback
(tests/helpers/canned_http.py) whose answers are themselves first checked against
the document, so a drift on either side fails here or in tests/central/test_contract.py.
"""

from __future__ import annotations

import base64
import gzip
import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from kiosk.sync.client import CentralClient
from kiosk.sync.health import HealthFacts, health_report
from kiosk.sync.sealing import Label
from kiosk.sync.wire import UploadItem
from tests.central.contract import document, validator
from tests.helpers.canned_http import CannedServer, Received

TOKEN = "k9Vx2bQmT7sLr4pZ8wYc1nHf6jD3aGe0uKiOlPqRsTu"
KEY = base64.b64encode(bytes(range(32))).decode()
AT = "2026-12-06T01:00:00Z"
IDS = [f"5b0c1f0e-8d3a-4c57-9a51-{number:012d}" for number in range(1, 41)]


def items() -> list[UploadItem]:
    made = datetime(2026, 12, 6, tzinfo=UTC)
    return [UploadItem(Label(i, "K7QM-2XHD", "sk", 1), made, bytes(200)) for i in IDS]


# Each call of the client, with the answer a conforming centre gives to it.
CALLS: dict[str, tuple[Callable[[CentralClient], Any], int, Any]] = {
    "time": (lambda client: client.time(), 200, {"now": AT}),
    "enrol": (
        lambda client: client.enrol("QX7M-K2PD-9HRT", "Kantor Desa Sukamaju", "0.1.0"),
        201,
        {
            "kiosk_id": IDS[0],
            "token": TOKEN,
            "sealing_key": KEY,
            "signing_key": KEY,
            "suite": "DHKEM(X25519,HKDF-SHA256)/HKDF-SHA256/ChaCha20Poly1305",
        },
    ),
    "upload": (
        lambda client: client.upload(items()),
        200,
        {
            "results": [
                {"id": i, "outcome": "accepted", "status": "received", "reason": None}
                | {"reason_code": None}
                for i in IDS
            ]
        },
    ),
    "status_changes": (
        lambda client: client.status_changes(7),
        200,
        {
            "changes": [
                {
                    "seq": 8,
                    "id": IDS[0],
                    "tracking_code": "K7QM-2XHD",
                    "status": "ready",
                    "message": {"id": "Silakan ambil surat Anda."},
                    "at": AT,
                }
            ],
            "cursor": 8,
            "more": False,
        },
    ),
    "catalogue": (
        lambda client: client.catalogue('"2026-12-06.1"'),
        200,
        {
            "payload": base64.b64encode(b"{}").decode(),
            "signature": base64.b64encode(bytes(64)).decode(),
        },
    ),
    "report_health": (
        lambda client: client.report_health(
            health_report(HealthFacts("paper_out", "out", 4), 3, datetime.now(UTC), "0.1.0")
        ),
        204,
        None,
    ),
}


def operation_of(request: Received) -> tuple[str, dict[str, Any]]:
    """The document's path template and operation for `request`, or an assertion."""
    path = urlsplit(request.path).path
    for template, operations in document()["paths"].items():
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        if re.match(pattern, path) and request.method.lower() in operations:
            return template, operations[request.method.lower()]
    raise AssertionError(f"{request.method} {path} is not in the contract")


def assert_declared(request: Received) -> None:
    template, operation = operation_of(request)
    declared = {p["name"]: p for p in operation.get("parameters", []) if p["in"] == "query"}
    for name, value in parse_qsl(urlsplit(request.path).query):
        assert name in declared, f"{template} has no query parameter {name}"
        validator(declared[name]["schema"]).validate(int(value) if value.isdigit() else value)
    headers = {name.lower(): value for name, value in request.headers.items()}
    if operation.get("security"):
        assert headers.get("authorization", "").startswith("Bearer ")
    else:
        assert "authorization" not in headers, f"{template} needs no credential: none is sent"
    body = operation.get("requestBody")
    if body is None:
        assert not request.body, f"{template} takes no body"
        return
    assert headers["content-type"] == "application/json"
    raw = gzip.decompress(request.body) if headers.get("content-encoding") else request.body
    validator(body["content"]["application/json"]["schema"]).validate(json.loads(raw))


def assert_answer_conforms(template: str, method: str, status: int, answer: Any) -> None:
    responses = document()["paths"][template][method]["responses"]
    assert str(status) in responses
    if answer is not None:
        schema = responses[str(status)]["content"]["application/json"]["schema"]
        validator(schema).validate(answer)


@pytest.mark.parametrize("name", list(CALLS))
def test_every_request_of_the_client_is_one_the_contract_declares(name: str) -> None:
    call, status, answer = CALLS[name]
    token = None if name in ("time", "enrol") else TOKEN
    with CannedServer() as server:
        server.answer(status, answer if answer is not None else b"")
        call(CentralClient(server.url, token, timeouts=(5.0, 5.0)))
    (request,) = server.received
    assert_declared(request)
    template, _operation = operation_of(request)
    assert_answer_conforms(template, request.method.lower(), status, answer)


def test_the_client_covers_every_route_of_the_contract() -> None:
    routes = {(m.upper(), p) for p, ops in document()["paths"].items() for m in ops}
    made: set[tuple[str, str]] = set()
    for name, (call, status, answer) in CALLS.items():
        with CannedServer() as server:
            server.answer(status, answer if answer is not None else b"")
            call(CentralClient(server.url, TOKEN if name != "time" else None, timeouts=(5, 5)))
        made.update((r.method, operation_of(r)[0]) for r in server.received)
    assert made == routes
