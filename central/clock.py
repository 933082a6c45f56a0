"""The centre's clock: aware UTC, to the second, replaceable in tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def as_utc(moment: datetime) -> datetime | None:
    """`moment` in UTC; None at the edge of the calendar (year 1 or 9999 with an offset),
    which a kiosk's broken clock may send and which Python cannot convert."""
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        return None
