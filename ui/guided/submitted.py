"""The application is stored: the tracking code very large, spelled, and what comes next
(the queue line, the day to come back, what to bring) in the receipt's own words."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from kiosk.applications.types import Receipt
from kiosk.wizard.messages import text_in
from printing import receipt_words as words
from ui.base.screen import Screen, make_button, make_label, scroll_by_dragging
from ui.guided.bullets import fill_bullets
from ui.guided.parts import SCREEN_MARGIN_PX, left_label, nav_row
from ui.i18n import Tr
from ui.voice import spoken_code


def spelled(code: str) -> str:
    """ "K7QM-2XHD" as "K 7 Q M - 2 X H D": one symbol at a time, for reading out."""
    return " ".join(code)


def long_date(day: date, language: str) -> str:
    """ "Senin, 3 Maret 2026": the weekday helps a person plan the visit."""
    return str(format_date(day, format="EEEE, d MMMM y", locale=language))


class SubmittedScreen(Screen):
    """With a printed receipt: take it. Without: "Coba lagi" prints it again, and the
    code stays until someone taps "Selesai" (no timeout takes it away: the flow says
    it is busy meanwhile)."""

    name = "submitted"

    finished = Signal()
    print_again = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = make_label("title", object_name="heading")
        self.service = make_label("subtitle", object_name="service_title")
        self.code_heading = make_label("info", object_name="code_heading")
        self.code = make_label("code", object_name="tracking_code")
        self.not_printed = make_label("warning", object_name="not_printed")
        self.take = make_label("info", object_name="take_receipt")
        self.next_heading = left_label("row_value", object_name="next_heading")
        self.next_steps = QVBoxLayout()
        self.bring_heading = left_label("row_value", object_name="bring_heading")
        self.bring = QVBoxLayout()
        self.retry_button = make_button("print_again")
        self.retry_button.clicked.connect(self.print_again)
        self.finish_button = make_button("finish", "primary")
        self.finish_button.clicked.connect(self.finished)
        self.column.addWidget(self.heading)
        self.column.addWidget(self.service)
        self.column.addLayout(self._code_row())
        self.column.addWidget(self._what_next(), 1)
        self.column.addWidget(self.not_printed)
        self.column.addWidget(self.take)
        self.column.addLayout(nav_row(None, self.finish_button, self.retry_button))
        self.column.setSpacing(8)
        self.column.setContentsMargins(*(SCREEN_MARGIN_PX,) * 4)
        self._receipt: Receipt | None = None
        self._printed = True
        self._printing = False
        self._line = ""
        self._tr = Tr()

    @property
    def printed(self) -> bool:
        return self._printed

    def show_receipt(self, receipt: Receipt, printed: bool, line: str = "") -> None:
        """`line`: the queue line that serves this service (the service's queue_service)."""
        self._receipt = receipt
        self._printed = printed
        self._printing = False
        self._line = line or self._line
        self._fill()

    def set_printing(self) -> None:
        """ "Coba lagi" was tapped: the receipt is on its way to the printer."""
        self._printing = True
        self._fill()

    def forget(self) -> None:
        """The citizen left with their receipt: their code leaves the screen."""
        self._receipt = None
        self._line = ""
        for label in (self.service, self.code, self.not_printed):
            label.setText("")
        fill_bullets(self.next_steps, [], "next_step")
        fill_bullets(self.bring, [], "bring_item")
        self.code.setAccessibleName("")

    def spoken_text(self) -> str:
        """The code symbol by symbol, and what to do next."""
        receipt, _ = self._receipt, self._tr
        if receipt is None:
            return ""
        parts = [self.code_heading.text(), spoken_code(receipt.tracking_code, _.language)]
        parts += [self.not_printed.text(), self.take.text(), self.next_heading.text()]
        parts += [*self._steps(), self.bring_heading.text(), *self._things()]
        return ". ".join(part.rstrip(".:") for part in parts if part) + "."

    def retranslate(self, tr: Tr) -> None:
        self._tr = tr
        self.heading.setText(tr("Your application has been received"))
        self.code_heading.setText(tr(words.TRACKING_CODE))
        self.next_heading.setText(tr("What to do next:"))
        self.bring_heading.setText(tr(words.WHAT_TO_BRING))
        self._fill()

    def _code_row(self) -> QHBoxLayout:
        """ "Kode lacak" beside the code, as large as the width allows."""
        row = QHBoxLayout()
        row.setSpacing(24)
        row.addStretch(1)
        row.addWidget(self.code_heading)
        row.addWidget(self.code)
        row.addStretch(1)
        return row

    def _what_next(self) -> QScrollArea:
        """What to do next at the left, what to bring at the right; a long list scrolls
        (the bar shows there is more) rather than pushing "Selesai" off the panel."""
        body = QWidget()
        columns = QHBoxLayout(body)
        columns.setContentsMargins(0, 0, 16, 0)
        columns.setSpacing(40)
        sides = ((self.next_heading, self.next_steps), (self.bring_heading, self.bring))
        for heading, items in sides:
            side = QVBoxLayout()
            side.setSpacing(4)
            side.addWidget(heading)
            side.addLayout(items)
            side.addStretch(1)
            columns.addLayout(side, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        scroll_by_dragging(scroll)
        return scroll

    def _steps(self) -> list[str]:
        receipt, _ = self._receipt, self._tr
        if receipt is None:
            return []
        steps = []
        if self._line:
            steps.append(_("Take a queue number for line %(line)s.") % {"line": self._line})
        steps.append(words.letter_note(receipt, _.language))
        day = words.come_back_on(receipt, _.language)
        steps.append(f"{_(words.COME_BACK_ON)}: {day}")  # the receipt's "label: value"
        return [step for step in steps if step]

    def _things(self) -> list[str]:
        receipt = self._receipt
        return words.things_to_bring(receipt, self._tr.language) if receipt is not None else []

    def _fill(self) -> None:
        receipt, _ = self._receipt, self._tr
        if receipt is None:
            return
        self.service.setText(text_in(receipt.service_title, _.language))
        self.code.setText(spelled(receipt.tracking_code))
        self.code.setAccessibleName(receipt.tracking_code)
        fill_bullets(self.next_steps, self._steps(), "next_step")
        fill_bullets(self.bring, self._things(), "bring_item")
        self._fill_printing()

    def _fill_printing(self) -> None:
        """Printed: take it. Not printed: try again, or the code goes to a staff member."""
        _ = self._tr
        if self._printed:
            self.take.setText(_("Please take your receipt."))
            self.not_printed.setText("")
            self.finish_button.setText(_("Done"))
        else:
            self.not_printed.setText(_("The receipt could not be printed."))
            self.take.setText(
                _("Write this code down, or show it to a staff member at the counter.")
            )
            self.finish_button.setText(_("I have the code"))
        self.retry_button.setText(_("Printing…") if self._printing else _("Try again"))
        self.retry_button.setEnabled(not self._printing)
        self.retry_button.setVisible(not self._printed)
        self.not_printed.setVisible(not self._printed)
