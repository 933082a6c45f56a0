"""The board's look: type sized for a television seen from five metres, scaled to its screen.

Sizes are for 1920 x 1080 and scale with the window (a 1366 x 768 set gets 0.71 of
each), never below the kiosk's smallest text. Built from ui.theme's palettes, so the
high-contrast choice looks the same as at the kiosk.
"""

from __future__ import annotations

from ui.theme import FONT_FAMILY, SMALL_FONT_PX, Palette

DESIGN_SIZE = (1920, 1080)
MAX_SCALE = 2.0
CALL_PX = 260  # the number being called: its digits are some 190 px tall
CALL_COUNTER_PX = 88  # "Loket 2" under it
SERVING_CODE_PX = 128  # the number at each loket: digits some 93 px tall
SERVING_ROWS = 3  # lokets that fit at full size; more share the same height
LABEL_PX = 52  # a loket's name, a line's count, a past call
LETTER_PX = 60  # a line's letter, as on the ticket
LINE_NAME_PX = 36  # a line's name, on one line
HEADING_PX = 44  # a panel's title
OFFICE_PX = 56
CLOCK_PX = 72
DATE_PX = 36
STATUS_PX = 40  # "Terakhir diperbarui: 10.42"
PADDING_PX = 24
RADIUS_PX = 24
BORDER_PX = 4


def scale_for(width: int, height: int) -> float:
    """How much of the 1080p sizes fit: the narrower of the two ratios (up to a 4K set's)."""
    return min(width / DESIGN_SIZE[0], height / DESIGN_SIZE[1], MAX_SCALE)


def px(size: int, scale: float) -> int:
    return max(SMALL_FONT_PX, round(size * scale))


def serving_code_px(scale: float, rows: int) -> int:
    """The lokets' numbers shrink only when more lokets than SERVING_ROWS share the panel."""
    return px(SERVING_CODE_PX * SERVING_ROWS // max(SERVING_ROWS, rows), scale)


def board_stylesheet(p: Palette, scale: float) -> str:
    """The whole board; widgets choose a look with their `role` property."""
    pad, radius = px(PADDING_PX, scale), px(RADIUS_PX, scale)
    return f"""
QWidget#board {{ background: {p.background}; }}
QWidget {{ font-family: "{FONT_FAMILY}"; color: {p.text}; }}
QLabel {{ background: transparent; font-size: {px(LABEL_PX, scale)}px; }}
QLabel[role="office"] {{ font-size: {px(OFFICE_PX, scale)}px; font-weight: bold; }}
QLabel[role="clock"] {{ font-size: {px(CLOCK_PX, scale)}px; font-weight: bold; }}
QLabel[role="date"] {{ font-size: {px(DATE_PX, scale)}px; color: {p.muted_text}; }}
QLabel[role="heading"] {{ font-size: {px(HEADING_PX, scale)}px; color: {p.muted_text}; }}
QLabel[role="call_code"] {{ font-size: {px(CALL_PX, scale)}px; font-weight: bold; }}
QLabel[role="call_counter"] {{ font-size: {px(CALL_COUNTER_PX, scale)}px; font-weight: bold; }}
QLabel[role="loket"] {{ font-weight: bold; }}
QLabel[role="past_call"] {{ font-weight: bold; }}
QLabel[role="past_loket"] {{ font-size: {px(LINE_NAME_PX + 8, scale)}px; }}
QLabel[role="line_letter"] {{ font-size: {px(LETTER_PX, scale)}px; font-weight: bold; }}
QLabel[role="line_name"] {{ font-size: {px(LINE_NAME_PX, scale)}px; }}
QLabel[role="line_count"] {{ font-weight: bold; }}
QLabel[role="status"] {{ font-size: {px(STATUS_PX, scale)}px; color: {p.muted_text}; }}
QFrame[role="panel"] {{
    background: {p.secondary};
    border: {px(BORDER_PX, scale) // 2}px solid {p.border};
    border-radius: {radius}px;
    padding: {pad // 2}px {pad}px;
}}
QFrame[role="panel"] QLabel {{ color: {p.secondary_text}; border: none; padding: 0px; }}
QFrame[role="panel"] QLabel[role="heading"] {{ color: {p.muted_text}; }}
QFrame[role="panel"][highlighted="true"] {{
    background: {p.primary};
    border: {px(BORDER_PX, scale)}px solid {p.primary};
}}
QFrame[role="panel"][highlighted="true"] QLabel {{ color: {p.primary_text}; }}
QFrame[role="notice"] {{
    border: {px(BORDER_PX, scale) // 2}px solid {p.border};
    border-radius: {radius // 2}px;
    padding: 0px {pad}px;
}}
"""
