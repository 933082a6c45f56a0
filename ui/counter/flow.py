"""The counter's flow: the signed-in clerk's loket, its screens, and every call to the
queue made off the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from kiosk.cards import StaffSession
from kiosk.errors import KioskError
from kiosk.i18n import N_
from kiosk.queue.types import CounterTicket, QueueLine, TicketState
from ui.base.screen import Screen
from ui.counter import screen as actions
from ui.counter.choosers import ResumeScreen, TransferScreen
from ui.counter.contracts import CounterParts, LinesPort
from ui.counter.loket import LoketFile, LoketSetup
from ui.counter.messages import describe_counter_error, done_text, unreachable_text
from ui.counter.reading import LoketReads, Snapshot
from ui.counter.screen import CounterScreen
from ui.counter.setup_screen import LoketSetupScreen
from ui.i18n import Tr
from ui.tasks import Policy, Tasks

log = logging.getLogger(__name__)

ACTION = "action"  # the kind of call every action is: one at a time
NOT_SAVED = N_("This PC could not remember the loket: it is used until you sign out.")
SETUP_BUSY = N_("Finish, set aside or send on %(code)s before changing the loket.")
AT_DESK = (TicketState.CALLED, TicketState.SERVING)
SIMPLE = {  # actions on the ticket at the desk: the CounterPort method of each
    actions.RECALL: "recall",
    actions.START: "start",
    actions.FINISH: "finish",
    actions.HOLD: "hold",
    actions.NO_SHOW: "no_show",
}


class CounterFlow(QObject):
    """`begin(session)` after a PIN at a counter PC; `end()` at sign-out. Emits
    `link_chosen` for what lies beyond the loket (forms, status, documents, sign out),
    `done(kind, result)` / `failed(kind, error)` once an action's answer is shown, and
    `refreshed(Snapshot)` once a read is shown (for tests and diagnostics)."""

    show_screen = Signal(str)
    link_chosen = Signal(str)
    done = Signal(str, object)
    failed = Signal(str, object)
    refreshed = Signal(object)

    def __init__(self, parts: CounterParts, lines: LinesPort, parent: QObject | None = None):
        super().__init__(parent)
        self._desk = parts.desk
        self._file = LoketFile(parts.loket_file)
        self._tr = Tr()
        self._setup: LoketSetup | None = None
        self._actor, self._who = "", ""
        self._lines: list[QueueLine] | None = None
        self._held: list[CounterTicket] = []
        self.screen = CounterScreen()
        self.setup_screen = LoketSetupScreen()
        self.resume_screen = ResumeScreen()
        self.transfer_screen = TransferScreen()
        self._actions = Tasks(self)
        self.reads = LoketReads(parts, lines, self)
        self.watch = self.reads.watch
        self._connect()

    @property
    def screens(self) -> list[Screen]:
        return [self.screen, self.setup_screen, self.resume_screen, self.transfer_screen]

    @property
    def active(self) -> bool:
        """A clerk works this loket now (signed in, the counter opened)."""
        return bool(self._actor)

    @property
    def setup(self) -> LoketSetup | None:
        return self._setup

    @property
    def busy(self) -> bool:
        return self._actions.running()

    def begin(self, session: StaffSession) -> None:
        """The clerk's loket: the remembered one, or asked now."""
        self._actor, self._who = session.staff_number, session.name
        self._setup = self._file.load()
        self.reads.load_lines()
        if self._setup is None:
            self.open_setup()
        else:
            self.open_counter()

    def end(self) -> None:
        """Sign-out: no more reads or answers; the next clerk starts afresh."""
        self._actor, self._who, self._setup, self._held = "", "", None, []
        self.reads.stop()
        self._actions.drop()
        for screen in self.screens:
            screen.forget()

    def open_counter(self) -> None:
        if not self.active or self._setup is None:
            return
        self.screen.show_loket(self._setup, self._who)
        self.show_screen.emit(self.screen.name)
        self.reads.start(self._setup.counter)

    def open_setup(self) -> None:
        self.setup_screen.offer(self._lines, self._setup)
        self.show_screen.emit(self.setup_screen.name)

    def use_language(self, tr: Tr) -> None:
        self._tr = tr

    def refresh(self) -> None:
        """Read who waits and what is at the desk again (after an action)."""
        self.reads.refresh()

    def act(self, name: str) -> None:
        """A tap or an F-key on the counter screen."""
        ticket, setup = self.screen.ticket, self._setup
        if setup is None or not self.active:
            return
        if name == actions.CALL:
            desk, lines, actor = self._desk, setup.lines, self._actor
            self._run(name, lambda: desk.call_next(setup.counter, lines, actor))
        elif name == actions.RESUME:
            self.resume_screen.offer(self._held)
            self.show_screen.emit(self.resume_screen.name)
        elif ticket is not None and name == actions.TRANSFER:
            self.transfer_screen.offer(ticket, self._lines or [], setup.number)
            self.show_screen.emit(self.transfer_screen.name)
        elif ticket is not None and name in SIMPLE:
            self._on_ticket(name, SIMPLE[name], ticket.ticket_id)

    def shutdown(self, msecs: int = 5_000) -> bool:
        return self._actions.wait_for_done(msecs) and self.reads.shutdown(msecs)

    # -- calls --------------------------------------------------------------

    def _on_ticket(self, name: str, method: str, ticket_id: int, *extra: str) -> None:
        setup, actor = self._setup, self._actor
        assert setup is not None
        call = getattr(self._desk, method)
        self._run(name, lambda: call(ticket_id, *extra, setup.counter, actor))

    def _run(self, name: str, call: Callable[[], object]) -> None:
        """One call at a time: a second tap while one runs is refused (one ticket per tap)."""
        started = self._actions.add(
            call,
            lambda result: self._on_done(name, result),
            lambda error: self._on_failed(name, error),
            policy=Policy.REFUSE_WHILE_BUSY,
            kind=ACTION,
        )
        if started:
            self.screen.set_busy(True)
            self.show_screen.emit(self.screen.name)

    def _on_done(self, name: str, result: object) -> None:
        self.reads.acted()
        self.screen.set_busy(False)
        if isinstance(result, CounterTicket):
            self.screen.show_ticket(result if result.state in AT_DESK else None)
            self.screen.say(self._outcome(name, result))
        elif name == actions.CALL:
            self.screen.show_ticket(None)
            self.screen.say(self._tr("Nobody is waiting in this loket's lines."))
        self.refresh()
        self.done.emit(name, result)

    def _on_failed(self, name: str, error: Exception) -> None:
        self.reads.acted()
        self.screen.set_busy(False)
        if not isinstance(error, KioskError):
            log.warning("counter %s failed: %s", name, type(error).__name__)
        self.screen.say(describe_counter_error(error, self._tr), problem=True)
        self.refresh()
        self.failed.emit(name, error)

    def _outcome(self, name: str, ticket: CounterTicket) -> str:
        tr = self._tr
        if name == actions.RECALL:
            return tr("%(code)s was called again.") % {"code": ticket.code}
        if name == actions.TRANSFER and ticket.assigned_counter is not None:
            return tr("%(code)s now waits for loket %(loket)s.") % {
                "code": ticket.code,
                "loket": ticket.assigned_counter,
            }
        if name == actions.TRANSFER:  # a new number in the other line
            return tr("The citizen now waits as %(code)s.") % {"code": ticket.code}
        return done_text(name, ticket.code, tr)

    # -- reads --------------------------------------------------------------

    def _on_snapshot(self, snapshot: Snapshot, fresh: bool) -> None:
        """Who waits, always; the desk only if no action answered since the read began
        and none is on its way (its own answer is newer; a read follows it anyway)."""
        self.screen.show_waiting(snapshot.waiting)
        self.screen.show_reachable(True)
        if fresh and not self._actions.running():
            self._held = snapshot.held
            self.screen.show_ticket(snapshot.current, len(snapshot.held))
        self.refreshed.emit(snapshot)

    def _on_lines(self, lines: list[QueueLine]) -> None:
        """The office's lines: offered at the setup; a remembered line since removed is
        dropped from the setup (none left: the clerk chooses again)."""
        self._lines = lines
        self.setup_screen.set_lines(lines)
        setup = self._setup
        codes = {line.code for line in lines}
        known = tuple(code for code in setup.lines if code in codes) if setup else ()
        if setup is None or known == setup.lines:
            return
        log.info("the loket's remembered lines changed: %s", ",".join(known) or "none")
        self._setup = LoketSetup(setup.number, known) if known else None
        if self._setup is None:
            self.open_setup()
        else:
            self.screen.show_loket(self._setup, self._who)

    # -- wiring -------------------------------------------------------------

    def _connect(self) -> None:
        self.screen.action_chosen.connect(self.act)
        self.screen.link_chosen.connect(self._on_link)
        self.setup_screen.chosen.connect(self._on_setup_chosen)
        self.setup_screen.cancelled.connect(self._on_setup_cancelled)
        self.resume_screen.chosen.connect(
            lambda ticket_id: self._on_ticket(actions.RESUME, "resume", ticket_id)
        )
        self.transfer_screen.to_line.connect(self._transfer_to_line)
        self.transfer_screen.to_loket.connect(self._transfer_to_loket)
        for chooser in (self.resume_screen, self.transfer_screen):
            chooser.cancelled.connect(self.open_counter)
        self.reads.read.connect(self._on_snapshot)
        self.reads.lines_read.connect(self._on_lines)
        self.reads.unreachable.connect(
            lambda: self.screen.show_reachable(False, unreachable_text(self._tr))
        )

    def _on_link(self, name: str) -> None:
        ticket = self.screen.ticket
        if name == actions.SETUP and ticket is not None:  # it would stay called at the old one
            self.screen.say(self._tr(SETUP_BUSY) % {"code": ticket.code}, problem=True)
        elif name == actions.SETUP:
            self.open_setup()
        else:
            self.link_chosen.emit(name)

    def _on_setup_chosen(self, setup: object) -> None:
        if not isinstance(setup, LoketSetup):
            return
        self._setup = setup
        self.screen.show_ticket(None, 0)
        self.screen.say("")
        try:
            self._file.save(setup)
        except OSError as error:  # used until sign-out; asked again next time
            log.warning("the loket setup could not be saved: %s", type(error).__name__)
            self.screen.say(self._tr(NOT_SAVED), problem=True)
        self.open_counter()

    def _on_setup_cancelled(self) -> None:
        if self._setup is None:
            self.link_chosen.emit(actions.SIGN_OUT)  # nothing to work at without a loket
        else:
            self.open_counter()

    def _transfer_to_line(self, code: str) -> None:
        ticket = self.screen.ticket
        if ticket is not None:
            self._on_ticket(actions.TRANSFER, "transfer_to_line", ticket.ticket_id, code)

    def _transfer_to_loket(self, number: int) -> None:
        ticket = self.screen.ticket
        if ticket is not None:
            self._on_ticket(actions.TRANSFER, "transfer_to_counter", ticket.ticket_id, str(number))
