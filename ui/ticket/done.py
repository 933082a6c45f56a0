"""The result: the number in very large type, the priority, how many are ahead, where to wait."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kiosk.i18n import pick_language
from kiosk.queue.messages import people_ahead_text, priority_text, wait_text
from kiosk.queue.types import IssuedTicket
from ui.base.screen import Screen, make_button, make_label
from ui.i18n import Tr
from ui.ticket.spoken import sentences

# The longest done screen (a priority, where to wait on two lines, Javanese's two-line
# "take your ticket") fits 800 px with these; the texts keep their line height between.
SIDE_MARGIN_PX, END_MARGIN_PX = 32, 24  # 32 at the sides as on the guided screens
SPACING_PX = 6


class DoneScreen(Screen):
    """What the ticket says, in the order it says it: the number, then the priority the
    citizen chose (in the ticket's own words), then the line and the wait."""

    name = "done"

    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = make_label("title", object_name="your_number")
        self.number = make_label("number", object_name="ticket_number")
        self.priority = make_label("info", object_name="priority")
        bold = self.priority.font()
        bold.setBold(True)  # bold on the ticket too
        self.priority.setFont(bold)
        self.priority.hide()
        self.line_name = make_label("subtitle", object_name="line_name")
        self.people_ahead = make_label("info", object_name="people_ahead")
        self.wait = make_label("info", object_name="estimated_wait")
        self.where_to_wait = make_label("info", object_name="where_to_wait")
        self.take_ticket = make_label("title", object_name="take_ticket")
        self.finish_button = make_button("finish", "primary")
        self.finish_button.clicked.connect(self.finished)
        self.column.addWidget(self.heading)
        self.column.addWidget(self.number)
        self.column.addWidget(self.priority)
        self.column.addWidget(self.line_name)
        for label in (self.people_ahead, self.wait, self.where_to_wait):
            self.column.addWidget(label)
        self.column.addStretch(1)
        self.column.addWidget(self.take_ticket)
        self.column.addWidget(self.finish_button)
        self.column.setSpacing(SPACING_PX)
        self.column.setContentsMargins(SIDE_MARGIN_PX, END_MARGIN_PX, SIDE_MARGIN_PX, END_MARGIN_PX)
        self._ticket: IssuedTicket | None = None
        self._tr = Tr()

    def show_ticket(self, ticket: IssuedTicket) -> None:
        self._ticket = ticket
        self._fill()

    def spoken_text(self) -> str:
        """What the voice reads when the screen shows, top to bottom: the number (as the
        counter will call it), the priority, the line, the wait. The priority in sentence
        case: a voice may spell out a word written in capitals."""
        from ui.voice import spoken_ticket  # here: the start screen loads no speech parts

        ticket, _ = self._ticket, self._tr
        if ticket is None:
            return ""
        parts = [self.heading.text(), spoken_ticket(ticket.line.prefix, ticket.number, _.language)]
        if ticket.priority is not None:
            parts.append(priority_text(ticket.priority, _.language).capitalize())
        labels = (self.line_name, self.people_ahead, self.wait, self.where_to_wait)
        return sentences([*parts, *(label.text() for label in (*labels, self.take_ticket))])

    def retranslate(self, tr: Tr) -> None:
        self._tr = tr
        self.heading.setText(tr("Your number"))
        self.take_ticket.setText(tr("Please take your ticket from the printer."))
        self.finish_button.setText(tr("Done"))
        self._fill()

    def _fill(self) -> None:
        ticket, _ = self._ticket, self._tr
        if ticket is None:
            return
        self.number.setText(ticket.code)
        self.line_name.setText(ticket.line.name(_.language))
        chosen = ticket.priority
        self.priority.setText(priority_text(chosen, _.language) if chosen else "")
        self.priority.setVisible(chosen is not None)
        self.people_ahead.setText(people_ahead_text(ticket.people_ahead, _.language))
        self.wait.setText(wait_text(ticket.estimated_wait_minutes, _.language))
        where = pick_language(ticket.line.where_to_wait, _.language)
        self.where_to_wait.setText(where)
        self.where_to_wait.setVisible(bool(where))
