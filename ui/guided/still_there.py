"""Nobody has touched the form for a while: "Masih di sini?" and a countdown."""

from __future__ import annotations

import math

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ui.base.screen import Screen, make_button, make_label
from ui.i18n import Tr


class StillThereScreen(Screen):
    """One big button keeps the form; when the countdown ends the window wipes it."""

    name = "still_there"

    resume = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = make_label("title", object_name="question")
        self.countdown = make_label("info", object_name="countdown")
        self.resume_button = make_button("resume", "primary", big=True)
        self.resume_button.clicked.connect(self.resume)
        self.column.addStretch(1)
        self.column.addWidget(self.question)
        self.column.addWidget(self.countdown)
        self.column.addSpacing(24)
        self.column.addWidget(self.resume_button)
        self.column.addStretch(1)
        self._seconds_left = 0.0
        self._tr = Tr()

    def show_seconds_left(self, seconds: float) -> None:
        self._seconds_left = seconds
        self._fill()

    def spoken_text(self) -> str:
        return f"{self.question.text()} {self.resume_button.text()}."

    def retranslate(self, tr: Tr) -> None:
        self._tr = tr
        self.question.setText(tr("Are you still there?"))
        self.resume_button.setText(tr("Yes, continue"))
        self._fill()

    def _fill(self) -> None:
        seconds = max(0, math.ceil(self._seconds_left))
        text = self._tr.ngettext(
            "Your answers will be deleted in %(count)d second.",
            "Your answers will be deleted in %(count)d seconds.",
            seconds,
        )
        self.countdown.setText(text % {"count": seconds})
