"""Where is my application? Type the tracking code (or scan the receipt) and see its status."""

from __future__ import annotations

from babel.dates import format_datetime
from PySide6.QtCore import Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.applications.tracking import GROUP, PAYLOAD_LENGTH
from kiosk.applications.types import ApplicationStatus, StatusView
from kiosk.i18n import N_, pick_language
from kiosk.wizard.messages import text_in
from ui.base.screen import Screen, make_button, make_label
from ui.guided.keypad import DELETE, Keypad, code_rows
from ui.guided.parts import SCREEN_MARGIN_PX, busy_bar, left_label, nav_row
from ui.guided.submitted import long_date, spelled
from ui.i18n import Tr

CODE_LENGTH = PAYLOAD_LENGTH + 1  # seven symbols and the check symbol
ENTRY_SPACING_PX = 12  # the code, a message, four rows of keys and Back/Check on 800 px
QR_CELLS = 21  # a version 1 QR code's modules to a side
QR_SIGN_PX = 4 * QR_CELLS
QR_SQUARES = ((0, 0), (14, 0), (0, 14))
QR_DOTS = ((9, 2), (11, 4), (8, 8), (10, 10), (12, 9), (15, 15), (17, 12), (9, 16), (19, 19))
STATUS_WORDS = {
    ApplicationStatus.RECEIVED: N_("Received at this office. It has not been processed yet."),
    ApplicationStatus.SENT: N_("Sent on to the office that handles it."),
    ApplicationStatus.IN_PROGRESS: N_("It is being processed."),
    ApplicationStatus.NEEDS_CITIZEN: N_(
        "Something more is needed from you. Please come to the office or ask a staff member."
    ),
    ApplicationStatus.READY: N_("It is ready. Please come and collect it."),
    ApplicationStatus.REJECTED: N_("It was not approved. Please ask a staff member why."),
    ApplicationStatus.COLLECTED: N_("It has already been collected."),
}
CANNOT_CHECK = N_("The status cannot be checked right now. Please ask a staff member.")


def code_row(display: QLabel, hint: QLabel) -> QHBoxLayout:
    """The code typed so far and, beside it, the other way: scanning the receipt (no
    extra line: the keys still fit under them on 800 px)."""
    row = QHBoxLayout()
    row.setSpacing(24)
    row.addWidget(display, 1)
    row.addWidget(QrSign())
    row.addWidget(hint, 1)
    return row


class QrSign(QLabel):
    """A small picture of a QR code (three corner squares and a few dots), so the
    receipt's code is recognised by its look; drawn in the text colour of the theme."""

    def __init__(self) -> None:
        super().__init__()
        self.setFixedSize(QR_SIGN_PX, QR_SIGN_PX)
        self.setAccessibleName("QR")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        colour = self.palette().color(QPalette.ColorRole.WindowText)
        cell = QR_SIGN_PX // QR_CELLS
        for x, y in QR_SQUARES:  # the finder squares: a ring of 7 modules, a centre of 3
            for left, top, width, height in (
                (0, 0, 7, 1),
                (0, 6, 7, 1),
                (0, 0, 1, 7),
                (6, 0, 1, 7),
            ):
                painter.fillRect(
                    (x + left) * cell, (y + top) * cell, width * cell, height * cell, colour
                )
            painter.fillRect((x + 2) * cell, (y + 2) * cell, 3 * cell, 3 * cell, colour)
        for x, y in QR_DOTS:
            painter.fillRect(x * cell, y * cell, cell, cell, colour)


def formatted_code(symbols: str) -> str:
    """ "K7QM2XHD" as "K7QM-2XHD" once the first group is complete."""
    return symbols if len(symbols) <= GROUP else f"{symbols[:GROUP]}-{symbols[GROUP:]}"


class StatusEntryScreen(Screen):
    """A keypad with Crockford's symbols only: no I, L, O or U to confuse."""

    name = "status_entry"

    look_up = Signal(str)  # the code typed, e.g. "K7QM-2XHD"
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column.setContentsMargins(*(SCREEN_MARGIN_PX,) * 4)
        self.column.setSpacing(ENTRY_SPACING_PX)
        self.title = make_label("title", object_name="status_title")
        self.display = make_label("entry", object_name="entry")
        self.scan_hint = left_label("hint", object_name="scan_hint")  # beside the code
        self.problem = make_label("problem", object_name="problems")
        self.searching = busy_bar()
        self._symbols = ""
        self._tr = Tr()
        self.keypad = Keypad(code_rows(), self._tr)
        self.keypad.setProperty("compact", "true")  # lower keys: a message fits above them
        self.keypad.key_pressed.connect(self._on_key)
        self.back_button = make_button("back")
        self.back_button.clicked.connect(self.back)
        self.check_button = make_button("check_status", "primary")
        self.check_button.clicked.connect(self._on_check)
        self.column.addWidget(self.title)
        self.column.addLayout(code_row(self.display, self.scan_hint))
        self.column.addWidget(self.problem)
        self.column.addWidget(self.searching)
        self.column.addWidget(self.keypad)
        self.column.addStretch(1)
        self.column.addLayout(nav_row(self.back_button, self.check_button))
        self.set_searching(False)
        self.show_problem("")

    @property
    def code(self) -> str:
        return formatted_code(self._symbols)

    def forget(self) -> None:
        self.set_code("")

    def set_code(self, code: str) -> None:
        """Show a code (typed, scanned or cleared); longer input is cut at eight symbols."""
        symbols = "".join(s for s in code.upper() if s.isalnum())
        self._symbols = symbols[:CODE_LENGTH]
        self.display.setText(spelled(formatted_code(self._symbols)))
        self.show_problem("")

    def set_searching(self, searching: bool) -> None:
        # The busy bar takes the message's line. Hidden first: showing a widget lays its
        # screen out at once, and with both shown the window would grow past 800 px.
        going, coming = (
            (self.problem, self.searching) if searching else (self.searching, self.problem)
        )
        going.setVisible(False)
        coming.setVisible(True)
        self.check_button.setEnabled(not searching)

    def show_problem(self, text: str) -> None:
        """The message's line is kept even when empty: the keys do not jump when one
        appears, and the screen's height is the same with it (1280 x 800 panel). An
        empty line shows no warning bar either."""
        self.problem.setText(text)
        self.problem.setProperty("empty", "true" if not text else "false")
        self.problem.style().unpolish(self.problem)
        self.problem.style().polish(self.problem)

    def showEvent(self, event: QShowEvent) -> None:
        self.problem.ensurePolished()  # its font comes from the stylesheet
        self.problem.setMinimumHeight(self.problem.fontMetrics().lineSpacing())
        super().showEvent(event)

    def retranslate(self, tr: Tr) -> None:
        self._tr = tr
        self.title.setText(tr("Type the tracking code on your receipt"))
        self.scan_hint.setText(tr("Or hold the QR code on your receipt to the scanner."))
        self.back_button.setText(tr("Back"))
        self.check_button.setText(tr("Check status"))
        self.keypad.keys[DELETE].setText(tr("Delete"))

    def _on_key(self, symbol: str) -> None:
        if symbol == DELETE:
            self.set_code(self._symbols[:-1])
        elif len(self._symbols) < CODE_LENGTH:
            self.set_code(self._symbols + symbol)

    def _on_check(self) -> None:
        _ = self._tr
        if len(self._symbols) < CODE_LENGTH:
            self.show_problem(_("The code has 8 letters and numbers. Please type all of them."))
            return
        self.look_up.emit(self.code)


class StatusResultScreen(Screen):
    name = "status_result"

    another = Signal()
    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = make_label("subtitle", object_name="heading")
        self.code = make_label("title", object_name="tracking_code")
        self.service = make_label("title", object_name="service_title")
        self.status = make_label("info", object_name="status")
        self.message = make_label("info", object_name="status_message")  # from the centre
        self.updated = make_label("info", object_name="updated_at")
        self.ready = make_label("info", object_name="ready_on")
        self.another_button = make_button("another_code")
        self.another_button.clicked.connect(self.another)
        self.finish_button = make_button("finish", "primary")
        self.finish_button.clicked.connect(self.finished)
        for label in (self.heading, self.code, self.service, self.status, self.message):
            self.column.addWidget(label)
        for label in (self.updated,):
            self.column.addWidget(label)
        self.column.addWidget(self.ready)
        self.column.addStretch(1)
        self.column.addLayout(nav_row(self.another_button, self.finish_button))
        self.column.setContentsMargins(*(SCREEN_MARGIN_PX,) * 4)
        self._view: StatusView | None = None
        self._tr = Tr()

    def show_status(self, view: StatusView) -> None:
        self._view = view
        self._fill()

    def forget(self) -> None:
        """The next person does not see the last one's application."""
        self._view = None
        for label in (self.code, self.service, self.status, self.message, self.updated, self.ready):
            label.setText("")

    def spoken_text(self) -> str:
        labels = (self.service, self.status, self.message, self.updated, self.ready)
        return ". ".join(label.text().rstrip(".") for label in labels if label.text()) + "."

    def retranslate(self, tr: Tr) -> None:
        self._tr = tr
        self.heading.setText(tr("Application status"))
        self.another_button.setText(tr("Another code"))
        self.finish_button.setText(tr("Done"))
        self._fill()

    def _fill(self) -> None:
        view, _ = self._view, self._tr
        if view is None:
            return
        self.code.setText(spelled(view.tracking_code))
        self.service.setText(text_in(view.service_title, _.language))
        self.status.setText(_(STATUS_WORDS.get(view.status, CANNOT_CHECK)))
        self.message.setText(pick_language(view.message or {}, _.language))
        self.message.setVisible(bool(view.message))
        when = format_datetime(
            view.updated_at, "d MMMM y, HH.mm", tzinfo=view.updated_at.tzinfo, locale=_.language
        )
        zone = view.updated_at.tzname()  # WIB, WITA or WIT: offices span three zones
        if zone and not zone.startswith(("UTC", "+", "-")):
            when = f"{when} {zone}"
        self.updated.setText(_("Last updated: %(when)s") % {"when": when})
        ready = long_date(view.ready_on, _.language)
        self.ready.setText(_("Ready from: %(date)s") % {"date": ready})
        done = view.status in (ApplicationStatus.COLLECTED, ApplicationStatus.REJECTED)
        self.ready.setVisible(not done)
