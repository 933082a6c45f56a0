"""Priority: is the citizen elderly, disabled or pregnant? Nobody has to prove it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from kiosk.queue.types import Priority
from ui.base.screen import Screen, make_button, make_label
from ui.i18n import Tr


class PriorityScreen(Screen):
    name = "priority"

    priority_chosen = Signal(object)  # Priority | None
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = make_label("title")
        self.column.addWidget(self.question)
        self.column.addStretch(1)
        self.no_button = make_button("priority_none", "primary", big=True)
        self.no_button.clicked.connect(lambda: self.priority_chosen.emit(None))
        self.buttons: dict[Priority | None, QPushButton] = {None: self.no_button}
        grid = QGridLayout()
        grid.setSpacing(24)
        grid.addWidget(self.no_button, 0, 0, 1, 3)
        for column, priority in enumerate(Priority):
            button = make_button(f"priority_{priority.value}", big=True)
            button.clicked.connect(lambda _checked=False, p=priority: self.priority_chosen.emit(p))
            self.buttons[priority] = button
            grid.addWidget(button, 1, column)
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
        self.no_button.setText(tr("No"))
        self.buttons[Priority.ELDERLY].setText(tr("Elderly"))
        self.buttons[Priority.DISABLED].setText(tr("Disability"))
        self.buttons[Priority.PREGNANT].setText(tr("Pregnant"))
        self.back_button.setText(tr("Back"))
