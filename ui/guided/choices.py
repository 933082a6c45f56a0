"""Answers chosen by touch: one big button per option, exclusive or toggled."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.wizard import ChoiceView
from ui.base.screen import make_label, scroll_by_dragging
from ui.guided.parts import WrappingButton

CHOICE_SPACING_PX = 12
MARK_PX = 44  # an answer's circle or box, at its left, drawn even when not chosen
MARK_PEN_PX = 4
CIRCLE, BOX = "circle", "box"  # one answer of many (radio), or any of them (check box)


class ChoiceMark(QLabel):
    """A circle for an answer that excludes the others, a box for one of several; a
    dot or a tick inside once chosen. Drawn in the label's text colour (the stylesheet
    turns it for a chosen answer), so both themes colour it as they colour the text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("choice_mark")
        self.setProperty("role", "answer_mark")
        self.setFixedSize(MARK_PX, MARK_PX)
        self.shape = CIRCLE
        self.on = False

    def set_mark(self, shape: str, on: bool) -> None:
        if (shape, on) != (self.shape, self.on):
            self.shape, self.on = shape, on
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = self.palette().color(QPalette.ColorRole.WindowText)
        painter.setPen(QPen(colour, MARK_PEN_PX))
        outline = QRectF(self.rect()).adjusted(*(MARK_PEN_PX,) * 2, *(-MARK_PEN_PX,) * 2)
        if self.shape == CIRCLE:
            painter.drawEllipse(outline)
        else:
            painter.drawRoundedRect(outline, MARK_PEN_PX, MARK_PEN_PX)
        if self.on:
            self._paint_chosen(painter, outline, colour)

    def _paint_chosen(self, painter: QPainter, outline: QRectF, colour: QColor) -> None:
        if self.shape == CIRCLE:  # a dot in the middle
            painter.setBrush(colour)
            painter.drawEllipse(outline.center(), outline.width() / 4, outline.height() / 4)
            return
        w, h = outline.width(), outline.height()  # a tick
        painter.setPen(QPen(colour, MARK_PEN_PX * 1.5))
        painter.drawPolyline(
            [
                outline.topLeft() + QPointF(w * 0.2, h * 0.5),
                outline.topLeft() + QPointF(w * 0.42, h * 0.75),
                outline.topLeft() + QPointF(w * 0.8, h * 0.25),
            ]
        )


class ChoiceButton(WrappingButton):
    """A checkable answer whose label wraps (an option may be a long sentence).

    A circle or a box at its left says "one of these" or "any of these" before anything
    is chosen; a chosen answer shows a dot or a tick there as well as its colour (colour
    alone is missed by many, and by everyone in the sun).
    """

    def __init__(self, object_name: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "answer")
        self.setCheckable(True)
        self.label = make_label("answer_label", centred=False)
        self.relabel(object_name, text)
        self.mark = ChoiceMark()
        for label in (self.mark, self.label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 12, 24, 12)
        row.setSpacing(20)
        row.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.label, 1)
        for signal in (self.toggled, self.pressed, self.released):
            signal.connect(self._show_state)  # the mark, then the texts' colour

    def relabel(self, object_name: str, text: str) -> None:
        self.setObjectName(object_name)
        self.setAccessibleName(text)
        self.label.setText(text)

    def set_shape(self, multiple: bool) -> None:
        self.mark.set_mark(BOX if multiple else CIRCLE, self.isChecked())

    def text_shown(self) -> str:
        return self.label.text()

    def marked(self) -> bool:
        """Whether the mark shows this answer chosen (the dot or the tick)."""
        return self.mark.on

    def _show_state(self, *_args: object) -> None:
        self.mark.set_mark(self.mark.shape, self.isChecked())
        colour_labels(self, (self.label, self.mark))


def follow_state(button: QPushButton, labels: Sequence[QLabel]) -> None:
    """`labels` on `button` take its chosen (or pressed) colours whenever it changes."""
    for signal in (button.toggled, button.pressed, button.released):
        signal.connect(lambda *_args: colour_labels(button, labels))


def colour_labels(button: QPushButton, labels: Sequence[QLabel]) -> None:
    """A chosen (or pressed) button's labels turn their colour too ("on"): a
    stylesheet cannot see the button's state from its labels."""
    on = "true" if button.isChecked() or button.isDown() else "false"
    for label in labels:
        if label.property("on") != on:
            label.setProperty("on", on)
            label.style().unpolish(label)
            label.style().polish(label)
            label.update()


class FittingScrollArea(QScrollArea):
    """As tall as its content when there is room (so what follows sits right under the
    last option), and scrolling when there is not.

    The page it scrolls is a child of the viewport, outside every layout: when the page
    grows or shrinks (options shown, hidden or relabelled for the next question), only
    the viewport hears of it, and while the list is hidden nobody does. So this area
    tells its own layout that its size hint changed, then and whenever it is shown
    again, or it would keep the previous question's height.
    """

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().viewportEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        inner = self.widget()
        if inner is None:
            return super().sizeHint()
        frame = 2 * self.frameWidth()
        width = self.viewport().width() or inner.sizeHint().width()
        hint = inner.sizeHint()
        height = inner.heightForWidth(width) if inner.hasHeightForWidth() else -1
        return QSize(hint.width() + frame, max(height, hint.height()) + frame)


class ChoiceList(QWidget):
    """The options in a touch-scrolled column: all visible up to six, more scroll.

    `multiple` makes them toggles (select_multiple); else one at a time (select_one).
    """

    changed = Signal()

    def __init__(
        self,
        choices: Sequence[ChoiceView],
        picked: Sequence[str],
        multiple: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._group = QButtonGroup(self)
        self.buttons: dict[str, ChoiceButton] = {}
        self._pool: list[ChoiceButton] = []  # built once, relabelled for each question
        inner = QWidget()
        self._column = QVBoxLayout(inner)
        self._column.setContentsMargins(0, 0, 8, 0)
        self._column.setSpacing(CHOICE_SPACING_PX)
        self._group.buttonToggled.connect(self._on_toggled)
        self._loading = False
        self._scroll = FittingScrollArea()
        scroll = self._scroll
        scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        scroll_by_dragging(scroll)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.set_choices(choices, picked, multiple)

    def set_choices(
        self, choices: Sequence[ChoiceView], picked: Sequence[str], multiple: bool
    ) -> None:
        """Show these options (the buttons are reused: no new widgets to style)."""
        self._loading = True
        self._multiple = multiple
        self._group.setExclusive(False)  # so that every button can be unchecked
        while len(self._pool) < len(choices):
            self._add_button()
        self.buttons = {}
        for button, choice in zip(self._pool, choices, strict=False):
            button.relabel(f"choice_{choice.value}", choice.label)
            button.setChecked(choice.value in picked)
            button.set_shape(multiple)
            self.buttons[choice.value] = button
        for button in self._pool[len(choices) :]:
            button.setChecked(False)
            button.setObjectName("")
        for index, button in enumerate(self._pool):
            button.setVisible(index < len(choices))
        self._group.setExclusive(not multiple)
        self._scroll.verticalScrollBar().setValue(0)
        self._loading = False

    def _add_button(self) -> None:
        button = ChoiceButton("", "")
        self._group.addButton(button)
        self._column.addWidget(button)
        self._pool.append(button)

    def _on_toggled(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    def picked(self) -> list[str]:
        return [value for value, button in self.buttons.items() if button.isChecked()]

    def value(self) -> str | list[str] | None:
        picked = self.picked()
        if self._multiple:
            return picked
        return picked[0] if picked else None
