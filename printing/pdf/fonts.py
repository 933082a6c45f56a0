"""The PDF typeface: DejaVu Sans where installed (full Latin coverage), else Helvetica."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
DEJAVU_REGULAR = DEJAVU_DIR / "DejaVuSans.ttf"
DEJAVU_BOLD = DEJAVU_DIR / "DejaVuSans-Bold.ttf"


@dataclass(frozen=True)
class FontPair:
    regular: str
    bold: str


HELVETICA = FontPair("Helvetica", "Helvetica-Bold")


@cache
def pdf_fonts() -> FontPair:
    """Register DejaVu Sans once (ASCII kept readable in the content stream) and name it."""
    if not (DEJAVU_REGULAR.exists() and DEJAVU_BOLD.exists()):
        return HELVETICA
    pair = FontPair("DejaVuSans", "DejaVuSans-Bold")
    pdfmetrics.registerFont(TTFont(pair.regular, str(DEJAVU_REGULAR), asciiReadable=True))
    pdfmetrics.registerFont(TTFont(pair.bold, str(DEJAVU_BOLD), asciiReadable=True))
    for italic in (0, 1):  # no italic face is used; map it to the upright one
        addMapping(pair.regular, 0, italic, pair.regular)
        addMapping(pair.regular, 1, italic, pair.bold)
    return pair
