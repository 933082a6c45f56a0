"""Which calls of a picture are news: each is spoken once, none made before the board started."""

from __future__ import annotations

from collections.abc import Iterable

from ui.board.contracts import CallView


class NewCalls:
    """Remembers the last call event seen; event ids only grow (kiosk.queue.board).

    The first picture's calls were made before the board started (or while it was
    away): they are shown, never announced, or a restart would call the whole room.
    """

    def __init__(self) -> None:
        self._last: int | None = None

    def take(self, calls: Iterable[CallView]) -> list[CallView]:
        """The calls not seen before, oldest first (the order they are announced)."""
        calls = list(calls)
        newest = max((call.event_id for call in calls), default=0)
        if self._last is None:
            self._last = newest
            return []
        fresh = sorted((c for c in calls if c.event_id > self._last), key=lambda c: c.event_id)
        self._last = max(self._last, newest)
        return fresh
