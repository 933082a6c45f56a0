"""Staff at the counter type or scan a tracking code, then print the proof or the letter."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.applications.tracking import tracking_code_from_scan
from kiosk.applications.types import ApplicationStatus
from kiosk.documents.messages import describe_document_error
from kiosk.documents.types import DocumentSummary
from kiosk.errors import KioskError
from kiosk.i18n import N_
from kiosk.wizard.messages import text_in
from ui.base.screen import Screen, make_button, make_label
from ui.documents.contracts import DocumentsPort
from ui.guided.keypad import DELETE, Keypad, code_rows
from ui.guided.parts import SCREEN_MARGIN_PX, busy_bar
from ui.i18n import Tr, supported
from ui.tasks import Policy, Tasks

log = logging.getLogger(__name__)

LOOKUP, PROOF, LETTER = "lookup", "proof", "letter"  # the kinds of call the screen makes

STATUS_NAMES = {
    ApplicationStatus.RECEIVED: N_("Received, not sent yet"),
    ApplicationStatus.SENT: N_("Sent on"),
    ApplicationStatus.IN_PROGRESS: N_("Being processed"),
    ApplicationStatus.NEEDS_CITIZEN: N_("Needs the citizen"),
    ApplicationStatus.READY: N_("Ready to collect"),
    ApplicationStatus.REJECTED: N_("Not approved"),
    ApplicationStatus.COLLECTED: N_("Collected"),
}
PRINTED = {
    PROOF: N_("The proof was sent to the A4 printer."),
    LETTER: N_("The letter was sent to the A4 printer."),
}
# How a message looks: a problem as on the guided screens (bold, with the warning bar);
# news that went well, or what is running now, in the calm result text. A finished
# print starts with a check mark, so that it differs from a problem in high contrast
# too, where the warning colour is the one all marks share.
NOTE, SUCCESS, PROBLEM = "info", "success", "problem"
SUCCESS_MARK = "\u2713 "  # a check mark (DejaVu Sans has it)
# A message longer than this is cut (the A4 print command's reason is its first line of
# output, of any length, and the log has it whole): four lines under the keypad at most,
# so it can never push the print buttons off an 800 px panel.
MESSAGE_MAX_CHARS = 160
COLUMN_SPACING_PX = 12  # the code, the lookup, the service and its status on 800 px


class DocumentsScreen(Screen):
    """The lookup and the printing run off the GUI thread; the screen shows a busy bar
    meanwhile, and every outcome as a sentence in its language. Only a signed-in staff
    member reaches it (`ui.staff.flow`): the letter shows the citizen's whole NIK.

    One call at a time: while one runs, another is refused (a double tap prints one
    copy). After `forget` the answer of a call still running is not shown (the next
    clerk never sees the last one's lookup), but the screen stays busy until that call
    has ended: a letter still printing is never forgotten. `done`, `failed` and
    `released` follow the screen's own handling (for tests and diagnostics)."""

    name = "documents"
    finished = Signal()
    done = Signal(str, object)  # kind (LOOKUP, PROOF, LETTER), result; once shown
    failed = Signal(str, object)  # kind, the exception; once shown
    released = Signal()  # a call ended, whether or not its answer was wanted

    def __init__(
        self, port: DocumentsPort, language: str = "id", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._tr = Tr(supported(language))
        self._summary: DocumentSummary | None = None
        self._port = port
        self._tasks = Tasks(self)
        self._build()
        self.retranslate(self._tr)
        self._show_summary(None)
        self.set_busy(False)

    @property
    def language(self) -> str:
        return self._tr.language

    @property
    def busy(self) -> bool:
        """A lookup or a print is running (even one whose answer is no longer wanted)."""
        return self._tasks.running()

    @property
    def summary(self) -> DocumentSummary | None:
        return self._summary

    def set_language(self, language: str) -> None:
        self.retranslate(Tr(supported(language)))

    def retranslate(self, tr: Tr) -> None:
        self._tr = tr
        self.title.setText(tr("Print documents of an application"))
        self.entry.setPlaceholderText(tr("e.g. K7QM-2XHD"))  # the title says what to type
        self.lookup_button.setText(tr("Look up"))
        self.proof_button.setText(tr("Print proof (A4)"))
        self.letter_button.setText(tr("Print letter"))
        self.close_button.setText(tr("Close"))
        self.keypad.keys[DELETE].setText(tr("Delete"))
        self._show_summary(self._summary)

    def take_code(self, text: str) -> bool:
        self.code_scanned(text)
        return True

    def forget(self) -> None:
        """The next staff member starts from an empty code, without the last summary."""
        self._tasks.drop()
        self.entry.clear()
        self._say("")
        self._show_summary(None)

    @Slot(str)
    def code_scanned(self, text: str) -> None:
        """A receipt QR (ANJUNGAN:S:CODE) or a bare code from the scanner: look it up."""
        try:
            code = tracking_code_from_scan(text)
        except KioskError as error:
            self._say(describe_document_error(error, self.language), PROBLEM)
            return
        self.entry.setText(code)
        self.look_up()

    def look_up(self) -> None:
        _, code = self._tr, self.entry.text().strip()
        if not code:
            self._say(_("Type or scan the tracking code first."), PROBLEM)
            return
        port = self._port
        if self._start(LOOKUP, lambda: port.lookup(code)):
            self._show_summary(None)
            self._started(_("Looking the application up..."))

    def print_proof(self) -> None:
        _ = self._tr
        if self._summary is not None:
            code = self._summary.tracking_code
            port, language = self._port, self.language
            if self._start(PROOF, lambda: port.print_proof(code, language)):
                self._started(_("Printing the proof..."))

    def print_letter(self) -> None:
        _ = self._tr
        if self._summary is not None and self._summary.has_letter:
            code = self._summary.tracking_code
            port, language = self._port, self.language
            if self._start(LETTER, lambda: port.print_letter(code, language)):
                self._started(_("Printing the letter..."))

    def wait_for_done(self, msecs: int = 10_000) -> bool:
        return self._tasks.wait_for_done(msecs)

    def _start(self, kind: str, call: Callable[[], object]) -> bool:
        """False (nothing started) while a call runs."""
        return self._tasks.add(
            call,
            lambda result: self._on_done(kind, result),
            lambda error: self._on_failed(kind, error),
            policy=Policy.REFUSE_WHILE_BUSY,
            on_done=self._on_released,
        )

    def set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.lookup_button.setEnabled(not busy)
        self.entry.setReadOnly(busy)
        self.keypad.setEnabled(not busy)
        found = self._summary is not None
        self.proof_button.setEnabled(found and not busy)
        self.letter_button.setEnabled(found and not busy)
        self.close_button.setEnabled(not busy)  # the clerk stays until the printer answers

    def _build(self) -> None:
        self.title = make_label("title", object_name="documents_title")
        self.entry = QLineEdit()
        self.entry.setObjectName("code_entry")
        self.entry.returnPressed.connect(self.look_up)
        self.lookup_button = make_button("look_up")
        self.lookup_button.clicked.connect(self.look_up)
        self.keypad = Keypad(code_rows(), self._tr)
        self.keypad.setProperty("compact", "true")  # lower keys: a message fits under them
        self.keypad.key_pressed.connect(self._on_key)
        self.service = make_label("subtitle", object_name="service_title")
        self.status = make_label("info", object_name="status")
        self.progress = busy_bar()
        self.message = make_label(NOTE, centred=False, object_name="message")
        self.proof_button = make_button("print_proof", "primary")
        self.proof_button.clicked.connect(self.print_proof)
        self.letter_button = make_button("print_letter", "primary")
        self.letter_button.clicked.connect(self.print_letter)
        self.close_button = make_button("close")
        self.close_button.clicked.connect(self.finished)
        self._lay_out()

    def _lay_out(self) -> None:
        """Side by side, so that the screen fits a 1280 x 800 panel: the code and what
        was found on the left; the keypad on the right, with what is happening (the busy
        bar, the message) under it, just above the print buttons it is about and never
        over them."""
        found = QVBoxLayout()
        found.setSpacing(COLUMN_SPACING_PX)
        for widget in (self.entry, self.lookup_button, self.service, self.status):
            found.addWidget(widget)
        found.addStretch(1)
        typing = QVBoxLayout()
        typing.setSpacing(COLUMN_SPACING_PX)
        for part in (self.keypad, self.progress, self.message):
            typing.addWidget(part)
        typing.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(found, 1)
        body.addLayout(typing, 2)  # ten keys a row: the wider side
        buttons = QHBoxLayout()
        for button in (self.close_button, self.proof_button, self.letter_button):
            buttons.addWidget(button)
        self.column.setContentsMargins(*(SCREEN_MARGIN_PX,) * 4)
        self.column.addWidget(self.title)
        self.column.addLayout(body, 1)
        self.column.addLayout(buttons)

    def _on_key(self, symbol: str) -> None:
        text = self.entry.text()
        self.entry.setText(text[:-1] if symbol == DELETE else text + symbol)

    def _started(self, text: str) -> None:
        self._say(text)
        self.set_busy(True)

    def _on_done(self, kind: str, result: object) -> None:
        if kind == LOOKUP and isinstance(result, DocumentSummary):
            self._show_summary(result)
            self._say("")
        elif kind in PRINTED:
            self._say(self._tr(PRINTED[kind]), SUCCESS)
        self.set_busy(False)
        self.done.emit(kind, result)

    def _on_failed(self, kind: str, error: object) -> None:
        if not isinstance(error, KioskError):
            log.error("documents %s failed: %s", kind, type(error).__name__)
        exception = error if isinstance(error, BaseException) else RuntimeError()
        self._say(describe_document_error(exception, self.language), PROBLEM)
        self.set_busy(False)
        self.failed.emit(kind, error)

    def _on_released(self) -> None:
        self.set_busy(self.busy)
        self.released.emit()

    def _show_summary(self, summary: DocumentSummary | None) -> None:
        self._summary = summary
        _ = self._tr
        self.service.setText(text_in(summary.service_title, _.language) if summary else "")
        status = _(STATUS_NAMES[summary.status]) if summary else ""
        self.status.setText(_("Status: %(status)s") % {"status": status} if summary else "")
        self.letter_button.setVisible(summary is not None and summary.has_letter)
        self.proof_button.setVisible(summary is not None)
        self.set_busy(self.busy)

    def _say(self, text: str, tone: str = NOTE) -> None:
        """Show `text` in the look of its `tone` (NOTE, SUCCESS or PROBLEM)."""
        if len(text) > MESSAGE_MAX_CHARS:
            text = text[: MESSAGE_MAX_CHARS - 1].rstrip() + "\u2026"
        self.message.setText(SUCCESS_MARK + text if text and tone == SUCCESS else text)
        self.message.setProperty("problem", tone == PROBLEM)
        self.message.setProperty("role", PROBLEM if tone == PROBLEM else NOTE)
        restyle(self.message)
        self.message.setVisible(bool(text))


def restyle(widget: QWidget) -> None:
    """Draw `widget` as its style sheet now says (its role changed). Polishing again
    gives it the new colours and font; a frame such as a QLabel takes its new border
    (the problem's bar) only from a style change event."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    QApplication.sendEvent(widget, QEvent(QEvent.Type.StyleChange))
