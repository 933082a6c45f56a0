"""Pieces the guided screens share: the Back/Next row, the speaker button, busy bars."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStyle,
    QWidget,
)

from ui.base.screen import make_label

BACK_WIDTH_PX = 300
NEXT_WIDTH_PX = 420
SPEAKER_ICON_PX = 48
SCREEN_MARGIN_PX = 32
QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum" for a widget's size


class WrappingButton(QPushButton):
    """A button whose content is a layout of wrapped labels: it grows to fit them.

    A QPushButton sizes itself by its own (single-line) text; this one asks its layout,
    width for height, so a long option or description is never cut off.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        if layout is None:
            return super().heightForWidth(width)
        return max(layout.totalHeightForWidth(width), self.minimumHeight())

    def sizeHint(self) -> QSize:
        layout = self.layout()
        return super().sizeHint() if layout is None else layout.totalSizeHint()

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        return super().minimumSizeHint() if layout is None else layout.totalMinimumSize()


def fixed_width(button: QPushButton, width: int) -> QPushButton:
    button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    button.setFixedWidth(width)
    return button


def at_least(button: QPushButton, width: int) -> QPushButton:
    """`width` wide, or wider when its words need it ("Sembunyikan" is longer than "Hide")."""
    button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
    button.setMinimumWidth(width)
    button.setMaximumWidth(QWIDGETSIZE_MAX)
    return button


def nav_row(
    back: QPushButton | None, forward: QPushButton | None, *middle: QPushButton
) -> QHBoxLayout:
    """Back at the left edge and the way forward at the right edge, on every screen (a
    screen without one of them leaves its place empty: the other stays where it is)."""
    row = QHBoxLayout()
    row.setSpacing(24)
    if back is not None:
        row.addWidget(fixed_width(back, BACK_WIDTH_PX))
    row.addStretch(1)
    for button in middle:
        row.addWidget(fixed_width(button, BACK_WIDTH_PX))
    if forward is not None:
        row.addWidget(fixed_width(forward, NEXT_WIDTH_PX))
    return row


class SpeakerButton(QPushButton):
    """ "Listen": a clear speaker icon and a word, to hear the question again.

    The icon is drawn in the button's text colour, redrawn when the look changes: the
    style's own icon is black, which vanishes on the high-contrast black buttons."""

    def __init__(self) -> None:
        super().__init__()
        self._tint: QColor | None = None
        self.setObjectName("speak")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setIconSize(QSize(SPEAKER_ICON_PX, SPEAKER_ICON_PX))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._recolour()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._recolour()

    def _recolour(self) -> None:
        colour = self.palette().color(QPalette.ColorRole.ButtonText)
        if colour == self._tint:
            return
        self._tint = colour
        standard = self.style().standardIcon(QStyle.StandardPixmap.SP_MediaVolume)
        shape = standard.pixmap(self.iconSize())
        tinted = QPixmap(shape.size())
        tinted.setDevicePixelRatio(shape.devicePixelRatio())
        tinted.fill(Qt.GlobalColor.transparent)
        painter = QPainter(tinted)
        painter.drawPixmap(0, 0, shape)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(tinted.rect(), colour)  # the shape kept, in the text colour
        painter.end()
        self.setIcon(QIcon(tinted))


def title_row(title: QLabel, speaker: QPushButton) -> QHBoxLayout:
    """The screen's title at the left and "Listen" beside it, at the right."""
    row = QHBoxLayout()
    row.addWidget(title, 1)
    row.addWidget(speaker)
    return row


def busy_bar() -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, 0)  # busy: nobody knows how long the printer takes
    bar.setTextVisible(False)
    return bar


def left_label(role: str, object_name: str = "") -> QLabel:
    label = make_label(role, centred=False, object_name=object_name)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return label


def clear_layout(layout: QLayout) -> None:
    """Take every widget out at once (not only later), so no stale one is found."""
    while (item := layout.takeAt(0)) is not None:
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
