"""Answers chosen by touch: one big button per option, exclusive or toggled."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.wizard import ChoiceView
from ui.base.screen import make_label, scroll_by_dragging
from ui.guided.parts import WrappingButton

CHOICE_SPACING_PX = 12
CHECK_MARK = "\u2713"  # a sign, not a word: nothing to translate
CHECK_WIDTH_PX = 56  # kept when not chosen, so that choosing never rewraps the text


class ChoiceButton(WrappingButton):
    """A checkable answer whose label wraps (an option may be a long sentence).

    A chosen answer shows a check mark at its right as well as its colour (colour alone
    is missed by many, and by everyone in the sun).
    """

    def __init__(self, object_name: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "answer")
        self.setCheckable(True)
        self.label = make_label("answer_label", centred=False)
        self.relabel(object_name, text)
        self.check = QLabel()
        self.check.setProperty("role", "answer_check")
        self.check.setObjectName("check_mark")
        self.check.setFixedWidth(CHECK_WIDTH_PX)
        self.check.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for label in (self.label, self.check):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 12, 16, 12)
        row.setSpacing(8)
        row.addWidget(self.label, 1)
        row.addWidget(self.check)
        self.toggled.connect(self._mark)

    def relabel(self, object_name: str, text: str) -> None:
        self.setObjectName(object_name)
        self.setAccessibleName(text)
        self.label.setText(text)

    def text_shown(self) -> str:
        return self.label.text()

    def marked(self) -> bool:
        """Whether the check mark shows."""
        return self.check.text() == CHECK_MARK

    def _mark(self, on: bool) -> None:
        """Checked answers turn the label's colour too (a stylesheet cannot see the parent)."""
        self.check.setText(CHECK_MARK if on else "")
        self.label.setProperty("on", "true" if on else "false")
        self.label.style().unpolish(self.label)
        self.label.style().polish(self.label)


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
