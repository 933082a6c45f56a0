"""The guided screens' own look (keys, answers, codes), drawn from the window's palette.

Set on each guided screen, so the window's stylesheet stays the ticket screens' own;
the flow sets it again whenever the palette changes.
"""

from __future__ import annotations

from ui.theme import BASE_FONT_PX, BUTTON_FONT_PX, SMALL_FONT_PX, TITLE_FONT_PX, Palette

KEY_PX = 80  # keypad keys and answer buttons: above the 72 px minimum, four rows fit
KEY_FONT_PX = 40
ENTRY_FONT_PX = 48
CODE_FONT_PX = 96  # the tracking code on the done screen
HINT_FONT_PX = 30
PIN_FONT_PX = 64  # the PIN's circles: six on one line beside a keypad
COMPACT_KEY_PX = 72  # keys of a keypad that shares 800 px with a title and buttons
DATE_KEY_FONT_PX = 32  # "September" fits a third of the answer's side
DATE_PART_PX = 80  # a date's part: its name over its value


def pressed_rules(p: Palette) -> str:
    """A pressed button turns into its opposite (light to dark, dark to light): the
    theme's pressed grey is too close to white to be seen under a finger (WCAG 3:1)."""
    return f"""
QPushButton:pressed {{
    color: {p.primary_text};
    background: {p.primary};
    border-color: {p.primary};
}}
QPushButton[role="primary"]:pressed {{
    color: {p.primary};
    background: {p.secondary};
    border-color: {p.primary};
}}
QPushButton[role="destructive"]:pressed {{
    color: {p.secondary};
    background: {p.warning};
    border-color: {p.warning};
}}
"""


def guided_stylesheet(p: Palette) -> str:
    # A problem is told apart from a button's label: a bar at its left and, where the
    # warning colour is the buttons' own (high contrast), the plain text colour.
    problem_text = p.text if p.warning == p.secondary_text else p.warning
    return f"""
QLabel[role="progress"] {{ font-size: {BASE_FONT_PX + 4}px; color: {p.muted_text}; }}
QLabel[role="question"] {{ font-size: {TITLE_FONT_PX}px; font-weight: bold; }}
QLabel[role="hint"] {{ font-size: {HINT_FONT_PX}px; color: {p.muted_text}; }}
QLabel[role="staff_hint"] {{
    font-size: {BASE_FONT_PX}px;
    border: 3px dashed {p.border};
    border-radius: 12px;
    padding: 12px;
    background: {p.secondary};
    color: {p.secondary_text};
}}
QLabel[role="problem"] {{
    font-size: {HINT_FONT_PX}px;
    font-weight: bold;
    color: {problem_text};
    border-left: 8px solid {p.warning};
    padding-left: 12px;
}}
QLabel[role="problem"][empty="true"] {{
    border-left: none;
}}
QLabel[role="entry"] {{
    font-size: {ENTRY_FONT_PX}px;
    font-weight: bold;
    min-height: {KEY_PX}px;
    padding: 4px 16px;
    border: 3px solid {p.border};
    border-radius: 12px;
    background: {p.secondary};
    color: {p.secondary_text};
}}
QLabel[role="proposal"] {{ font-size: {ENTRY_FONT_PX}px; font-weight: bold; }}
QLabel[role="pin"] {{ font-size: {PIN_FONT_PX}px; font-weight: bold; }}
QLabel[role="code"] {{ font-size: {CODE_FONT_PX}px; font-weight: bold; }}
QLabel[role="stepper_value"] {{ font-size: {ENTRY_FONT_PX - 8}px; font-weight: bold; }}
QLabel[role="answer_label"] {{ font-size: {BUTTON_FONT_PX}px; color: {p.secondary_text}; }}
QLabel[role="answer_mark"] {{ color: {p.secondary_text}; }}
QLabel[role="row_label"] {{ font-size: {BASE_FONT_PX}px; color: {p.muted_text}; }}
QLabel[role="row_value"] {{ font-size: {BUTTON_FONT_PX}px; font-weight: bold; }}
QPushButton[role="key"] {{
    min-height: {KEY_PX}px;
    font-size: {KEY_FONT_PX}px;
    font-weight: bold;
    padding: 0px 8px;
}}
QWidget[compact="true"] QPushButton[role="key"] {{ min-height: {COMPACT_KEY_PX}px; }}
QPushButton[role="destructive"] {{
    color: {p.warning};
    border: 4px solid {p.warning};
    font-weight: bold;
}}
QPushButton[role="answer"] {{ min-height: {KEY_PX}px; padding: 0px; text-align: left; }}
QPushButton[role="answer"]:checked, QPushButton[role="answer"]:pressed {{
    background: {p.primary};
    border-color: {p.primary};
}}
QPushButton[role="date_key"] {{
    min-height: {KEY_PX}px;
    font-size: {DATE_KEY_FONT_PX}px;
    font-weight: bold;
    padding: 0px 4px;
}}
QPushButton[role="date_part"] {{ min-height: {DATE_PART_PX}px; padding: 0px; }}
QPushButton[role="date_key"]:checked, QPushButton[role="date_part"]:checked {{
    color: {p.primary_text};
    background: {p.primary};
    border-color: {p.primary};
}}
QLabel[role="date_part_title"] {{ font-size: {SMALL_FONT_PX}px; }}
QLabel[role="date_part_value"] {{ font-size: {BUTTON_FONT_PX}px; font-weight: bold; }}
QLabel[on="true"] {{ color: {p.primary_text}; }}
{pressed_rules(p)}QLineEdit {{
    font-size: {ENTRY_FONT_PX - 8}px;
    min-height: {KEY_PX}px;
    padding: 4px 16px;
    border: 3px solid {p.border};
    border-radius: 12px;
    background: {p.secondary};
    color: {p.secondary_text};
}}
"""
