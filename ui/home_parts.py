"""Parts of the start screen: the "clearer screen" and "larger text" switches with their
pictures, and the press-and-hold that opens the staff sign-in without a button a citizen
could take."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from ui.pictograms import with_gap
from ui.theme import FONT_FAMILY, Palette, palette_for

ICON_PX = 40
SWITCH_SHEET = "min-height: 60px; padding: 4px 20px;"  # 74 px high in all: two fit one row
HOLD_MS = 3_000  # long enough that no citizen opens the staff sign-in by chance
PRESS_EVENTS = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)
LET_GO_EVENTS = (
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.TouchEnd,
    QEvent.Type.TouchCancel,
    QEvent.Type.Leave,
    QEvent.Type.Hide,
)


Picture = Callable[[QColor, int], QPixmap]


class SwitchButton(QPushButton):
    """A checkable switch with a picture drawn in the theme's text colour of each state
    (off: a plain button's, on: a chosen one's), so that it shows on every background,
    the high-contrast yellow included."""

    def __init__(self, object_name: str, picture: Picture) -> None:
        super().__init__()
        self._picture = picture
        self.setObjectName(object_name)
        self.setProperty("role", "choice")
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setIconSize(with_gap(QPixmap(ICON_PX, ICON_PX)).size())
        # as wide as the wider of the two switches, never narrower than its own text
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.setStyleSheet(SWITCH_SHEET)  # sizes only: the colours stay the palette's
        self.use_palette(palette_for(False))

    def use_palette(self, palette: Palette) -> None:
        icon = QIcon()
        off = with_gap(self._picture(QColor(palette.secondary_text), ICON_PX))
        on = with_gap(self._picture(QColor(palette.primary_text), ICON_PX))
        icon.addPixmap(off, QIcon.Mode.Normal, QIcon.State.Off)
        icon.addPixmap(on, QIcon.Mode.Normal, QIcon.State.On)  # shown while checked
        self.setIcon(icon)

    def show_checked(self, on: bool) -> None:
        """Mark the switch without emitting anything (the window's state, shown)."""
        self.blockSignals(True)
        self.setChecked(on)
        self.blockSignals(False)


class ContrastButton(SwitchButton):
    """ "Clearer screen", with a half-dark circle: the usual picture of contrast."""

    def __init__(self) -> None:
        super().__init__("high_contrast", contrast_picture)


class LargerTextButton(SwitchButton):
    """ "Larger text", with a small and a large letter A."""

    def __init__(self) -> None:
        super().__init__("larger_text", larger_text_picture)


def contrast_picture(colour: QColor, size: int) -> QPixmap:
    """A circle, its left half filled: light and dark side by side."""
    picture = QPixmap(size, size)
    picture.fill(Qt.GlobalColor.transparent)
    painter = QPainter(picture)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = painter.pen()
    pen.setColor(colour)
    pen.setWidthF(size / 12)
    painter.setPen(pen)
    circle = QRectF(size / 12, size / 12, size * 10 / 12, size * 10 / 12)
    painter.setBrush(colour)
    painter.drawPie(circle, 90 * 16, 180 * 16)  # the left half, in 1/16ths of a degree
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(circle)
    painter.end()
    return picture


def larger_text_picture(colour: QColor, size: int) -> QPixmap:
    """A small A beside a large one: the same letter in every language."""
    picture = QPixmap(size, size)
    picture.fill(Qt.GlobalColor.transparent)
    painter = QPainter(picture)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(colour)
    font = QFont(FONT_FAMILY)
    font.setBold(True)
    bottom = Qt.AlignmentFlag.AlignBottom
    for left, width, px in ((0.0, 0.4, 0.45), (0.35, 0.65, 0.95)):
        font.setPixelSize(round(size * px))
        painter.setFont(font)
        area = QRectF(size * left, 0, size * width, size * 0.98)
        painter.drawText(area, bottom | Qt.AlignmentFlag.AlignHCenter, "A")
    painter.end()
    return picture


class LongPress(QObject):
    """`held` fires once `widget` has been pressed for HOLD_MS without letting go."""

    held = Signal()

    def __init__(self, widget: QWidget, hold_ms: int = HOLD_MS) -> None:
        super().__init__(widget)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(hold_ms)
        self._timer.timeout.connect(self.held)
        widget.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in PRESS_EVENTS:
            self._timer.start()
        elif event.type() in LET_GO_EVENTS:
            self._timer.stop()
        return False
