"""Office time: the business day turns at local midnight; zones labelled as Indonesians do."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from kiosk.office_time import business_date, zone_label


def utc(hour: int, minute: int, second: int) -> datetime:
    return datetime(2024, 5, 6, hour, minute, second, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "last_second_utc"),
    [
        ("Asia/Jakarta", utc(16, 59, 59)),  # WIB, UTC+7
        ("Asia/Pontianak", utc(16, 59, 59)),  # WIB too
        ("Asia/Makassar", utc(15, 59, 59)),  # WITA, UTC+8
        ("Asia/Jayapura", utc(14, 59, 59)),  # WIT, UTC+9
    ],
)
def test_business_day_changes_exactly_at_local_midnight(
    zone: str, last_second_utc: datetime
) -> None:
    assert business_date(last_second_utc, zone) == date(2024, 5, 6)
    assert business_date(last_second_utc + timedelta(seconds=1), zone) == date(2024, 5, 7)


def test_business_day_does_not_depend_on_the_clock_zone() -> None:
    wita = timezone(timedelta(hours=8))
    instant = datetime(2024, 5, 7, 0, 30, tzinfo=wita)  # 23:30 WIB on the 6th
    assert business_date(instant, "Asia/Jakarta") == date(2024, 5, 6)
    assert business_date(instant, "Asia/Makassar") == date(2024, 5, 7)


def test_business_day_refuses_naive_times() -> None:
    with pytest.raises(ValueError, match="aware"):
        business_date(datetime(2024, 5, 6, 9), "Asia/Jakarta")


@pytest.mark.parametrize(
    ("zone", "label"),
    [
        ("Asia/Jakarta", "WIB"),
        ("Asia/Pontianak", "WIB"),
        ("Asia/Makassar", "WITA"),
        ("Asia/Jayapura", "WIT"),
        ("Asia/Singapore", "+08"),
        ("Europe/Amsterdam", "CEST"),
    ],
)
def test_zone_label(zone: str, label: str) -> None:
    assert zone_label(zone, utc(2, 0, 0)) == label
