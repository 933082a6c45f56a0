"""Before the number prints: the service and the priority chosen, to print or to change."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.queue.types import Priority, QueueLine
from ui.base.screen import Screen, make_button, make_label
from ui.i18n import Tr
from ui.pictograms import PictogramLabel, show_pictogram
from ui.ticket.priority import CHOICES, choice_name
from ui.ticket.spoken import sentences

CHOSEN_PICTURE_PX = 96


class ConfirmScreen(Screen):
    """A wrong tap on the priority screen costs one tap to undo, never a wrong ticket:
    nothing is printed before "Print my number". The chosen answer keeps its picture."""

    name = "ticket_confirm"

    confirmed = Signal()
    change = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = make_label("title", object_name="question")
        self.line = make_label("title", object_name="chosen_line")
        self.picture = PictogramLabel(CHOSEN_PICTURE_PX)
        self.picture.setObjectName("chosen_picture")
        self.priority = make_label("title", object_name="chosen_priority")
        self.print_button = make_button("print_ticket", "primary", big=True)
        show_pictogram(self.print_button, "ticket")
        self.print_button.clicked.connect(self.confirmed)
        self.change_button = make_button("change_priority")
        self.change_button.clicked.connect(self.change)
        self.column.addWidget(self.question)
        self.column.addStretch(1)
        self.column.addWidget(self.line)
        self.column.addLayout(self._priority_row())
        self.column.addStretch(1)
        self.column.addWidget(self.print_button)
        self.column.addWidget(self.change_button)  # where Back is on the other screens
        self._line: QueueLine | None = None
        self._priority: Priority | None = None
        self._tr = Tr()

    def _priority_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.picture)
        row.addWidget(self.priority)
        row.addStretch(1)
        self.priority.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        return row

    def show_choice(self, line: QueueLine, priority: Priority | None) -> None:
        self._line, self._priority = line, priority
        self._fill()

    def spoken_text(self) -> str:
        buttons = (self.print_button.text(), self.change_button.text())
        return sentences([self.question.text(), self.line.text(), self.priority.text(), *buttons])

    def retranslate(self, tr: Tr) -> None:
        self._tr = tr
        self.question.setText(tr("Is this right?"))
        self.print_button.setText(tr("Print my number"))
        self.change_button.setText(tr("Change"))
        self._fill()

    def _fill(self) -> None:
        _, line = self._tr, self._line
        if line is None:
            return
        self.line.setText(
            _("Service %(letter)s: %(name)s")
            % {"letter": line.prefix, "name": line.name(_.language)}
        )
        if self._priority is None:
            self.priority.setText(_("No priority"))
        else:
            self.priority.setText(
                _("Priority: %(choice)s") % {"choice": _(choice_name(self._priority))}
            )
        self.picture.set_kind(next(pic for chosen, _w, pic in CHOICES if chosen is self._priority))
