"""How long to wait before the next attempt: exponential, jittered, never before Retry-After.

Jitter spreads the retries of a district's kiosks after the centre comes back, so they
do not all knock at once; the delay is never below half the exponential step, so a
dead line is not hammered either.
"""

from __future__ import annotations

import random
from collections.abc import Callable

FIRST_DELAY = 2.0  # seconds after the first failure


def retry_delay(
    failures: int,
    cap: float,
    retry_after: float | None = None,
    uniform: Callable[[], float] = random.random,
) -> float:
    """Seconds to wait after `failures` failures in a row (1 for the first)."""
    step = min(cap, FIRST_DELAY * float(2 ** min(max(failures, 1) - 1, 30)))
    delay = step / 2 + uniform() * step / 2
    if retry_after is not None:
        delay = max(delay, retry_after)
    return min(delay, max(cap, retry_after or 0.0))
