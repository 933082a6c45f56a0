"""gzip on the wire: compressed batches are read like plain ones, bombs and garbage are not."""

from __future__ import annotations

import gzip
import json
from typing import Any

import pytest

from tests.central.applications import as_json, form_content, sealed_item
from tests.central.contract import assert_problem
from tests.central.live import KioskCredentials, LiveCentre
from tests.central.test_hostile import BATCH, MIB, unchanged  # noqa: F401 (a fixture)


def gzipped(document: Any) -> bytes:
    return gzip.compress(json.dumps(document).encode())


def post_gzip(live: LiveCentre, token: str, body: bytes, coding: str = "gzip") -> Any:
    headers = {"Content-Type": "application/json", "Content-Encoding": coding}
    return live.post(BATCH, token, data=body, headers=headers)


def test_a_gzipped_batch_is_received_like_a_plain_one(
    live: LiveCentre, kiosk_credentials: KioskCredentials
) -> None:
    items = [as_json(sealed_item(form_content(), kiosk_credentials.sealing_key)) for _ in range(3)]
    answer = post_gzip(live, kiosk_credentials.token, gzipped({"items": items}))
    assert answer.status_code == 200, answer.text
    assert [row["outcome"] for row in answer.json()["results"]] == ["accepted"] * 3
    again = live.post(BATCH, kiosk_credentials.token, json={"items": items})
    assert [row["outcome"] for row in again.json()["results"]] == ["duplicate"] * 3


def test_a_gzip_bomb_stops_at_the_body_limit(
    live: LiveCentre,
    kiosk_credentials: KioskCredentials,
    unchanged: None,  # noqa: F811
) -> None:
    bomb = gzip.compress(b'{"items": [' + b" " * (64 * MIB))
    assert len(bomb) < MIB // 4  # small on the wire, 64 MiB once inflated
    assert_problem(post_gzip(live, kiosk_credentials.token, bomb), 413, "too-large")


@pytest.mark.parametrize(
    "body",
    [
        b"not gzip at all",
        gzipped({"items": []})[:-6],  # cut short
        gzipped({"items": []}) + b"trailing",  # something after the member
    ],
)
def test_a_body_that_is_not_valid_gzip_is_refused(
    live: LiveCentre,
    kiosk_credentials: KioskCredentials,
    unchanged: None,  # noqa: F811
    body: bytes,
) -> None:
    assert_problem(post_gzip(live, kiosk_credentials.token, body), 422, "invalid-request")


def test_another_content_coding_is_unsupported(
    live: LiveCentre,
    kiosk_credentials: KioskCredentials,
    unchanged: None,  # noqa: F811
) -> None:
    body = json.dumps({"items": []}).encode()
    answer = post_gzip(live, kiosk_credentials.token, body, coding="br")
    assert_problem(answer, 415, "unsupported-encoding")


def test_large_answers_are_gzipped_only_for_clients_that_ask(
    live: LiveCentre, kiosk_credentials: KioskCredentials
) -> None:
    asked = live.get("/v1/catalogue", kiosk_credentials.token, stream=True)
    plain = live.get(
        "/v1/catalogue", kiosk_credentials.token, headers={"Accept-Encoding": "identity"}
    )
    assert asked.headers["Content-Encoding"] == "gzip"
    assert int(asked.headers["Content-Length"]) < len(plain.content) / 2
    assert "Content-Encoding" not in plain.headers
    assert asked.json() == plain.json()
