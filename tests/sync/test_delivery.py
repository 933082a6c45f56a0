"""Every application arrives exactly once, over a good line and over a bad one.

A real kiosk (SQLite, its sync engine and HTTP client) and a real centre (`central
serve` on loopback); between them, for the bad line, the fault-injecting proxy process
(tests/helpers/netfault: a real TCP proxy that drops, delays, duplicates and truncates
requests: simulated network faults, real sockets).
"""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from central.operations import applications
from kiosk.applications.types import ApplicationStatus
from kiosk.sync.lease import sync_lease
from kiosk.sync.state import find_state
from tests.central.live import LiveCentre
from tests.helpers.netfault import FaultyProxy, Rule
from tests.helpers.stubs import FakeClock
from tests.sync.conftest import centre_ids, code_for
from tests.sync.kiosk_side import SyncingKiosk

BATCH = "/v1/applications/batch"
LOGIN = "<h1>Login hotspot</h1>"


def on_centre(centre: LiveCentre, kiosk: SyncingKiosk) -> list[str]:
    """The UUIDs the centre holds from this kiosk (one row each: the UUID is its key)."""
    return centre_ids(centre, kiosk.name)


def test_applications_arrive_once_and_their_status_comes_back(
    centre: LiveCentre, kiosk: SyncingKiosk
) -> None:
    ids = kiosk.finalise(12)
    assert kiosk.sync_until_sent(kiosk.engine()) == []
    assert on_centre(centre, kiosk) == sorted(ids)
    assert kiosk.outcomes() == {"accepted": 12}
    assert {kiosk.application(i).status for i in ids} == {ApplicationStatus.SENT}

    code = kiosk.application(ids[0]).tracking_code
    moved = centre.cli("status", code, "ready", "--message-id", "Silakan ambil di loket 2.")
    assert moved.returncode == 0, moved.stderr
    report = kiosk.engine().run_once()
    assert report.statuses == 1 and report.sent == 0
    ready = kiosk.application(ids[0])
    assert ready.status == ApplicationStatus.READY
    assert ready.status_message == {"id": "Silakan ambil di loket 2."}
    assert kiosk.engine().run_once().statuses == 0  # the cursor moved on


def test_what_the_centre_opens_is_what_the_citizen_answered(
    centre: LiveCentre, kiosk: SyncingKiosk
) -> None:
    (application_id,) = kiosk.finalise(1)
    kiosk.sync_until_sent(kiosk.engine())
    opened = centre.centre()
    try:
        content = applications.open_content(opened, uuid.UUID(application_id))
    finally:
        opened.close()
    assert content["answers"]["nama"] == "Siti Aminah" and content["nik"] == "3171011708450001"


FAULTS = [
    Rule("drop_before", method="POST", path=BATCH, times=2),
    Rule("drop_after", method="POST", path=BATCH, times=2),  # committed, answer lost
    Rule("drop_after", method="POST", path=BATCH, skip=1),  # the second batch's answer
    Rule("respond", method="POST", path=BATCH, status=500, body='{"detail": "boom"}'),
    Rule("respond", method="POST", path=BATCH, status=503, headers={"Retry-After": "1"}),
    Rule("duplicate", method="POST", path=BATCH, times=2),  # the centre sees each twice
    Rule("truncate", method="POST", path=BATCH, keep=40),  # the answer cut off
    Rule("delay", method="POST", path=BATCH, seconds=7.0),  # beyond the read timeout
]


@pytest.mark.parametrize("rule", FAULTS, ids=lambda rule: f"{rule.action}-{rule.times}-{rule.skip}")
def test_every_application_arrives_exactly_once_through_a_bad_line(
    centre: LiveCentre, kiosk: SyncingKiosk, rule: Rule
) -> None:
    ids = kiosk.finalise(10)
    with FaultyProxy(centre.url) as proxy:
        kiosk.point_at(proxy.url)
        proxy.add(rule)
        problems = kiosk.sync_until_sent(kiosk.engine())
        faulted = [entry for entry in proxy.log() if entry["action"] == rule.action]
    assert faulted, "the fault never happened"
    assert problems or rule.action == "duplicate"
    assert on_centre(centre, kiosk) == sorted(ids)
    outcomes = kiosk.outcomes()
    assert set(outcomes) <= {"accepted", "duplicate"} and sum(outcomes.values()) == 10


def test_a_centre_restarted_in_the_middle_of_a_batch_loses_nothing(
    centre: LiveCentre, kiosk: SyncingKiosk
) -> None:
    ids = kiosk.finalise(6)
    with FaultyProxy(centre.url) as proxy:
        kiosk.point_at(proxy.url)
        proxy.add(Rule("delay", method="POST", path=BATCH, seconds=2.0))
        restart_while_in_flight(centre, proxy)
        kiosk.sync_until_sent(kiosk.engine())
    assert on_centre(centre, kiosk) == sorted(ids)


def restart_while_in_flight(centre: LiveCentre, proxy: FaultyProxy) -> None:
    """Kill the centre while the proxy holds the first batch, start it again on its port."""
    import threading

    from tests.central.live import restart

    def later() -> None:
        deadline = datetime.now(UTC) + timedelta(seconds=30)
        while proxy.stats().in_flight == 0 and datetime.now(UTC) < deadline:
            threading.Event().wait(0.05)
        restart(centre)

    threading.Thread(target=later, daemon=True).start()


def test_a_kiosk_clock_hours_off_changes_nothing(
    centre: LiveCentre,
    kiosk_template,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    skewed = FakeClock(datetime.now(UTC) + timedelta(hours=7))
    kiosk = SyncingKiosk.fresh(kiosk_template, tmp_path / "skewed", clock=skewed)
    name = f"Anjungan jam salah ({tmp_path.name})"
    kiosk.enrol(centre.url, code_for(centre, name), name)
    ids = kiosk.finalise(3)
    assert kiosk.sync_until_sent(kiosk.engine()) == []
    assert on_centre(centre, kiosk) == sorted(ids)
    assert kiosk.outcomes() == {"accepted": 3}


def garbage_catalogue() -> str:
    payload = json.dumps({"version": "evil", "services": []}).encode()
    return json.dumps(
        {
            "payload": base64.b64encode(payload).decode(),
            "signature": base64.b64encode(bytes(64)).decode(),
        }
    )


HOSTILE = [
    Rule("respond", method="POST", path=BATCH, status=200, body="{not json"),
    Rule("respond", method="POST", path=BATCH, status=200, body='{"results": []}'),
    Rule(
        "respond",
        method="POST",
        path=BATCH,
        status=200,
        content_type="text/html",
        body="<h1>Login</h1>",
    ),
    Rule("respond", method="POST", path=BATCH, status=200, huge=8 * 1024 * 1024),
]


@pytest.mark.parametrize("rule", HOSTILE, ids=["garbage", "no-results", "login-page", "huge"])
def test_a_hostile_answer_to_a_batch_changes_nothing(
    centre: LiveCentre, kiosk: SyncingKiosk, rule: Rule
) -> None:
    kiosk.finalise(2)
    with FaultyProxy(centre.url) as proxy:
        kiosk.point_at(proxy.url)
        proxy.add(rule)
        with pytest.raises(Exception) as stopped:
            kiosk.engine().run_once()
    assert type(stopped.value).__name__ == "CentralAnswerInvalid"
    assert kiosk.pending() == 2 and kiosk.outcomes() == {None: 2}
    assert on_centre(centre, kiosk) == []  # the proxy answered: the centre never saw it
    state = find_state(kiosk.sessions)
    assert state is not None and state.last_problem == "bad_answer"


def test_a_catalogue_with_a_bad_signature_is_refused_and_the_old_one_stays(
    centre: LiveCentre, kiosk: SyncingKiosk
) -> None:
    first = kiosk.engine().run_once()
    assert first.catalogue is not None  # the centre's own, signed: taken
    with FaultyProxy(centre.url) as proxy:
        kiosk.point_at(proxy.url)
        proxy.add(
            Rule(
                "respond", method="GET", path="/v1/catalogue", status=200, body=garbage_catalogue()
            )
        )
        report = kiosk.engine().run_once()
    assert report.catalogue is None and report.catalogue_refused is not None
    state = find_state(kiosk.sessions)
    assert state is not None and state.catalogue_version == first.catalogue


def test_a_status_for_an_unknown_application_is_skipped(
    centre: LiveCentre, kiosk: SyncingKiosk
) -> None:
    (known,) = kiosk.finalise(1)
    kiosk.sync_until_sent(kiosk.engine())
    stranger = {
        "seq": 999_999,
        "id": str(uuid.uuid4()),
        "tracking_code": "AAAA-BBBB",
        "status": "ready",
        "message": None,
        "at": "2026-12-05T00:00:00Z",
    }
    page = json.dumps({"changes": [stranger], "cursor": 999_999, "more": False})
    with FaultyProxy(centre.url) as proxy:
        kiosk.point_at(proxy.url)
        proxy.add(Rule("respond", method="GET", path="/v1/status-changes", status=200, body=page))
        assert kiosk.engine().run_once().statuses == 0
    assert kiosk.application(known).status == ApplicationStatus.SENT


def test_a_station_skips_its_round_while_another_of_the_office_sends(
    centre: LiveCentre, kiosk: SyncingKiosk
) -> None:
    ids = kiosk.finalise(3)
    engine = kiosk.engine()
    with sync_lease(kiosk.sessions.kw["bind"]) as held:  # the other station's round
        assert held
        skipped = engine.run_once()
    assert skipped.another_station and skipped.sent == 0
    assert on_centre(centre, kiosk) == []
    assert kiosk.sync_until_sent(engine) == []
    assert on_centre(centre, kiosk) == sorted(ids)
