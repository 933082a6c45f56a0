"""Working days: when a submission will be ready, counting Monday to Friday only.

National holidays and collective leave (cuti bersama) are not known yet: a date that
falls on one is a day early. A holiday calendar from the central API would fix that.
"""

from __future__ import annotations

from datetime import date, timedelta

SATURDAY = 5  # date.weekday(): Monday is 0


def is_working_day(day: date) -> bool:
    return day.weekday() < SATURDAY


def add_working_days(start: date, days: int) -> date:
    """The day `days` working days after `start` (Friday + 1 and Saturday + 1 are both
    Monday); with 0, `start` itself when it is a working day, else the next one."""
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
