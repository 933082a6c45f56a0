"""The result: the number in very large type, how many are ahead, where to wait."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kiosk.i18n import pick_language
from kiosk.queue.messages import people_ahead_text, wait_text
from kiosk.queue.types import IssuedTicket
from ui.base.screen import Screen, make_button, make_label
from ui.i18n import Tr


class DoneScreen(Screen):
    name = "done"

    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = make_label("title", object_name="your_number")
        self.number = make_label("number", object_name="ticket_number")
        self.line_name = make_label("subtitle", object_name="line_name")
        self.people_ahead = make_label("info", object_name="people_ahead")
        self.wait = make_label("info", object_name="estimated_wait")
        self.where_to_wait = make_label("info", object_name="where_to_wait")
        self.take_ticket = make_label("title", object_name="take_ticket")
        self.finish_button = make_button("finish", "primary")
        self.finish_button.clicked.connect(self.finished)
        self.column.addWidget(self.heading)
        self.column.addWidget(self.number)
        self.column.addWidget(self.line_name)
        for label in (self.people_ahead, self.wait, self.where_to_wait):
            self.column.addWidget(label)
        self.column.addStretch(1)
        self.column.addWidget(self.take_ticket)
        self.column.addWidget(self.finish_button)
        self.column.setSpacing(12)
        self._ticket: IssuedTicket | None = None
        self._tr = Tr()

    def show_ticket(self, ticket: IssuedTicket) -> None:
        self._ticket = ticket
        self._fill()

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
        self.people_ahead.setText(people_ahead_text(ticket.people_ahead, _.language))
        self.wait.setText(wait_text(ticket.estimated_wait_minutes, _.language))
        where = pick_language(ticket.line.where_to_wait, _.language)
        self.where_to_wait.setText(where)
        self.where_to_wait.setVisible(bool(where))
