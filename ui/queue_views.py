"""Read-only shapes of the queue's pictures that several screens show (the board, the loket).

kiosk.queue.board's dataclasses sit beside its queries (sqlalchemy), which the screens may
not import; they satisfy these shapes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol


class LineView(Protocol):
    """People waiting in one line (kiosk.queue.board.LineWaiting)."""

    @property
    def code(self) -> str: ...
    @property
    def prefix(self) -> str: ...
    @property
    def names(self) -> Mapping[str, str]: ...
    @property
    def waiting(self) -> int: ...
