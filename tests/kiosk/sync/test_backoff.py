"""Retry delays: growing, jittered within bounds, capped, never before Retry-After."""

from __future__ import annotations

import pytest

from kiosk.sync.backoff import FIRST_DELAY, retry_delay


@pytest.mark.parametrize("uniform", [0.0, 0.5, 1.0])
def test_the_delay_doubles_with_each_failure_until_the_cap(uniform: float) -> None:
    delays = [retry_delay(n, cap=300, uniform=lambda: uniform) for n in range(1, 12)]
    steps = [min(300, FIRST_DELAY * 2 ** (n - 1)) for n in range(1, 12)]
    for delay, step in zip(delays, steps, strict=True):
        assert step / 2 <= delay <= step
    assert delays[-1] <= 300 and delays == sorted(delays)


def test_jitter_spreads_kiosks_that_failed_together() -> None:
    values = iter([0.0, 0.25, 0.5, 0.75, 1.0])
    spread = {retry_delay(6, cap=900, uniform=lambda: next(values)) for _ in range(5)}
    assert len(spread) == 5 and min(spread) >= 32 and max(spread) <= 64


def test_retry_after_is_honoured_even_above_the_step() -> None:
    assert retry_delay(1, cap=900, retry_after=30, uniform=lambda: 1.0) == 30
    assert retry_delay(1, cap=10, retry_after=120, uniform=lambda: 0.0) == 120
    assert retry_delay(10, cap=900, retry_after=1, uniform=lambda: 0.0) >= 450


def test_a_huge_failure_count_does_not_overflow() -> None:
    assert retry_delay(10_000, cap=900, uniform=lambda: 0.5) <= 900
