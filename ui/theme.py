"""Touch-first look: big targets and big type, one stylesheet built from a small palette."""

from __future__ import annotations

import re
from dataclasses import dataclass

FONT_FAMILY = "DejaVu Sans"  # installed with the system; wide glyphs that read well
BASE_FONT_PX = 28  # ordinary text; never below 24
SMALL_FONT_PX = 24  # a calm side note (the sync line): the smallest text on any screen
BUTTON_FONT_PX = 32
INFO_FONT_PX = 32  # what a person must read on a result screen
TITLE_FONT_PX = 44
NUMBER_FONT_PX = 160  # the ticket number on the done screen; never below 96
TOUCH_TARGET_PX = 96  # minimum button height; never below 72
BIG_TARGET_PX = 140  # the main action of a screen
SCROLLBAR_PX = 40  # wide enough to drag with a finger
CHECK_FONT_PX = 44  # the check mark on a chosen answer (on the primary colour)
LARGER_TEXT_SCALE = 1.25  # "Larger text" on the start screen: ordinary text 28 -> 35 px
LARGE_ENOUGH_PX = 56  # text this big (the ticket number, a PIN) is not made larger
FONT_SIZE = re.compile(r"font-size:\s*(\d+)px")


@dataclass(frozen=True)
class Palette:
    """The few colours every screen is drawn with."""

    background: str
    text: str
    muted_text: str
    primary: str  # the one action a person most likely wants
    primary_text: str
    secondary: str  # back, language, other choices
    secondary_text: str
    border: str
    pressed: str
    warning: str  # the heading of a problem screen


NORMAL = Palette(
    background="#F4F1EA",
    text="#1B1B1B",
    muted_text="#3A3A3A",
    primary="#0B5394",
    primary_text="#FFFFFF",
    secondary="#FFFFFF",
    secondary_text="#1B1B1B",
    border="#5A5A5A",
    pressed="#D9D4C7",
    warning="#9C1C1C",
)

HIGH_CONTRAST = Palette(
    background="#000000",
    text="#FFFFFF",
    muted_text="#FFFFFF",
    primary="#FFFF00",
    primary_text="#000000",
    secondary="#000000",
    secondary_text="#FFFF00",
    border="#FFFF00",
    pressed="#444400",
    warning="#FFFF00",
)


def palette_for(high_contrast: bool) -> Palette:
    return HIGH_CONTRAST if high_contrast else NORMAL


def stylesheet(p: Palette) -> str:
    """The whole window's stylesheet; widgets choose a look with their `role` property.

    Only the window paints the background: every container under it is transparent,
    so a page is not filled three or four times over before its buttons are drawn.
    """
    return f"""
QWidget {{
    font-family: "{FONT_FAMILY}";
    font-size: {BASE_FONT_PX}px;
    color: {p.text};
}}
QMainWindow, QScrollBar {{ background: {p.background}; }}
QAbstractScrollArea, QAbstractScrollArea > QWidget, QAbstractScrollArea > QWidget > QWidget {{
    background: transparent;  /* the frame, its viewport, and the page it scrolls */
}}
QLabel {{ background: transparent; }}
QLabel[role="title"] {{ font-size: {TITLE_FONT_PX}px; font-weight: bold; }}
QLabel[role="subtitle"] {{ font-size: {BASE_FONT_PX + 4}px; color: {p.muted_text}; }}
QLabel[role="info"] {{ font-size: {INFO_FONT_PX}px; }}
QLabel[role="status_line"] {{ font-size: {SMALL_FONT_PX}px; color: {p.muted_text}; }}
QLabel[role="warning"] {{ font-size: {TITLE_FONT_PX}px; font-weight: bold; color: {p.warning}; }}
QLabel[role="number"] {{ font-size: {NUMBER_FONT_PX}px; font-weight: bold; }}
QLabel[role="service_letter"] {{
    font-size: {TITLE_FONT_PX + 12}px; font-weight: bold; min-width: 96px;
}}
QLabel[role="service_name"] {{ font-size: {BUTTON_FONT_PX}px; font-weight: bold; }}
QLabel[role="service_description"] {{ font-size: {BASE_FONT_PX}px; }}
QLabel[role="answer_check"] {{
    font-size: {CHECK_FONT_PX}px; font-weight: bold; color: {p.primary_text};
}}
QPushButton {{
    font-size: {BUTTON_FONT_PX}px;
    min-height: {TOUCH_TARGET_PX}px;
    padding: 8px 32px;
    border-radius: 16px;
    border: 3px solid {p.border};
    color: {p.secondary_text};
    background: {p.secondary};
}}
QPushButton[big="true"] {{ min-height: {BIG_TARGET_PX}px; font-size: {TITLE_FONT_PX}px; }}
QPushButton[pictured="true"] {{ padding-left: 16px; padding-right: 16px; }}
QPushButton QLabel {{ color: {p.secondary_text}; }}
QPushButton:pressed, QPushButton:checked {{ background: {p.pressed}; }}
QPushButton[role="primary"] {{
    color: {p.primary_text};
    background: {p.primary};
    border-color: {p.primary};
    font-weight: bold;
}}
QPushButton[role="primary"]:pressed {{ border: 6px solid {p.border}; }}
QPushButton[role="choice"]:checked {{
    color: {p.primary_text};
    background: {p.primary};
    border-color: {p.primary};
}}
QProgressBar {{
    min-height: 40px;
    border: 3px solid {p.border};
    border-radius: 12px;
    background: {p.secondary};
}}
QProgressBar::chunk {{ background: {p.primary}; border-radius: 8px; }}
QScrollArea {{ border: none; }}
QScrollBar:vertical {{
    width: {SCROLLBAR_PX}px;
    margin: 0px;
    border: 2px solid {p.border};
    border-radius: {SCROLLBAR_PX // 2}px;
    background: {p.secondary};
}}
QScrollBar::handle:vertical {{
    min-height: {TOUCH_TARGET_PX}px;
    margin: 4px;
    border-radius: {SCROLLBAR_PX // 2 - 6}px;
    background: {p.border};
}}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0px; border: none; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
"""


def scale_fonts(sheet: str, scale: float) -> str:
    """`sheet` with each font size times `scale`, up to LARGE_ENOUGH_PX: a stylesheet of
    any screen (the window's, the guided screens', the staff's) grows the same way, and
    what is already that large stays as it is, so that screens still fit the panel."""
    if scale == 1:
        return sheet

    def larger(match: re.Match[str]) -> str:
        px = int(match.group(1))
        grown = px if px >= LARGE_ENOUGH_PX else min(LARGE_ENOUGH_PX, round(px * scale))
        return f"font-size: {grown}px"

    return FONT_SIZE.sub(larger, sheet)
