"""Priority: is the citizen elderly, disabled or pregnant? Nobody has to prove it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from kiosk.i18n import N_
from kiosk.queue.types import Priority
from ui.base.screen import Screen, make_button, make_label
from ui.i18n import Tr
from ui.pictograms import show_pictogram

# Each answer with its words and its picture, in the order of the grid (two by two).
CHOICES: tuple[tuple[Priority | None, str, str], ...] = (
    (Priority.ELDERLY, N_("Elderly"), "elderly"),
    (Priority.DISABLED, N_("Disability"), "wheelchair"),
    (Priority.PREGNANT, N_("Pregnant"), "pregnant"),
    (None, N_("No"), "none"),
)


def choice_name(priority: Priority | None) -> str:
    """The English msgid of an answer, as its button says it."""
    return next(words for chosen, words, _ in CHOICES if chosen is priority)


class PriorityScreen(Screen):
    """Four answers of equal weight (the same size, look and kind of picture): "No" is
    not pushed forward, so nobody is steered past a priority they have a right to."""

    name = "priority"

    priority_chosen = Signal(object)  # Priority | None
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = make_label("title")
        self.column.addWidget(self.question)
        self.column.addStretch(1)
        self.buttons: dict[Priority | None, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(24)
        for index, (priority, _words, picture) in enumerate(CHOICES):
            key = "none" if priority is None else priority.value
            button = make_button(f"priority_{key}", big=True)
            show_pictogram(button, picture)
            button.clicked.connect(lambda _on=False, p=priority: self.priority_chosen.emit(p))
            self.buttons[priority] = button
            grid.addWidget(button, index // 2, index % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.column.addLayout(grid)
        self.column.addStretch(1)
        self.back_button = make_button("back")
        self.back_button.clicked.connect(self.back)
        self.column.addWidget(self.back_button)

    def spoken_text(self) -> str:
        return self.question.text()

    def retranslate(self, tr: Tr) -> None:
        self.question.setText(
            tr("Are you elderly (60 years or older), a person with a disability, or pregnant?")
        )
        for priority, words, _picture in CHOICES:
            self.buttons[priority].setText(tr(words))
        self.back_button.setText(tr("Back"))
