"""The loket's main screen: the ticket at the desk, the actions with their F-keys, and
who waits in each line."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import N_, pick_language
from kiosk.queue.messages import priority_text
from kiosk.queue.types import CounterTicket, TicketState
from ui.base.screen import Screen, make_button, make_label
from ui.counter.loket import LoketSetup
from ui.counter.messages import state_text
from ui.counter.waiting import WaitingPanel
from ui.documents.screen import PROBLEM, restyle
from ui.i18n import Tr
from ui.queue_views import LineView as LineCount

S = TicketState
MARGIN_PX, SPACING_PX = 32, 14
MESSAGE_PX = 44  # one line of the message under the ticket

# Each action: its name (what the flow is told), the words on it, its key.
CALL, RECALL, START, FINISH = "call", "recall", "start", "finish"
HOLD, NO_SHOW, TRANSFER, RESUME = "hold", "no_show", "transfer", "resume"
ACTIONS: tuple[tuple[str, str, str], ...] = (
    (CALL, N_("Call next"), "F1"),
    (RECALL, N_("Call again"), "F2"),
    (START, N_("Citizen is here"), "F3"),
    (FINISH, N_("Finish"), "F4"),
    (HOLD, N_("Set aside"), "F5"),
    (NO_SHOW, N_("Not present"), "F6"),
    (TRANSFER, N_("Send on"), "F7"),
    (RESUME, N_("Resume"), "F8"),
)
# The ways out of the screen, beside the loket's work.
FORMS, STATUS, DOCUMENTS, SETUP, SIGN_OUT = "forms", "status", "documents", "setup", "sign_out"
REPORT = "report"  # today's report on the A4 printer (shown when the office has one)
REPORT_WORDS = N_("Today's report")  # under who waits: the row of links is full
LINKS: tuple[tuple[str, str, str], ...] = (
    (FORMS, N_("Fill in a form"), "F9"),
    (STATUS, N_("Check a status"), "F10"),
    (DOCUMENTS, N_("Print a proof or a letter"), "F11"),
    (SETUP, N_("Loket settings"), ""),
    (SIGN_OUT, N_("Sign out"), "F12"),
)


def applicable(ticket: CounterTicket | None, held: int) -> set[str]:
    """The actions that make sense now: one ticket at the desk at a time."""
    if ticket is None:
        return {CALL, RESUME} if held else {CALL}
    if ticket.state is S.CALLED:
        return {RECALL, START, HOLD, NO_SHOW, TRANSFER}
    if ticket.state is S.SERVING:
        return {FINISH, HOLD, TRANSFER}
    return set()


def waited_minutes(ticket: CounterTicket, now: datetime) -> int:
    """From taking the number to being called (still counting if not called yet)."""
    end = ticket.called_at or now
    return max(0, int((end - ticket.issued_at).total_seconds() // 60))


class CounterScreen(Screen):
    """Shows what the flow (`ui.counter.flow`) tells it; every tap or F-key becomes
    `action_chosen(name)` or `link_chosen(name)`. Buttons that do not apply, and all
    of them while a call is on its way, are disabled: a double tap calls no one twice."""

    name = "counter"
    action_chosen = Signal(str)
    link_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tr = Tr()
        self._setup: LoketSetup | None = None
        self._who = ""
        self._ticket: CounterTicket | None = None
        self._held = 0
        self._busy = False
        self._names: dict[str, dict[str, str]] = {}
        self.action_buttons = {name: self._button(name, key, CALL) for name, _t, key in ACTIONS}
        self.link_buttons = {name: self._link(name, key) for name, _t, key in LINKS}
        self.link_buttons[REPORT] = self._link(REPORT, "")
        self._build()
        self.retranslate(self._tr)

    # -- what the flow shows ------------------------------------------------

    @property
    def ticket(self) -> CounterTicket | None:
        return self._ticket

    def show_loket(self, setup: LoketSetup | None, who: str) -> None:
        self._setup, self._who = setup, who
        self._show_header()

    def show_ticket(self, ticket: CounterTicket | None, held: int | None = None) -> None:
        """The ticket at the desk now (None: free); `held` the loket's tickets set aside."""
        self._ticket = ticket
        if held is not None:
            self._held = held
        self._show_ticket()
        self._enable()

    def show_waiting(self, lines: Sequence[LineCount]) -> None:
        self._names = {line.code: dict(line.names) for line in lines}
        self.waiting.show_lines(lines)
        self._show_ticket()  # the line's name may have just arrived

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._enable()

    def say(self, text: str, problem: bool = False) -> None:
        """One line under the ticket: what the last tap did, or what went wrong."""
        self.message.setText(text)  # the line stays when empty: nothing jumps
        self.message.setProperty("role", PROBLEM if problem else "info")
        restyle(self.message)

    def show_reachable(self, reachable: bool, text: str = "") -> None:
        self.waiting.show_reachable(reachable, text)

    def retranslate(self, tr: Tr) -> None:
        self._tr = tr
        for name, words, key in ACTIONS:
            _label(self.action_buttons[name], f"{tr(words)}\n{key}", key)
        for name, words, key in LINKS:
            _label(self.link_buttons[name], f"{tr(words)}\n{key}" if key else tr(words), key)
        _label(self.link_buttons[REPORT], tr(REPORT_WORDS), "")
        self.waiting.retranslate(tr)
        self._show_header()
        self._show_ticket()

    def forget(self) -> None:
        self.show_ticket(None, 0)
        self.say("")
        self.show_loket(None, "")

    # -- drawing ------------------------------------------------------------

    def _show_header(self) -> None:
        tr, setup = self._tr, self._setup
        if setup is None:
            self.title.setText(tr("Loket"))
            return
        self.title.setText(
            tr("Loket %(number)d: %(name)s") % {"number": setup.number, "name": self._who}
        )
        self.serves.setText(tr("Lines: %(lines)s") % {"lines": ", ".join(setup.lines)})

    def _show_ticket(self) -> None:
        tr, ticket = self._tr, self._ticket
        self.code.setText(ticket.code if ticket else "")
        self.code.setVisible(ticket is not None)
        self.empty.setVisible(ticket is None)
        self.empty.setText(tr("No ticket at the loket. Press Call next."))
        if ticket is None:
            self.details.setText("")
            self.progress.setText("")
            return
        names = self._names.get(ticket.line_code)
        parts = [pick_language(names, tr.language) if names else ticket.line_code]
        if ticket.priority is not None:
            parts.append(priority_text(ticket.priority, tr.language))
        self.details.setText(" \u00b7 ".join(parts))
        minutes = waited_minutes(ticket, datetime.now(ticket.issued_at.tzinfo))
        waited = tr.ngettext("Waited %(n)d minute", "Waited %(n)d minutes", minutes)
        self.progress.setText(f"{waited % {'n': minutes}} \u00b7 {state_text(ticket.state, tr)}")

    def _enable(self) -> None:
        allowed = set() if self._busy else applicable(self._ticket, self._held)
        for name, button in self.action_buttons.items():
            button.setEnabled(name in allowed)
        for button in self.link_buttons.values():
            button.setEnabled(not self._busy)

    # -- building -----------------------------------------------------------

    def _button(self, name: str, key: str, main: str) -> QPushButton:
        button = make_button(f"counter_{name}", "primary" if name == main else "action")
        button.setProperty("action", "true")
        button.clicked.connect(lambda _on=False: self.action_chosen.emit(name))
        return button

    def _link(self, name: str, key: str) -> QPushButton:
        button = make_button(f"counter_{name}", "link")
        button.clicked.connect(lambda _on=False: self.link_chosen.emit(name))
        return button

    def _build(self) -> None:
        self.title = make_label("title", centred=False, object_name="counter_title")
        self.serves = make_label("subtitle", centred=False, object_name="counter_lines")
        self.serves.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.code = make_label("counter_code", object_name="counter_code")
        self.empty = make_label("counter_empty", object_name="counter_empty")
        self.details = make_label("line_name", object_name="counter_details")
        self.progress = make_label("status_line", object_name="counter_progress")
        self.message = make_label("info", centred=False, object_name="counter_message")
        self.message.setMinimumHeight(MESSAGE_PX)  # always there, so nothing moves
        self.waiting = WaitingPanel()
        self._lay_out()

    def _lay_out(self) -> None:
        header = QHBoxLayout()
        header.addWidget(self.title, 2)
        header.addWidget(self.serves, 1)
        ticket, ticket_column = _panel("ticket_panel")
        for widget in (self.code, self.empty, self.details, self.progress):
            ticket_column.addWidget(widget)
        side = QVBoxLayout()
        side.addWidget(self.waiting, 1)
        side.addWidget(self.link_buttons[REPORT])
        top = QHBoxLayout()
        top.addWidget(ticket, 3)
        top.addLayout(side, 2)
        grid = QGridLayout()
        grid.setSpacing(SPACING_PX)
        for index, (name, _words, _key) in enumerate(ACTIONS):
            grid.addWidget(self.action_buttons[name], index // 4, index % 4)
        links = QHBoxLayout()
        for name, _words, _key in LINKS:
            links.addWidget(self.link_buttons[name])
        self.column.setContentsMargins(*(MARGIN_PX,) * 4)
        self.column.setSpacing(SPACING_PX)
        self.column.addLayout(header)
        self.column.addLayout(top, 1)
        self.column.addWidget(self.message)
        self.column.addLayout(grid)
        self.column.addLayout(links)


def _label(button: QPushButton, text: str, key: str) -> None:
    """Words and key on the button. Setting a button's text drops its shortcut (Qt makes
    one from an & in it), so the key is given again after every text."""
    button.setText(text)
    if key:
        button.setShortcut(QKeySequence(key))


def _panel(object_name: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName(object_name)
    frame.setProperty("role", "panel")
    column = QVBoxLayout(frame)
    column.setContentsMargins(20, 12, 20, 12)
    return frame, column
