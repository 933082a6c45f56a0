"""Ready dates skip Indonesia's national holidays and collective leave (cuti bersama)."""

from __future__ import annotations

from datetime import date

from kiosk.applications.workdays import add_working_days, is_holiday, is_working_day


def test_independence_day_and_christmas_are_not_working_days() -> None:
    assert is_holiday(date(2026, 8, 17))  # a Monday
    assert not is_working_day(date(2026, 8, 17))
    assert is_holiday(date(2026, 12, 25))
    assert is_working_day(date(2026, 8, 18))


def test_collective_leave_counts_as_a_day_off() -> None:
    # Cuti bersama Natal 2026 (Thursday 24 December), set by the joint ministerial decree.
    assert is_holiday(date(2026, 12, 24))
    assert add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 28)


def test_the_lebaran_week_is_skipped_as_a_whole() -> None:
    # 2026: Nyepi Thu 19 March, cuti bersama 18, 20, 23, 24 March, Idul Fitri 21-22 March.
    days_off = [date(2026, 3, day) for day in (18, 19, 20, 23, 24)]
    assert all(not is_working_day(day) for day in days_off)
    assert add_working_days(date(2026, 3, 17), 1) == date(2026, 3, 25)
    assert add_working_days(date(2026, 3, 17), 2) == date(2026, 3, 26)


def test_a_submission_on_a_holiday_is_ready_the_next_working_day_with_zero_days() -> None:
    assert add_working_days(date(2026, 8, 17), 0) == date(2026, 8, 18)
    assert add_working_days(date(2026, 8, 14), 1) == date(2026, 8, 18)  # Friday -> Tuesday
