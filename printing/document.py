"""A device-neutral document: lines, QR codes, feeds and cuts, rendered later by a driver."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class TextLine:
    """One line of text; `width`/`height` are character multipliers (1..8)."""

    text: str
    align: Align = Align.LEFT
    bold: bool = False
    width: int = 1
    height: int = 1


@dataclass(frozen=True)
class QrCode:
    """A QR symbol holding `data`, `module_dots` dots per module."""

    data: str
    module_dots: int = 6
    error_correction: str = "M"


@dataclass(frozen=True)
class Logo:
    """The office logo, where the printer keeps one; drivers without one skip it."""


@dataclass(frozen=True)
class Feed:
    lines: int = 1


@dataclass(frozen=True)
class Cut:
    partial: bool = True


Element = TextLine | QrCode | Logo | Feed | Cut


@dataclass(frozen=True)
class Document:
    """What a printer should produce, in order, for a given number of columns."""

    columns: int
    elements: tuple[Element, ...]

    def plain_text(self) -> str:
        """The text content only (for logs without personal data, previews and tests)."""
        return "\n".join(e.text for e in self.elements if isinstance(e, TextLine))
