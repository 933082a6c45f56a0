"""Median and 90th percentile of the day's waits or service times (the standard library's)."""

from __future__ import annotations

import statistics
from collections.abc import Iterable

from kiosk.reports.types import Durations

DECILES = 10
P90 = DECILES - 2  # quantiles(n=10) gives the 9 cut points; the last is the 90th


def summarise(seconds: Iterable[float]) -> Durations:
    """Median and p90 of `seconds`.

    The day's tickets are the whole population, not a sample, so the percentile is the
    "inclusive" one (linear between the observed values, never beyond the longest).
    Python 3.11's quantiles needs two values; one value is its own percentile.
    """
    values = sorted(seconds)
    if not values:
        return Durations(0, None, None)
    if len(values) == 1:
        return Durations(1, values[0], values[0])
    p90 = statistics.quantiles(values, n=DECILES, method="inclusive")[P90]
    return Durations(len(values), statistics.median(values), p90)
