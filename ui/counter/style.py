"""The counter screens' own look: a big ticket code and lower, denser buttons.

A clerk works at a desk with a mouse and a keyboard (the F-keys), so the buttons keep
to the 72 px minimum rather than the citizens' 96 px, and more of them fit.
"""

from __future__ import annotations

from ui.guided.style import guided_stylesheet
from ui.theme import Palette

CODE_FONT_PX = 120  # the ticket at the loket: read across the desk
ACTION_FONT_PX = 26
ACTION_PX = 80  # two lines: what the button does, and its key
LINK_PX = 72


def counter_stylesheet(p: Palette) -> str:
    """The guided screens' look (problems, keys) plus the counter's own."""
    return (
        guided_stylesheet(p)
        + f"""
QLabel[role="counter_code"] {{ font-size: {CODE_FONT_PX}px; font-weight: bold; }}
QLabel[role="counter_empty"] {{ font-size: {ACTION_FONT_PX + 6}px; color: {p.muted_text}; }}
QLabel[role="line_letter"] {{ font-size: {ACTION_FONT_PX + 2}px; font-weight: bold; }}
QLabel[role="line_name"] {{ font-size: {ACTION_FONT_PX}px; }}
QFrame[role="panel"] {{
    border: 3px solid {p.border};
    border-radius: 16px;
    background: {p.secondary};
}}
QFrame[role="panel"] QLabel {{ color: {p.secondary_text}; }}
QPushButton[role="action"], QPushButton[role="primary"][action="true"],
QPushButton[role="link"] {{
    min-height: {ACTION_PX}px;
    font-size: {ACTION_FONT_PX}px;
    padding: 4px 8px;
}}
QPushButton[role="action"]:disabled, QPushButton[role="primary"]:disabled,
QPushButton[role="link"]:disabled, QPushButton[role="choice"]:disabled {{
    color: {p.muted_text};
    border-style: dashed;
    background: {p.background};
}}
QPushButton[role="choice"] {{
    min-height: {LINK_PX}px;
    font-size: {ACTION_FONT_PX}px;
    padding: 4px 8px;
}}
"""
    )
