"""The office's day in UTC: local midnight to local midnight, whatever the zone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from kiosk.reports.window import day_window


@pytest.mark.parametrize(
    ("zone", "start_hour_utc"),
    [("Asia/Jakarta", 17), ("Asia/Makassar", 16), ("Asia/Jayapura", 15)],
)
def test_the_day_starts_at_local_midnight(zone: str, start_hour_utc: int) -> None:
    start, end = day_window(date(2026, 12, 6), ZoneInfo(zone))
    assert start == datetime(2026, 12, 5, start_hour_utc, tzinfo=UTC)
    assert end == datetime(2026, 12, 6, start_hour_utc, tzinfo=UTC)
