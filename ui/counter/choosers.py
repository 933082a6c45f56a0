"""The counter's two small choosers: which held ticket to resume, where to send a ticket."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from kiosk.queue.types import CounterTicket, QueueLine
from ui.base.screen import Screen, make_button, make_label
from ui.counter.setup_screen import MARGIN_PX, SPACING_PX, number_grid
from ui.guided.parts import clear_layout
from ui.i18n import Tr

COLUMNS = 4


class ResumeScreen(Screen):
    """The loket's tickets set aside, oldest first; one tap calls it back."""

    name = "counter_resume"
    chosen = Signal(int)  # the ticket id
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tr = Tr()
        self.buttons: dict[int, QPushButton] = {}
        self.title = make_label("title", centred=False, object_name="resume_title")
        self.none = make_label("info", object_name="resume_none")
        self.grid = QGridLayout()
        self.grid.setSpacing(SPACING_PX)
        for column in range(COLUMNS):  # one ticket set aside is a quarter wide, not all
            self.grid.setColumnStretch(column, 1)
        self.cancel_button = make_button("resume_cancel", "link")
        self.cancel_button.clicked.connect(self.cancelled)
        self.column.setContentsMargins(*(MARGIN_PX,) * 4)
        self.column.addWidget(self.title)
        self.column.addWidget(self.none)
        self.column.addLayout(self.grid)
        self.column.addStretch(1)
        self.column.addWidget(self.cancel_button)
        self.retranslate(self._tr)

    def offer(self, held: Sequence[CounterTicket]) -> None:
        clear_layout(self.grid)
        self.buttons = {}
        for index, ticket in enumerate(held):
            button = make_button(f"resume_{ticket.ticket_id}", "choice")
            button.setText(ticket.code)
            button.clicked.connect(lambda _on=False, t=ticket.ticket_id: self.chosen.emit(t))
            self.grid.addWidget(button, index // COLUMNS, index % COLUMNS)
            self.buttons[ticket.ticket_id] = button
        self.none.setVisible(not held)

    def retranslate(self, tr: Tr) -> None:
        self._tr = tr
        self.title.setText(tr("Resume a ticket set aside"))
        self.none.setText(tr("No ticket is set aside at this loket."))
        self.cancel_button.setText(tr("Cancel"))

    def forget(self) -> None:
        self.offer([])


class TransferScreen(Screen):
    """Send the ticket at the desk to another line (a new number there) or to wait for
    another loket (its number kept)."""

    name = "counter_transfer"
    to_line = Signal(str)
    to_loket = Signal(int)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tr = Tr()
        self._code = ""
        self._lines: list[QueueLine] = []
        self.line_buttons: dict[str, QPushButton] = {}
        self.title = make_label("title", centred=False, object_name="transfer_title")
        self.line_prompt = make_label("subtitle", centred=False, object_name="to_line_prompt")
        self.loket_prompt = make_label("subtitle", centred=False, object_name="to_loket_prompt")
        self.line_grid = QGridLayout()
        self.line_grid.setSpacing(SPACING_PX)
        self.loket_grid, self.loket_buttons = number_grid("to_loket", self.to_loket.emit)
        self.cancel_button = make_button("transfer_cancel", "link")
        self.cancel_button.clicked.connect(self.cancelled)
        self.column.setContentsMargins(*(MARGIN_PX,) * 4)
        self.column.setSpacing(SPACING_PX)
        self.column.addWidget(self.title)
        self.column.addWidget(self.line_prompt)
        self.column.addLayout(self.line_grid)
        self.column.addWidget(self.loket_prompt)
        self.column.addLayout(self.loket_grid)
        self.column.addStretch(1)
        self.column.addWidget(self.cancel_button)
        self.retranslate(self._tr)

    def offer(self, ticket: CounterTicket, lines: Sequence[QueueLine], own_loket: int) -> None:
        """Every line but the ticket's own, and every loket but this one."""
        self._code = ticket.code
        self._lines = [line for line in lines if line.code != ticket.line_code]
        clear_layout(self.line_grid)
        self.line_buttons = {}
        for index, line in enumerate(self._lines):
            button = make_button(f"to_line_{line.code}", "choice")
            button.clicked.connect(lambda _on=False, c=line.code: self.to_line.emit(c))
            self.line_grid.addWidget(button, index // 2, index % 2)
            self.line_buttons[line.code] = button
        for number, button in self.loket_buttons.items():
            button.setChecked(False)
            button.setVisible(number != own_loket)
        self.retranslate(self._tr)

    def retranslate(self, tr: Tr) -> None:
        self._tr = tr
        self.title.setText(tr("Send %(code)s on") % {"code": self._code})
        self.line_prompt.setText(tr("To another line (the citizen gets a new number):"))
        self.loket_prompt.setText(tr("Or to wait for another loket (same number):"))
        self.cancel_button.setText(tr("Cancel"))
        for line in self._lines:
            self.line_buttons[line.code].setText(f"{line.prefix}  {line.name(tr.language)}")

    def forget(self) -> None:
        self._code, self._lines = "", []
        clear_layout(self.line_grid)
        self.line_buttons = {}
