"""Staff at the kiosk or the counter: a badge or staff number plus PIN opens the staff
menu (printing proofs and letters), or at a counter PC the loket (`ui.counter`);
citizens' cards fill their identity into a form.

A card tap the shown screen does not take arrives at `card_tapped`: the tag is looked up
off the GUI thread; a staff badge opens the sign-in with that badge chosen (the PIN is
still asked), a registered citizen's card hands its NIK and name to `holder_identified`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from kiosk.cards import CardHolder, StaffBadge, StaffSession
from ui.base.screen import Screen
from ui.counter.contracts import CounterParts, LinesPort
from ui.counter.flow import CounterFlow
from ui.counter.screen import DOCUMENTS, REPORT, SIGN_OUT
from ui.documents.contracts import DocumentsPort
from ui.documents.screen import DocumentsScreen
from ui.i18n import Tr
from ui.staff.contracts import StaffPort
from ui.staff.menu import StaffMenu
from ui.staff.reports import DailyReportPrinter, ReportsPort
from ui.staff.sign_in import StaffSignIn
from ui.tasks import Policy, Tasks

log = logging.getLogger(__name__)


class StaffFlow(QObject):
    """Owns the staff screens and the signed-in session; the window shows them by name."""

    show_screen = Signal(str)
    home_requested = Signal()
    link_chosen = Signal(str)  # at the counter: "forms" or "status" (the window's guided flow)
    loket_opened = Signal()  # a clerk works the loket now: a citizen's visit has ended
    holder_identified = Signal(object)  # dict of answers from a citizen's card: nik, nama
    badge_ignored = Signal()  # a staff badge tapped while a citizen's form was open
    card_identified = Signal(object)  # what a tap turned out to be, once handled

    def __init__(
        self,
        staff: StaffPort,
        documents: DocumentsPort | None,
        timezone: str,
        parent: QObject | None = None,
        counter: CounterParts | None = None,
        lines: LinesPort | None = None,
        counter_first: bool = True,
        reports: ReportsPort | None = None,
    ) -> None:
        """With `counter` (and the `lines` its setup offers) the menu has the loket, and
        with `counter_first` (a counter PC) the PIN opens it at once."""
        super().__init__(parent)
        self.session: StaffSession | None = None
        self._tag = ""  # the tap being identified
        self._badges_welcome = True
        self.sign_in = StaffSignIn(staff, timezone)
        self.menu = StaffMenu()
        self.documents = None if documents is None else DocumentsScreen(documents)
        self.counter = (
            None if counter is None or lines is None else CounterFlow(counter, lines, self)
        )
        self._counter_first = counter_first
        self.reports = None if reports is None else DailyReportPrinter(reports, self)
        self._language = "id"
        self._port = staff
        self._cards = Tasks(self)  # identifies taps the screens did not take
        self._connect()

    @property
    def screens(self) -> list[Screen]:
        extra = [] if self.documents is None else [self.documents]
        counter = [] if self.counter is None else self.counter.screens
        return [self.sign_in, self.menu, *extra, *counter]

    @property
    def signed_in(self) -> bool:
        return self.session is not None

    @property
    def at_counter(self) -> bool:
        """A clerk works a loket here: leaving a form or a lookup comes back to it."""
        return self.counter is not None and self.counter.active and self.signed_in

    @property
    def busy(self) -> bool:
        """A proof or a letter is being made or printed, or a ticket is being moved."""
        documents = self.documents is not None and self.documents.busy
        return documents or (self.counter is not None and self.counter.busy)

    def back_to_counter(self) -> None:
        """The loket's screen again (after a form, a lookup or the documents)."""
        if self.counter is not None:
            self.counter.open_counter()

    def open_sign_in(self) -> None:
        """The sign-in, from the start: whoever was signed in is signed out first."""
        self.sign_out()
        self.show_screen.emit(self.sign_in.name)

    def card_tapped(
        self, tag: str, badges_welcome: bool = True, holders_welcome: bool = True
    ) -> None:
        """A tap no screen took. With `badges_welcome` False (a citizen's form is open) a
        staff badge is ignored; with `holders_welcome` False (a screen where no form can
        use it) a citizen's card is not even opened: only badges are looked up."""
        self._tag, self._badges_welcome = tag, badges_welcome
        port = self._port
        look_up = port.identify if holders_welcome else port.identify_staff
        self._cards.add(
            lambda: look_up(tag),
            self._on_identified,
            self._on_identify_failed,
            policy=Policy.LATEST_ONLY,  # only the latest tap's answer is wanted
        )

    def sign_out(self) -> None:
        """End the session; a card lookup still running is no longer wanted."""
        if self.session is not None:
            log.info("staff %s signed out", self.session.staff_number)
        self.session = None
        self._cards.drop()
        if self.counter is not None:
            self.counter.end()
        for screen in self.screens:
            screen.forget()

    def use_language(self, tr: Tr) -> None:
        self._language = tr.language
        if self.documents is not None:
            self.documents.set_language(tr.language)
        if self.counter is not None:
            self.counter.use_language(tr)

    def shutdown(self, msecs: int = 5_000) -> bool:
        counter = self.counter is None or self.counter.shutdown(msecs)
        reports = self.reports is None or self.reports.wait_for_done(msecs)
        return self._cards.wait_for_done(msecs) and counter and reports

    def _connect(self) -> None:
        self.sign_in.signed_in.connect(self._on_signed_in)
        self.sign_in.cancelled.connect(self._sign_out_and_leave)
        self.menu.documents_chosen.connect(self._open_documents)
        self.menu.counter_chosen.connect(self._open_counter)
        self.menu.sign_out_chosen.connect(self._sign_out_and_leave)
        self.menu.report_chosen.connect(self._print_report)
        if self.reports is not None:
            self.reports.said.connect(self.menu.say_about_report)
            if self.counter is not None:
                self.reports.said.connect(self.counter.screen.say)
        if self.counter is not None:  # the report's link only where a report can print
            self.counter.screen.link_buttons[REPORT].setVisible(self.reports is not None)
        if self.documents is not None:
            self.documents.finished.connect(self._documents_closed)
        if self.counter is not None:
            self.counter.show_screen.connect(self.show_screen)
            self.counter.link_chosen.connect(self._on_counter_link)

    def _on_signed_in(self, session: object) -> None:
        if not isinstance(session, StaffSession):
            return
        self.session = session
        log.info("staff %s signed in", session.staff_number)
        self.menu.show_who(session.name)
        self.menu.documents_button.setVisible(self.documents is not None)
        self.menu.counter_button.setVisible(self.counter is not None)
        self.menu.report_button.setVisible(self.reports is not None)
        if self.counter is not None and self._counter_first:
            self._open_counter()  # a counter PC: straight to the loket
        else:
            self.show_screen.emit(self.menu.name)

    def _print_report(self) -> None:
        if self.session is None or self.reports is None:
            self.open_sign_in()  # never without a PIN
            return
        self.reports.print_today(self._language)

    def _open_counter(self) -> None:
        if self.session is None or self.counter is None:
            self.open_sign_in()
            return
        self.loket_opened.emit()
        self.counter.begin(self.session)

    def _on_counter_link(self, name: str) -> None:
        if name == SIGN_OUT:
            self._sign_out_and_leave()
        elif name == REPORT:
            self._print_report()
        elif name == DOCUMENTS:
            self._open_documents()
        else:
            self.link_chosen.emit(name)

    def _documents_closed(self) -> None:
        if self.at_counter:
            self.back_to_counter()
        else:
            self.show_screen.emit(self.menu.name)

    def _open_documents(self) -> None:
        if self.session is None or self.documents is None:
            self.open_sign_in()  # never without a PIN
            return
        self.documents.forget()
        self.show_screen.emit(self.documents.name)

    def _sign_out_and_leave(self) -> None:
        self.sign_out()
        self.home_requested.emit()

    def _on_identified(self, found: object) -> None:
        self._show_identified(found)
        self.card_identified.emit(found)

    def _show_identified(self, found: object) -> None:
        if isinstance(found, StaffBadge) and not self._badges_welcome:
            log.info("a staff badge tapped during a citizen's form was ignored")
            self.badge_ignored.emit()
        elif isinstance(found, StaffBadge):
            self.open_sign_in()
            self.sign_in.choose_badge(self._tag, found)
        elif isinstance(found, CardHolder):
            self.holder_identified.emit({"nik": found.nik, "nama": found.name})
        else:
            log.info("a card that is not registered here was tapped")

    def _on_identify_failed(self, error: Exception) -> None:
        log.warning("card lookup failed: %s", type(error).__name__)
