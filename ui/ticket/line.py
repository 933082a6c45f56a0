"""Which service: one big button per service, with its letter, name and a short line."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import pick_language
from kiosk.queue.types import QueueLine
from ui.base.screen import Screen, make_button, make_label, scroll_by_dragging
from ui.i18n import Tr
from ui.ticket.spoken import sentences


class LineButton(QPushButton):
    """A button big enough for a letter, a name and a description (labels inside)."""

    def __init__(self, line: QueueLine) -> None:
        super().__init__()
        self.line = line
        self.setObjectName(f"line_{line.code}")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.letter = make_label("service_letter")
        self.letter.setText(line.prefix)
        self.title = make_label("service_name", centred=False)
        self.description = make_label("service_description", centred=False)
        texts = QVBoxLayout()
        texts.setSpacing(4)
        texts.addWidget(self.title)
        texts.addWidget(self.description)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 16, 16, 16)
        row.setSpacing(16)
        row.addWidget(self.letter)
        row.addLayout(texts, 1)
        for label in (self.letter, self.title, self.description):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def retranslate(self, language: str) -> None:
        self.title.setText(self.line.name(language))
        description = pick_language(self.line.descriptions, language)
        self.description.setText(description)
        self.description.setVisible(bool(description))
        self.setAccessibleName(self.line.name(language))


class LineScreen(Screen):
    name = "line"

    line_chosen = Signal(str)  # the line's code
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = make_label("title")
        self.column.addWidget(self.question)
        self._list = QWidget()
        self._list_column = QVBoxLayout(self._list)
        self._list_column.setContentsMargins(0, 0, 0, 0)
        self._list_column.setSpacing(24)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self._list)
        scroll_by_dragging(scroll)
        self.column.addWidget(scroll, 1)
        self.back_button = make_button("back")
        self.back_button.clicked.connect(self.back)
        self.column.addWidget(self.back_button)
        self.buttons: dict[str, LineButton] = {}
        self._lines: list[QueueLine] = []
        self._language = ""

    @property
    def lines(self) -> list[QueueLine]:
        return list(self._lines)

    def set_lines(self, services: list[QueueLine]) -> None:
        """Rebuild the buttons, but only if the list really changed (a tap may be under way)."""
        if services == self._lines:
            return
        while (item := self._list_column.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.buttons = {}
        self._lines = list(services)
        for service in services:
            button = LineButton(service)
            button.clicked.connect(lambda _on=False, c=service.code: self.line_chosen.emit(c))
            button.retranslate(self._language)
            self.buttons[service.code] = button
            self._list_column.addWidget(button)
        self._list_column.addStretch(1)

    def spoken_text(self) -> str:
        """The question, then each line by its letter and name, as the buttons show them."""
        names = [f"{line.prefix}, {line.name(self._language)}" for line in self._lines]
        return sentences([self.question.text(), *names])

    def retranslate(self, tr: Tr) -> None:
        self._language = tr.language
        self.question.setText(tr("Which service do you need?"))
        self.back_button.setText(tr("Back"))
        for button in self.buttons.values():
            button.retranslate(tr.language)
