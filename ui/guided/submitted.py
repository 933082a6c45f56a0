"""The application is stored: the tracking code very large, spelled, and the ready date."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kiosk.applications.types import Receipt
from kiosk.wizard.messages import text_in
from ui.base.screen import Screen, make_button, make_label
from ui.guided.parts import SCREEN_MARGIN_PX, nav_row
from ui.i18n import Tr
from ui.voice import spoken_code


def spelled(code: str) -> str:
    """ "K7QM-2XHD" as "K 7 Q M - 2 X H D": one symbol at a time, for reading out."""
    return " ".join(code)


def long_date(day: date, language: str) -> str:
    """ "Senin, 3 Maret 2026": the weekday helps a person plan the visit."""
    return str(format_date(day, format="EEEE, d MMMM y", locale=language))


class SubmittedScreen(Screen):
    """With a printed receipt: take it. Without: show this code to a staff member."""

    name = "submitted"

    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = make_label("title", object_name="heading")
        self.service = make_label("subtitle", object_name="service_title")
        self.code_heading = make_label("info", object_name="code_heading")
        self.code = make_label("code", object_name="tracking_code")
        self.ready = make_label("info", object_name="ready_on")
        self.not_printed = make_label("warning", object_name="not_printed")
        self.take = make_label("title", object_name="take_receipt")
        self.finish_button = make_button("finish", "primary")
        self.finish_button.clicked.connect(self.finished)
        for widget in (self.heading, self.service, self.code_heading, self.code, self.ready):
            self.column.addWidget(widget)
        self.column.addStretch(1)
        self.column.addWidget(self.not_printed)
        self.column.addWidget(self.take)
        self.column.addLayout(nav_row(None, self.finish_button))  # where Next was
        self.column.setSpacing(12)
        self.column.setContentsMargins(*(SCREEN_MARGIN_PX,) * 4)
        self._receipt: Receipt | None = None
        self._printed = True
        self._tr = Tr()

    def show_receipt(self, receipt: Receipt, printed: bool) -> None:
        self._receipt = receipt
        self._printed = printed
        self._fill()

    def forget(self) -> None:
        """The citizen left with their receipt: their code leaves the screen."""
        self._receipt = None
        for label in (self.service, self.code, self.ready, self.not_printed):
            label.setText("")
        self.code.setAccessibleName("")

    def spoken_text(self) -> str:
        """The code symbol by symbol, and what to do next."""
        receipt, _ = self._receipt, self._tr
        if receipt is None:
            return ""
        parts = [self.code_heading.text(), spoken_code(receipt.tracking_code, _.language)]
        parts += [self.ready.text(), self.not_printed.text(), self.take.text()]
        return ". ".join(part.rstrip(".") for part in parts if part) + "."

    def retranslate(self, tr: Tr) -> None:
        self._tr = tr
        self.heading.setText(tr("Your application has been received"))
        self.code_heading.setText(tr("Your tracking code:"))
        self.finish_button.setText(tr("Done"))
        self._fill()

    def _fill(self) -> None:
        receipt, _ = self._receipt, self._tr
        if receipt is None:
            return
        self.service.setText(text_in(receipt.service_title, _.language))
        self.code.setText(spelled(receipt.tracking_code))
        self.code.setAccessibleName(receipt.tracking_code)
        ready = long_date(receipt.ready_on, _.language)
        self.ready.setText(_("Ready from: %(date)s") % {"date": ready})
        if self._printed:
            self.take.setText(_("Please take your receipt."))
            self.not_printed.setText("")
        else:
            self.not_printed.setText(_("The receipt could not be printed."))
            self.take.setText(_("Show this code to a staff member."))
        self.not_printed.setVisible(not self._printed)
