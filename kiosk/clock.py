"""Where the core gets the time; tests pass a fixed or stepping clock."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    """Where the core gets the time; tests pass a fixed or stepping clock."""

    def now(self) -> datetime:
        """Return an aware datetime (any zone; the core converts)."""
        ...


class SystemClock:
    """The real clock, in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)
