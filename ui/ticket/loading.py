"""While the service list is still on its way (the kiosk is starting): a calm wait."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QProgressBar, QWidget

from ui.base.screen import Screen, make_button, make_label
from ui.i18n import Tr
from ui.ticket.spoken import sentences


class LoadingScreen(Screen):
    """The window moves on by itself when the list arrives; Back is there for the impatient."""

    name = "loading"

    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = make_label("title", object_name="message")
        self.hint = make_label("subtitle", object_name="hint")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: nobody knows how long the database takes
        self.progress.setTextVisible(False)
        self.back_button = make_button("back")
        self.back_button.clicked.connect(self.back)
        self.column.addStretch(1)
        self.column.addWidget(self.message)
        self.column.addWidget(self.progress)
        self.column.addWidget(self.hint)
        self.column.addStretch(1)
        self.column.addWidget(self.back_button)

    def spoken_text(self) -> str:
        return sentences([self.message.text(), self.hint.text()])

    def retranslate(self, tr: Tr) -> None:
        self.message.setText(tr("Please wait a moment…"))
        self.hint.setText(tr("The list of services is being prepared."))
        self.back_button.setText(tr("Back"))
