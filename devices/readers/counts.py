"""Counts of dropped input in words, for a technician's log: numbers only, never content."""

from __future__ import annotations

from collections.abc import Sequence


def counted(count: int, one: str, many: str) -> str:
    """``1 stray byte``, ``40 stray bytes``."""
    return f"{count} {one if count == 1 else many}"


def in_words(counts: Sequence[tuple[int, str, str]]) -> str:
    """The non-zero ``(count, one, many)`` counts as one phrase, ``""`` when all are zero.

    ``[(3, "frame", "frames"), (0, ...), (40, "stray byte", "stray bytes")]`` gives
    ``3 frames and 40 stray bytes``.
    """
    parts = [counted(count, one, many) for count, one, many in counts if count]
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"
