"""The /v1 API through a real `central serve` on loopback, with real envelopes."""

from __future__ import annotations

import base64
import json
import re
import uuid
from typing import Any

from central.operations.health import health_history
from kiosk.sync.signatures import signing_key_from_bytes, verify
from tests.central.applications import as_json, form_content, sealed_item
from tests.central.contract import assert_conforms, assert_problem
from tests.central.live import KioskCredentials, LiveCentre

BATCH = "/v1/applications/batch"


def upload(
    live: LiveCentre, kiosk: KioskCredentials, items: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    answer = live.post(BATCH, kiosk.token, json={"items": items})
    assert answer.status_code == 200, answer.text
    assert_conforms(answer, "post", BATCH)
    results: list[dict[str, Any]] = answer.json()["results"]
    return results


def test_time_is_utc_with_a_z(live: LiveCentre) -> None:
    answer = live.get("/v1/time")
    assert_conforms(answer, "get", "/v1/time")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", answer.json()["now"])


def test_enrolment_gives_a_token_and_the_centres_keys_once(live: LiveCentre) -> None:
    centre = live.centre()
    try:
        from central.operations.enrolment import make_code

        code, _ = make_code(centre, "Desa Uji")
    finally:
        centre.close()
    request = {"code": code, "name": "Desa Uji", "software_version": "0.1.0"}
    granted = live.post("/v1/enrolments", json=request)
    assert_conforms(granted, "post", "/v1/enrolments")
    body = granted.json()
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", body["token"])
    assert (
        len(base64.b64decode(body["sealing_key"]))
        == len(base64.b64decode(body["signing_key"]))
        == 32
    )
    assert body["suite"] == "DHKEM(X25519,HKDF-SHA256)/HKDF-SHA256/ChaCha20Poly1305"
    again = live.post("/v1/enrolments", json=request)
    assert_problem(again, 403, "enrolment-code-invalid")
    assert_conforms(again, "post", "/v1/enrolments")


def test_upload_outcomes_over_http(live: LiveCentre, kiosk_credentials: KioskCredentials) -> None:
    key = kiosk_credentials.sealing_key
    first = sealed_item(form_content(), key)
    [accepted] = upload(live, kiosk_credentials, [as_json(first)])
    assert accepted == {
        "id": str(first.id),
        "outcome": "accepted",
        "status": "received",
        "reason": None,
        "reason_code": None,
    }
    changed = sealed_item(
        form_content(assisted=True), key, first.id, tracking_code=first.tracking_code
    )
    unknown = sealed_item(form_content(), key, service_id="tidak-ada")
    results = upload(live, kiosk_credentials, [as_json(first), as_json(changed), as_json(unknown)])
    assert [(r["outcome"], r["reason_code"]) for r in results] == [
        ("duplicate", None),
        ("conflict", "conflict-content"),
        ("rejected", "unknown-service"),
    ]
    assert results[0]["status"] == "received"


def test_a_status_set_on_the_command_line_reaches_the_kiosk(
    live: LiveCentre, kiosk_credentials: KioskCredentials
) -> None:
    item = sealed_item(form_content(), kiosk_credentials.sealing_key)
    upload(live, kiosk_credentials, [as_json(item)])
    start = live.get("/v1/status-changes", kiosk_credentials.token, params={"after": 0})
    assert start.json() == {"changes": [], "cursor": 0, "more": False}
    moved = live.cli(
        "status",
        item.tracking_code.lower(),
        "ready",
        "--message-id",
        "Surat sudah siap.",
        "--message-en",
        "The letter is ready.",
    )
    assert moved.returncode == 0, moved.stderr
    assert moved.stdout.startswith(f"{item.tracking_code}: ready")
    answer = live.get(
        "/v1/status-changes", kiosk_credentials.token, params={"after": 0, "limit": 10}
    )
    assert_conforms(answer, "get", "/v1/status-changes")
    page = answer.json()
    [change] = page["changes"]
    assert (change["id"], change["tracking_code"], change["status"]) == (
        str(item.id),
        item.tracking_code,
        "ready",
    )
    assert change["message"] == {"id": "Surat sudah siap.", "en": "The letter is ready."}
    assert (page["cursor"], page["more"]) == (change["seq"], False)
    later = live.get(
        "/v1/status-changes", kiosk_credentials.token, params={"after": page["cursor"]}
    )
    assert later.json()["changes"] == []
    [duplicate] = upload(live, kiosk_credentials, [as_json(item)])
    assert (duplicate["outcome"], duplicate["status"]) == ("duplicate", "ready")


def test_the_catalogue_is_signed_and_answers_304_when_unchanged(
    live: LiveCentre, kiosk_credentials: KioskCredentials
) -> None:
    answer = live.get("/v1/catalogue", kiosk_credentials.token)
    assert_conforms(answer, "get", "/v1/catalogue")
    body = answer.json()
    payload = base64.b64decode(body["payload"])
    verify(
        payload,
        base64.b64decode(body["signature"]),
        signing_key_from_bytes(kiosk_credentials.signing_key),
    )
    version = json.loads(payload)["version"]
    assert answer.headers["ETag"] == f'"{version}"'
    for tag in (f'"{version}"', f'W/"{version}"', f'"other", "{version}"'):
        same = live.get("/v1/catalogue", kiosk_credentials.token, headers={"If-None-Match": tag})
        assert (same.status_code, same.content) == (304, b"")
    other = live.get("/v1/catalogue", kiosk_credentials.token, headers={"If-None-Match": '"old"'})
    assert other.status_code == 200


def test_health_is_recorded(live: LiveCentre, kiosk_credentials: KioskCredentials) -> None:
    report = {
        "at": "2026-12-05T20:50:36Z",
        "software_version": "0.1.0",
        "printer": "ready",
        "paper": "low",
        "queue_length": 4,
        "pending": 12,
    }
    answer = live.post("/v1/health", kiosk_credentials.token, json=report)
    assert_conforms(answer, "post", "/v1/health")
    centre = live.centre()
    try:
        [latest] = health_history(centre, uuid.UUID(kiosk_credentials.kiosk_id))
    finally:
        centre.close()
    assert latest.report == report


def test_no_token_an_unknown_one_and_a_revoked_kiosk(
    live: LiveCentre, kiosk_credentials: KioskCredentials
) -> None:
    item = {"items": [as_json(sealed_item(form_content(), kiosk_credentials.sealing_key))]}
    for token in (None, "not-a-token"):
        for answer in (live.post(BATCH, token, json=item), live.get("/v1/catalogue", token)):
            assert_problem(answer, 401, "unauthenticated")
            assert answer.headers["WWW-Authenticate"] == "Bearer"
    revoked = live.cli("revoke", kiosk_credentials.kiosk_id)
    assert revoked.returncode == 0, revoked.stderr
    for answer in (
        live.post(BATCH, kiosk_credentials.token, json=item),
        live.get("/v1/status-changes", kiosk_credentials.token),
        live.get("/v1/catalogue", kiosk_credentials.token),
    ):
        assert_problem(answer, 403, "kiosk-revoked")
