"""Median and 90th percentile of a day's durations: known values, and what always holds."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from kiosk.reports.durations import summarise
from kiosk.reports.types import Durations


def test_known_values() -> None:
    assert summarise([]) == Durations(0, None, None)
    assert summarise([300.0]) == Durations(1, 300.0, 300.0)
    # ten waits of 1..10 minutes: the median halfway between 5 and 6, p90 at 9.1
    summary = summarise([60.0 * minute for minute in range(10, 0, -1)])
    assert summary.count == 10 and summary.median == 330.0
    assert summary.p90 is not None and abs(summary.p90 - 546.0) < 1e-9


@given(st.lists(st.floats(min_value=0, max_value=86_400), min_size=1, max_size=200))
def test_the_median_and_p90_lie_between_the_shortest_and_the_longest(
    seconds: list[float],
) -> None:
    summary = summarise(seconds)
    assert summary.median is not None and summary.p90 is not None
    slack = 1e-6  # a microsecond, what the database keeps; sums of floats round below it
    assert min(seconds) - slack <= summary.median <= summary.p90 + slack
    assert summary.p90 <= max(seconds) + slack
    assert summary.count == len(seconds)
    # inclusive percentile: at or above the value nine tenths of the way along the sorted list
    nine_tenths = sorted(seconds)[math.floor(0.9 * (len(seconds) - 1))]
    assert summary.p90 >= nine_tenths - slack
