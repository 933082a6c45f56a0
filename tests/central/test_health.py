"""Kiosk health reports: each kept as sent, the newest HISTORY per kiosk and no more."""

from __future__ import annotations

from datetime import timedelta

from central.centre import Centre
from central.operations.health import HISTORY, health_history, record_health
from tests.central.applications import MADE_AT
from tests.central.test_receiving import kiosk


def report(pending: int) -> dict[str, object]:
    return {"software_version": "0.1.0", "printer": "ready", "paper": "ok", "pending": pending}


def assert_history_is_the_newest(centre: Centre) -> None:
    """HISTORY + 7 reports from one kiosk keep its newest HISTORY; another's stay."""
    busy, quiet = kiosk(centre, "Desa A"), kiosk(centre, "Desa B")
    for pending in range(3):
        record_health(centre, quiet, MADE_AT, report(pending))
    for pending in range(HISTORY + 7):
        record_health(centre, busy, MADE_AT + timedelta(minutes=pending), report(pending))
    kept = health_history(centre, busy)
    assert [h.report["pending"] for h in kept] == list(range(HISTORY + 6, 6, -1))
    assert kept[0].at == MADE_AT + timedelta(minutes=HISTORY + 6)
    assert [h.report["pending"] for h in health_history(centre, quiet)] == [2, 1, 0]


def test_a_kiosks_history_keeps_its_newest_reports(centre: Centre) -> None:
    assert_history_is_the_newest(centre)


def test_a_first_report_is_kept(centre: Centre) -> None:
    kiosk_id = kiosk(centre)
    record_health(centre, kiosk_id, MADE_AT, report(4))
    [only] = health_history(centre, kiosk_id)
    assert (only.at, only.received_at, only.report) == (MADE_AT, centre.clock(), report(4))
