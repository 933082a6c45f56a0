"""Working days: when a submission will be ready, skipping weekends, national holidays and
collective leave (cuti bersama).

The calendar comes from the `holidays` package (public holidays plus the government's
cuti bersama for Indonesia). Islamic holidays of future years are its estimates until the
government fixes them, so a ready date far ahead may move by a day; a calendar pushed by
the central API would settle that.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

SATURDAY = 5  # date.weekday(): Monday is 0
CATEGORIES = ("public", "government")  # government: cuti bersama


@lru_cache(maxsize=8)
def _days_off(year: int) -> frozenset[date]:
    calendar = holidays.country_holidays("ID", years=year, categories=CATEGORIES)
    return frozenset(calendar)


def is_holiday(day: date) -> bool:
    """A national holiday or a day of collective leave in Indonesia."""
    return day in _days_off(day.year)


def is_working_day(day: date) -> bool:
    return day.weekday() < SATURDAY and not is_holiday(day)


def add_working_days(start: date, days: int) -> date:
    """The day `days` working days after `start` (Friday + 1 and Saturday + 1 are both
    Monday, unless Monday is a holiday); with 0, `start` itself when it is a working day,
    else the next one."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start if days or is_working_day(start) else _next_working_day(start)
    for _ in range(days):
        current = _next_working_day(current)
    return current


def _next_working_day(day: date) -> date:
    following = day + timedelta(days=1)
    while not is_working_day(following):
        following += timedelta(days=1)
    return following
