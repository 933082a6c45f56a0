"""While the ticket prints: a plain sentence and a moving bar, nothing to tap."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar, QWidget

from ui.base.screen import Screen, make_label
from ui.i18n import Tr
from ui.ticket.spoken import sentences


class PrintingScreen(Screen):
    name = "printing"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = make_label("title")
        self.hint = make_label("subtitle")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: we cannot know how far the printer is
        self.progress.setTextVisible(False)
        self.column.addStretch(1)
        self.column.addWidget(self.message)
        self.column.addWidget(self.progress)
        self.column.addWidget(self.hint)
        self.column.addStretch(1)

    def spoken_text(self) -> str:
        return sentences([self.message.text(), self.hint.text()])

    def retranslate(self, tr: Tr) -> None:
        self.message.setText(tr("Printing your number…"))
        self.hint.setText(tr("Please wait a moment."))
