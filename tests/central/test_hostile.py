"""Hostile requests get problem+json and change nothing at the centre."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select

from central.models import Application, HealthReport, Kiosk
from tests.central.applications import as_json, form_content, sealed_item
from tests.central.contract import assert_problem
from tests.central.live import KioskCredentials, LiveCentre

BATCH = "/v1/applications/batch"
MIB = 1024 * 1024


def counts(live: LiveCentre) -> tuple[int, ...]:
    centre = live.centre()
    try:
        with centre.sessions() as session:
            return tuple(
                int(session.scalar(select(func.count()).select_from(table)) or 0)
                for table in (Application, Kiosk, HealthReport)
            )
    finally:
        centre.close()


@pytest.fixture
def unchanged(live: LiveCentre) -> Iterator[None]:
    before = counts(live)
    yield
    assert counts(live) == before


def valid_item(kiosk: KioskCredentials) -> dict[str, Any]:
    return as_json(sealed_item(form_content(), kiosk.sealing_key))


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"{not json", "application/json"),
        (b"\xff\xfe\x00garbage", "application/json"),
        (b'{"items": "all of them"}', "application/json"),
        (b'{"items": []}', "application/json"),
        (b"[" * 100_000 + b"]" * 100_000, "application/json"),  # deeper than any parser's stack
        (b'{"items": [{"id": "x"}]}', "text/plain"),
    ],
)
def test_malformed_bodies_are_invalid_requests(
    live: LiveCentre,
    kiosk_credentials: KioskCredentials,
    unchanged: None,
    body: bytes,
    content_type: str,
) -> None:
    answer = live.post(
        BATCH, kiosk_credentials.token, data=body, headers={"Content-Type": content_type}
    )
    assert_problem(answer, 422, "invalid-request")


def test_a_well_formed_item_with_the_wrong_content_type_is_refused(
    live: LiveCentre, kiosk_credentials: KioskCredentials, unchanged: None
) -> None:
    import json

    body = json.dumps({"items": [valid_item(kiosk_credentials)]})
    answer = live.post(
        BATCH, kiosk_credentials.token, data=body, headers={"Content-Type": "text/plain"}
    )
    assert_problem(answer, 422, "invalid-request")


@pytest.mark.parametrize(
    "change",
    [
        {"service_version": 10**30},
        {"service_version": 0},
        {"created_at": "2026-12-05T03:12:09"},  # no zone
        {"tracking_code": "K" * 33},
        {"id": "not-a-uuid"},
        {"envelope": 12},
    ],
)
def test_items_of_the_wrong_shape_are_invalid_requests(
    live: LiveCentre, kiosk_credentials: KioskCredentials, unchanged: None, change: dict[str, Any]
) -> None:
    item = {**valid_item(kiosk_credentials), **change}
    answer = live.post(BATCH, kiosk_credentials.token, json={"items": [item]})
    assert_problem(answer, 422, "invalid-request")
    assert "3171011708450001" not in answer.text


def test_more_than_100_items_are_refused(
    live: LiveCentre, kiosk_credentials: KioskCredentials, unchanged: None
) -> None:
    item = valid_item(kiosk_credentials)
    answer = live.post(BATCH, kiosk_credentials.token, json={"items": [item] * 101})
    assert_problem(answer, 422, "invalid-request")


def test_a_10_mib_body_is_too_large_declared_or_streamed(
    live: LiveCentre, kiosk_credentials: KioskCredentials, unchanged: None
) -> None:
    body = b'{"items": [' + b" " * (10 * MIB) + b"]}"
    declared = live.post(
        BATCH, kiosk_credentials.token, data=body, headers={"Content-Type": "application/json"}
    )
    assert_problem(declared, 413, "too-large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: chunked transfer
        for start in range(0, len(body), MIB):
            yield body[start : start + MIB]

    streamed = live.post(
        BATCH, kiosk_credentials.token, data=chunks(), headers={"Content-Type": "application/json"}
    )
    assert_problem(streamed, 413, "too-large")


def test_an_envelope_under_another_label_or_a_bomb_is_rejected_per_item(
    live: LiveCentre, kiosk_credentials: KioskCredentials, unchanged: None
) -> None:
    import zlib

    from kiosk.sync.sealing import _SUITE, ENVELOPE_VERSION, Label

    item = sealed_item(form_content(), kiosk_credentials.sealing_key)
    moved = dataclasses.replace(item, tracking_code="ZZZZ-ZZZZ")
    bomb = zlib.compress(b" " * (64 * MIB), 9)
    label = Label(str(item.id), item.tracking_code, item.service_id, item.service_version)
    sealed_bomb = bytes([ENVELOPE_VERSION]) + _SUITE.encrypt(
        bomb, kiosk_credentials.sealing_key, info=label.info()
    )
    bombed = dataclasses.replace(item, envelope=sealed_bomb)
    not_base64 = {**as_json(item), "envelope": "!!!not base64!!!"}
    answer = live.post(
        BATCH,
        kiosk_credentials.token,
        json={"items": [as_json(moved), as_json(bombed), not_base64]},
    )
    assert answer.status_code == 200
    assert [(r["outcome"], r["reason_code"]) for r in answer.json()["results"]] == [
        ("rejected", "envelope-broken")
    ] * 3


def test_bad_query_and_unknown_routes_are_problems(
    live: LiveCentre, kiosk_credentials: KioskCredentials, unchanged: None
) -> None:
    token = kiosk_credentials.token
    for params in ({"after": -1}, {"limit": 501}, {"limit": 0}, {"after": "x"}):
        assert_problem(live.get("/v1/status-changes", token, params=params), 422, "invalid-request")
    assert_problem(live.get("/v1/nothing-here", token), 404, "not-found")
    assert_problem(live.get("/", token), 404, "not-found")
    method = live.session.delete(live.url + BATCH, timeout=10)
    assert_problem(method, 405, "method-not-allowed")
    health = {
        "at": "2026-12-05T20:50:36Z",
        "software_version": "0.1.0",
        "printer": "ready",
        "paper": "soggy",
        "queue_length": -1,
        "pending": 0,
    }
    assert_problem(live.post("/v1/health", token, json=health), 422, "invalid-request")


def test_a_query_parameter_no_route_declares_is_refused(
    live: LiveCentre, kiosk_credentials: KioskCredentials
) -> None:
    token = kiosk_credentials.token
    answer = live.get("/v1/status-changes", token, params={"after": 0, "afer": 5})
    assert_problem(answer, 422, "invalid-request")
    assert "query.afer" in answer.json()["detail"]
    assert_problem(live.get("/v1/catalogue", token, params={"x": "1"}), 422, "invalid-request")
    assert live.get("/v1/status-changes", token, params={"after": 0, "limit": 5}).status_code == 200
