"""While the application is stored and the receipt prints: a calm sentence and a busy bar."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.base.screen import Screen, make_label
from ui.guided.parts import busy_bar
from ui.guided.problem import ASK_AT_COUNTER
from ui.i18n import Tr


class FinishingScreen(Screen):
    """Nothing to tap: leaving now could lose the tracking code."""

    name = "finishing"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = make_label("title", object_name="message")
        self.hint = make_label("subtitle", object_name="hint")
        self.slow = make_label("info", object_name="slow")
        self.help = make_label("info", object_name="staff_where")
        self.progress = busy_bar()
        self.column.addStretch(1)
        for widget in (self.message, self.progress, self.hint, self.slow, self.help):
            self.column.addWidget(widget)
        self.column.addStretch(1)
        self.set_slow(False)

    def set_slow(self, slow: bool) -> None:
        """Say that it takes long (the printer may be stuck), without leaving the screen."""
        self.slow.setVisible(slow)
        self.help.setVisible(slow)

    def retranslate(self, tr: Tr) -> None:
        self.message.setText(tr("Saving your application and printing your receipt…"))
        self.hint.setText(tr("Please wait a moment."))
        self.slow.setText(tr("This is taking longer than usual. Please call a staff member."))
        self.help.setText(tr(ASK_AT_COUNTER))
