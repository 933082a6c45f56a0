"""What a ticket screen gives the voice: its shown texts, top to bottom, as sentences."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, runtime_checkable


@runtime_checkable
class Spoken(Protocol):
    """A screen the voice reads as it shows (the window's voice, through TicketFlow.speak)."""

    def spoken_text(self) -> str: ...


def sentences(parts: Iterable[str]) -> str:
    """The non-empty parts, each ending with one stop (a question keeps its question
    mark; an ellipsis becomes a full stop): the voice pauses between them."""
    kept = [part.strip().rstrip(".…") for part in parts if part.strip()]
    return " ".join(part if part.endswith(("?", "!")) else f"{part}." for part in kept)
