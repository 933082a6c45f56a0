"""The office's local day as a span of UTC times, the way timestamps are stored."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

Window = tuple[datetime, datetime]  # UTC, local midnight to the next local midnight


def day_window(day: date, zone: ZoneInfo) -> Window:
    """Local midnight of `day` to the next local midnight, in UTC (kiosk.db.timestamps)."""
    start = datetime.combine(day, time(0), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)
