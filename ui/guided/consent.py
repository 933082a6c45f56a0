"""What is collected and why (UU PDP), then "Saya setuju", back to the answers, or cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QScrollArea, QWidget

from kiosk.wizard.consent import CONSENT_AGREE, CONSENT_TITLE
from ui.base.screen import Screen, make_button, scroll_by_dragging
from ui.guided.parts import (
    BACK_WIDTH_PX,
    SCREEN_MARGIN_PX,
    SpeakerButton,
    fixed_width,
    left_label,
    nav_row,
    title_row,
)
from ui.i18n import Tr


class ConsentScreen(Screen):
    name = "consent"

    back = Signal()
    cancel = Signal()
    agree = Signal()
    speak = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column.setContentsMargins(*(SCREEN_MARGIN_PX,) * 4)
        self.title = left_label("title", object_name="consent_title")
        self.speak_button = SpeakerButton()
        self.speak_button.clicked.connect(self.speak)
        self.statement = left_label("info", object_name="consent_text")
        self.statement.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.statement)
        scroll_by_dragging(scroll)
        self.back_button = make_button("back")
        self.back_button.clicked.connect(self.back)
        self.cancel_button = make_button("cancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.agree_button = make_button("agree", "primary")
        self.agree_button.clicked.connect(self.agree)
        self.column.addLayout(title_row(self.title, self.speak_button))
        self.column.addWidget(scroll, 1)
        # "Batal" beside "Kembali", far from "Saya setuju": a tap that misses the one
        # the citizen wants never lands on the other.
        buttons = nav_row(self.back_button, self.agree_button)
        buttons.insertWidget(1, fixed_width(self.cancel_button, BACK_WIDTH_PX))
        self.column.addLayout(buttons)

    def show_statement(self, text: str) -> None:
        self.statement.setText(text)

    def spoken_text(self) -> str:
        return f"{self.title.text()}. {self.statement.text()}"

    def retranslate(self, tr: Tr) -> None:
        self.title.setText(tr(CONSENT_TITLE))
        self.speak_button.setText(tr("Listen"))
        self.back_button.setText(tr("Back"))
        self.cancel_button.setText(tr("Cancel"))
        self.agree_button.setText(tr(CONSENT_AGREE))
