"""Plain types of sync that the screens import (no database, no network)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class SyncSummary:
    """What the start screen says about sync, small and calm."""

    enrolled: bool
    pending: int  # applications not yet answered by the centre
    last_success_at: datetime | None
    last_problem: str | None  # the SyncError slug of the last round, None if it went well

    @property
    def online(self) -> bool:
        return self.enrolled and self.last_success_at is not None and self.last_problem is None
