"""The application was not stored: say so plainly, offer to try again or to stop."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kiosk.i18n import N_
from ui.base.screen import Screen, make_button, make_label
from ui.guided.parts import BACK_WIDTH_PX, at_least, nav_row
from ui.i18n import Tr

NOT_SAVED = N_(
    "Your application could not be saved. Please try again, or call a staff member for help."
)
NOT_STARTED = N_("This service cannot be started right now. Please call a staff member for help.")
# Where the staff are: on every screen that may need them (the intro, problems, slow printing).
ASK_AT_COUNTER = N_("If you need help, ask a staff member at the counter.")


class ApplicationProblemScreen(Screen):
    """ "Coba lagi" finalises the same answers again (nothing was stored); "Kembali ke
    awal" forgets them."""

    name = "submission_problem"

    retry = Signal()
    back_to_start = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = make_label("warning", object_name="heading")
        self.message = make_label("title", object_name="message")
        self.help = make_label("info", object_name="staff_where")
        self.back_button = make_button("back_to_start")
        self.back_button.clicked.connect(self.back_to_start)
        self.retry_button = make_button("retry", "primary")
        self.retry_button.clicked.connect(self.retry)
        self.column.addStretch(1)
        self.column.addWidget(self.heading)
        self.column.addWidget(self.message)
        self.column.addWidget(self.help)
        self.column.addStretch(1)
        self.column.addLayout(nav_row(self.back_button, self.retry_button))
        # Where Back is, as wide as "Kembali ke awal" needs (Back's width cut it off).
        at_least(self.back_button, BACK_WIDTH_PX)
        self._message = NOT_SAVED
        self._tr = Tr()

    def show_message(self, msgid: str, can_retry: bool) -> None:
        self._message = msgid
        self.retry_button.setVisible(can_retry)
        self._fill()

    def spoken_text(self) -> str:
        return f"{self.message.text()} {self.help.text()}"

    def retranslate(self, tr: Tr) -> None:
        self._tr = tr
        self.heading.setText(tr("Sorry"))
        self.help.setText(tr(ASK_AT_COUNTER))
        self.back_button.setText(tr("Back to start"))
        self.retry_button.setText(tr("Try again"))
        self._fill()

    def _fill(self) -> None:
        self.message.setText(self._tr(self._message))
