"""What a signed-in staff member can do at this PC; the session ends with "Keluar"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ui.base.screen import Screen, make_button, make_label
from ui.i18n import Tr

if TYPE_CHECKING:
    from ui.voice import VoiceProblem


class StaffMenu(Screen):
    """Shown only after a PIN was accepted (`ui.staff.flow.StaffFlow`). When the start-up
    check found the voice silent, a notice says so here: staff see it, citizens do not."""

    name = "staff_menu"
    documents_chosen = Signal()
    counter_chosen = Signal()  # the loket's screen (a counter PC only)
    report_chosen = Signal()  # print today's report (when the office has an A4 printer)
    sign_out_chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tr = Tr()
        self._who = ""
        self._voice_problem: VoiceProblem | None = None
        self.title = make_label("title", object_name="staff_title")
        self.voice_notice = make_label("problem", centred=False, object_name="voice_notice")
        self.voice_notice.setVisible(False)
        self.documents_button = make_button("staff_documents", "primary", big=True)
        self.documents_button.clicked.connect(self.documents_chosen)
        self.counter_button = make_button("staff_counter", "primary", big=True)
        self.counter_button.clicked.connect(self.counter_chosen)
        self.counter_button.setVisible(False)
        self.report_button = make_button("staff_daily_report")
        self.report_button.clicked.connect(self.report_chosen)
        self.report_button.setVisible(False)
        self.report_message = make_label("info", object_name="report_message")
        self.report_message.setVisible(False)
        self.sign_out_button = make_button("staff_sign_out")
        self.sign_out_button.clicked.connect(self.sign_out_chosen)
        self.column.addWidget(self.title)
        self.column.addWidget(self.voice_notice)
        self.column.addStretch(1)
        self.column.addWidget(self.counter_button)
        self.column.addWidget(self.documents_button)
        self.column.addWidget(self.report_button)
        self.column.addWidget(self.report_message)
        self.column.addStretch(1)
        self.column.addWidget(self.sign_out_button)

    def show_who(self, name: str) -> None:
        self._who = name
        self.retranslate(self._tr)

    def retranslate(self, tr: Tr) -> None:
        self._tr = tr
        self.title.setText(tr("Staff menu: %(name)s") % {"name": self._who})
        self.documents_button.setText(tr("Print a proof or a letter"))
        self.counter_button.setText(tr("Loket"))
        self.report_button.setText(tr("Print today's report"))
        self.sign_out_button.setText(tr("Sign out"))
        if self._voice_problem is not None:
            self.voice_notice.setText(
                tr(
                    "The kiosk's voice does not work (%(part)s). Please tell the "
                    "technician: the command kiosk doctor shows the fix."
                )
                % {"part": self._voice_problem.what_in(tr.language)}
            )

    def show_voice_problem(self, problem: VoiceProblem) -> None:
        """Why the voice cannot speak, until the kiosk restarts (every clerk sees it)."""
        self._voice_problem = problem
        self.voice_notice.setVisible(True)
        self.retranslate(self._tr)

    def say_about_report(self, text: str) -> None:
        self.report_message.setText(text)
        self.report_message.setVisible(bool(text))

    def forget(self) -> None:
        self.show_who("")
        self.say_about_report("")
