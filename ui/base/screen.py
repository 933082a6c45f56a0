"""What every screen shares: a name, `retranslate(_)`, and big labels and buttons."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QLabel,
    QPushButton,
    QScroller,
    QScrollerProperties,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import Tr

MARGIN_PX = 48
SPACING_PX = 24


class Screen(QWidget):
    """A page of the kiosk; the window calls `retranslate` whenever the language changes."""

    name: ClassVar[str] = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(self.name)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(MARGIN_PX, MARGIN_PX, MARGIN_PX, MARGIN_PX)
        self.column.setSpacing(SPACING_PX)

    def retranslate(self, tr: Tr) -> None:
        raise NotImplementedError

    def take_code(self, text: str) -> bool:
        """A scanned code while this screen shows; True when the screen used it.

        False (the default) lets the window try its own use (a receipt's QR code).
        """
        return False

    def take_card(self, tag: str) -> bool:
        """A card's tag ID tapped while this screen shows; True when the screen used it."""
        return False

    def forget(self) -> None:
        """Drop what the last person left here (called when the kiosk restarts for the
        next person): a PIN half typed, a clerk still signed in."""


def make_label(role: str = "", centred: bool = True, object_name: str = "") -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # service texts come from data
    if centred:
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    if role:
        label.setProperty("role", role)
    if object_name:
        label.setObjectName(object_name)
    return label


def make_button(object_name: str, role: str = "", big: bool = False) -> QPushButton:
    """A touch button; `role` picks its colours, `big` makes it the screen's main target."""
    button = QPushButton()
    button.setObjectName(object_name)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # touch only: no focus frames
    if role:
        button.setProperty("role", role)
    if big:
        button.setProperty("big", "true")
    return button


def scroll_by_dragging(area: QAbstractScrollArea) -> None:
    """The list follows a finger dragged anywhere on it, and flicks on.

    Many kiosk touch panels send mouse events, not touch events, and Qt turns a touch
    that no widget takes into mouse events too: so the drag is that of the left button.
    A tap on a button in the list still reaches it, and a drag that starts on a button
    scrolls without clicking it.
    """
    viewport = area.viewport()
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(viewport)
    properties = scroller.scrollerProperties()
    off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    metric = QScrollerProperties.ScrollMetric
    properties.setScrollMetric(metric.HorizontalOvershootPolicy, off)
    # A press reaches the button at once (held back, its replay can miss the button);
    # if it turns into a drag, the scroller takes the press back and nothing is clicked.
    properties.setScrollMetric(metric.MousePressEventDelay, 0.0)
    scroller.setScrollerProperties(properties)
