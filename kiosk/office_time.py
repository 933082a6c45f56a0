"""Office time: the office's zone, its business day and how Indonesians label the zone.

Every feature stamps dates in the office's own day (numbers restart at local midnight, a
ready date is counted in local days), so this lives in the core, not in one feature.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

INDONESIAN_ZONE_LABELS: dict[str, str] = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Ujung_Pandang": "WITA",
    "Asia/Jayapura": "WIT",
}


@lru_cache(maxsize=32)
def office_zone(name: str) -> ZoneInfo:
    """The office's zone, looked up once (ZoneInfo raises for unknown names)."""
    return ZoneInfo(name)


def _zone(tz: str | ZoneInfo) -> ZoneInfo:
    return office_zone(tz) if isinstance(tz, str) else tz


def business_date(now: datetime, tz: str | ZoneInfo) -> date:
    """The office-local day `now` falls in: numbers restart at local midnight, not UTC's."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("business_date needs an aware datetime")
    return now.astimezone(_zone(tz)).date()


def zone_label(tz: str | ZoneInfo, at: datetime) -> str:
    """WIB, WITA or WIT as Indonesians write them; elsewhere the zone's own abbreviation."""
    zone = _zone(tz)
    label = INDONESIAN_ZONE_LABELS.get(zone.key)
    if label:
        return label
    return at.astimezone(zone).tzname() or zone.key
