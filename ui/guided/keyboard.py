"""Qt's on-screen keyboard at the kiosk: the guided screens never ask for it (text has
the letter keypad, ui.guided.letters); a staff screen's text box may bring it up, so each
question closes it, and knows how much of the screen it covers while it shows."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget


def hide_keyboard() -> None:
    """Ask the input method to hide its keyboard (the one call the kiosk makes for it)."""
    QGuiApplication.inputMethod().hide()


def close_keyboard(screen: QWidget) -> None:
    """Close the keyboard, and let the widget of `screen` holding the focus go of it.

    The kiosk's buttons never take the focus, so a text box keeps it when it is hidden:
    Qt's keyboard then stays up over the next screen (cutting its buttons), and comes
    back for any tap while the box holds the focus.
    """
    focused = QApplication.focusWidget()
    if focused is not None and (focused is screen or screen.isAncestorOf(focused)):
        focused.clearFocus()
    hide_keyboard()


def keyboard_overlap(keyboard: QRect, area: QRect) -> int:
    """How far up from `area`'s bottom an on-screen keyboard at `keyboard` reaches (both
    in the same coordinates): 0 when it is hidden (empty) or beside the area."""
    covered = area.intersected(keyboard)
    if covered.isEmpty():
        return 0
    return area.y() + area.height() - covered.y()


def covered_px(widget: QWidget) -> int:
    """How much of `widget`'s bottom the keyboard covers now (0 when it is hidden)."""
    keyboard = QGuiApplication.inputMethod()
    shown = keyboard.keyboardRectangle() if keyboard.isVisible() else QRectF()
    if shown.isEmpty() or not widget.isVisible():
        return 0
    # The keyboard's rectangle is in the coordinates of the window with the focus.
    origin = widget.mapTo(widget.window(), widget.rect().topLeft())
    return keyboard_overlap(shown.toAlignedRect(), QRect(origin, widget.size()))
