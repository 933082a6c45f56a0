"""Before the first question: what to bring, how many questions and how long, who helps."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from kiosk.catalogue.model import ServiceDefinition
from kiosk.wizard.messages import text_in
from ui.base.screen import Screen, make_button, scroll_by_dragging
from ui.guided.bullets import fill_bullets
from ui.guided.parts import (
    SCREEN_MARGIN_PX,
    SpeakerButton,
    clear_layout,
    left_label,
    nav_row,
    title_row,
)
from ui.guided.problem import ASK_AT_COUNTER
from ui.i18n import Tr

# A first-time, elderly citizen on the keypads takes 20-40 s a screen (the issue timed
# 19 screens at 8-12 minutes): 30 s each, and three more screens after the questions
# (the summary, the consent, the receipt).
SECONDS_PER_SCREEN = 30
SCREENS_AFTER_QUESTIONS = 3


def minutes_needed(questions: int) -> int:
    """About how long the whole form takes, in whole minutes (rounded up, at least one)."""
    seconds = (max(0, questions) + SCREENS_AFTER_QUESTIONS) * SECONDS_PER_SCREEN
    return max(1, math.ceil(seconds / 60))


class ServiceIntroScreen(Screen):
    """One look at the whole errand before it starts; "Mulai" opens the first question."""

    name = "service_intro"

    back = Signal()
    start = Signal()
    speak = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column.setContentsMargins(*(SCREEN_MARGIN_PX,) * 4)
        self.title = left_label("title", object_name="intro_title")
        self.speak_button = SpeakerButton()
        self.speak_button.clicked.connect(self.speak)
        self.bring_heading = left_label("row_value", object_name="bring_heading")
        self.bring = QVBoxLayout()
        self.bring.setSpacing(8)
        self.length = left_label("info", object_name="form_length")
        self.help = left_label("info", object_name="clerk_help")
        self.back_button = make_button("back")
        self.back_button.clicked.connect(self.back)
        self.start_button = make_button("start", "primary", big=True)
        self.start_button.clicked.connect(self.start)
        self.column.addLayout(title_row(self.title, self.speak_button))
        self.column.addLayout(self._body(), 1)
        self.column.addLayout(nav_row(self.back_button, self.start_button))
        self._definition: ServiceDefinition | None = None
        self._questions = 0
        self._tr = Tr()

    def show_service(self, definition: ServiceDefinition, questions: int, tr: Tr) -> None:
        """`questions`: how many steps the wizard counts now (an answer may add one)."""
        self._definition = definition
        self._questions = questions
        self.retranslate(tr)

    def forget(self) -> None:
        self._definition = None
        clear_layout(self.bring)
        for label in (self.title, self.length):
            label.setText("")

    def spoken_text(self) -> str:
        parts = [self.title.text(), self.bring_heading.text(), *self._items()]
        parts += [self.length.text(), self.help.text()]
        return ". ".join(part.rstrip(".:") for part in parts if part) + "."

    def retranslate(self, tr: Tr) -> None:
        self._tr = tr
        self.speak_button.setText(tr("Listen"))
        self.bring_heading.setText(tr("What to bring:"))
        self.help.setText(tr(ASK_AT_COUNTER))
        self.back_button.setText(tr("Back"))
        self.start_button.setText(tr("Start"))
        self._fill()

    def _body(self) -> QHBoxLayout:
        """What to bring at the left (it may be long: it scrolls), the rest at the right."""
        bring = QWidget()
        bring_column = QVBoxLayout(bring)
        bring_column.setContentsMargins(0, 0, 16, 0)
        bring_column.addWidget(self.bring_heading)
        bring_column.addLayout(self.bring)
        bring_column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(bring)
        scroll_by_dragging(scroll)
        facts = QVBoxLayout()
        facts.setSpacing(32)
        for label in (self.length, self.help):
            facts.addWidget(label)
        facts.addStretch(1)
        body = QHBoxLayout()
        body.setSpacing(40)
        body.addWidget(scroll, 3)
        body.addLayout(facts, 2)
        return body

    def _items(self) -> list[str]:
        if self._definition is None:
            return []
        return [text_in(texts, self._tr.language) for texts in self._definition.requirements]

    def _fill(self) -> None:
        definition, tr = self._definition, self._tr
        if definition is None:
            return
        self.title.setText(text_in(definition.title, tr.language))
        fill_bullets(self.bring, self._items() or [tr("Nothing to bring.")], "bring_item")
        count, minutes = self._questions, minutes_needed(self._questions)
        questions = tr.ngettext(
            "There is %(count)d question.", "There are %(count)d questions.", count
        )
        time = tr.ngettext(
            "It takes about %(minutes)d minute.", "It takes about %(minutes)d minutes.", minutes
        )
        self.length.setText(f"{questions % {'count': count}} {time % {'minutes': minutes}}")
