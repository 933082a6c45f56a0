"""The kiosk window: the screen stack, the language and look, idleness and reader input."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QWidget

from ui.base.screen import Screen
from ui.base.stack import ScreenStack
from ui.contracts import ApplicationsPort, QueuePort, SyncPort, UiOptions
from ui.counter.contracts import CounterParts
from ui.documents.contracts import DocumentsPort
from ui.home import HomeScreen
from ui.i18n import Tr, supported
from ui.idle import IdleWatcher
from ui.memory import QuietCollector
from ui.staff.contracts import StaffPort
from ui.staff.reports import ReportsPort
from ui.sync_line import SyncWatch
from ui.theme import LARGER_TEXT_SCALE, Palette, palette_for, scale_fonts, stylesheet
from ui.ticket.flow import TicketFlow
from ui.window_staff import StaffSide

if TYPE_CHECKING:  # built after the window first shows (see `build_all`)
    from ui.guided.flow import GuidedFlow
    from ui.staff.flow import StaffFlow
    from ui.voice import Voice

log = logging.getLogger(__name__)

WINDOWED_SIZE = (1280, 800)
Sheet = Callable[[Palette], str]  # a screen's own stylesheet, drawn from the palette
STATUS_SCAN_PREFIX = "ANJUNGAN:S:"  # a receipt's QR code (kiosk.applications.types.Receipt)


class KioskWindow(QMainWindow):
    """Home, the ticket path (`ui.ticket.flow`) and, with `services`, the guided
    services and the status lookup (`ui.guided.flow`).

    More screens join with `add_screen` and show with `show_screen`; a scanned code or
    a tapped card goes to the screen shown first (`Screen.take_code`, `take_card`).
    `voice` reads the guided screens aloud; by default a real one, on at the kiosk and
    off at the counter.

    The home screen and the ticket path are built at once; the voice, the guided flow and
    the staff flow on the next turns of the event loop, one per turn, or at their first
    use (`guided`, `staff`, `voice`), so the start screen appears without waiting for them.
    """

    screen_changed = Signal(str)  # the name of the screen now shown
    ticket_issued = Signal(object)  # IssuedTicket
    print_failed = Signal(object)  # the exception that stopped the ticket
    printing_timed_out = Signal()  # the watchdog gave up waiting for the ticket call
    late_result = Signal(object)  # IssuedTicket or exception that came after the watchdog
    lines_loaded = Signal(object)  # list[QueueLine], each time a refresh comes back
    language_changed = Signal(str)
    card_unclaimed = Signal(str)  # a tapped card's tag that no screen took

    def __init__(
        self,
        queue: QueuePort,
        options: UiOptions,
        services: ApplicationsPort | None = None,
        voice: Voice | None = None,
        parent: QWidget | None = None,
        staff: StaffPort | None = None,
        documents: DocumentsPort | None = None,
        sync: SyncPort | None = None,
        counter: CounterParts | None = None,
        reports: ReportsPort | None = None,
    ) -> None:
        super().__init__(parent)
        self._queue = queue
        self._options = options
        self._tr = Tr(supported(options.language))
        self._high_contrast = options.high_contrast
        self._larger_text = False  # the citizen's choice, for their visit only
        self._screen_sheets: dict[Screen, Sheet] = {}  # the added screens' own looks
        self.idle_watcher = IdleWatcher(options.idle_timeout_seconds, self)
        self._voice = voice
        if voice is not None:
            voice.setParent(self)
        self._services = services
        self._staff_side = StaffSide(self, staff, documents, counter, reports)
        self._guided: GuidedFlow | None = None
        self._failed_parts: set[str] = set()
        self.stack = ScreenStack()
        self.setCentralWidget(self.stack)
        self.home = HomeScreen(
            options.office_name,
            guided=services is not None,
            staff=staff is not None,
            timezone=options.timezone,
        )
        self.sync_watch = SyncWatch(sync, self.home.show_sync, self) if sync else None
        self.tickets = TicketFlow(queue, options, self.stack, self)
        for screen in (self.home, *self.tickets.screens):
            self.stack.add(screen)
        self._connect()
        self._apply_theme()
        self._retranslate()
        self.idle_watcher.restart()
        self.quiet = QuietCollector(
            lambda: self.current_screen == "home", self.idle_watcher.quiet_ms, self
        )
        self.quiet.soon()
        QTimer.singleShot(0, self._build_next_part)

    # -- parts built after the start screen ---------------------------------

    @property
    def voice(self) -> Voice:
        if self._voice is None:
            from ui.voice import Voice

            self._voice = Voice(self._options.voice_on, self._tr.language)
            self._voice.setParent(self)
        return self._voice

    @property
    def guided(self) -> GuidedFlow | None:
        """The guided services (None without them), built now if not yet."""
        if self._guided is None and self._services is not None:
            from ui.guided.flow import GuidedFlow

            guided = GuidedFlow(self._services, self.voice, self._options, self)
            self._theme_guided(guided)
            guided.use_language(self._tr)
            self._connect_guided(guided)
            for screen in guided.screens:  # last: a failure above leaves no half-added screens
                screen.retranslate(self._tr)
                self.stack.add(screen)
            self._guided = guided
        return self._guided

    @property
    def staff(self) -> StaffFlow | None:
        """The staff sign-in, menu and documents (None without staff), built now if not yet."""
        return self._staff_side.build(self._queue, self._options)

    @property
    def _staff(self) -> StaffFlow | None:
        """The staff flow if built (never builds it)."""
        return self._staff_side.flow

    @property
    def guided_if_built(self) -> GuidedFlow | None:
        """The guided flow if built (never builds it)."""
        return self._guided

    @property
    def words(self) -> Tr:
        """The screens' translation function in the language now shown."""
        return self._tr

    @property
    def later_parts_built(self) -> bool:
        """The voice and, where wanted, the guided and staff flows exist."""
        return (
            self._voice is not None
            and (self._guided is not None or self._services is None)
            and (self._staff is not None or not self._staff_side.wanted)
        )

    def build_all(self) -> None:
        """Build every part not built yet (tests and diagnostics; the window does it by
        itself on the first turns of its event loop)."""
        _ = self.voice, self.guided, self.staff

    def _build_next_part(self) -> None:
        """One part per turn of the event loop, so a tap waits for one part at most."""
        missing = [
            name
            for name, built in (
                ("voice", self._voice is not None),
                ("guided", self._guided is not None or self._services is None),
                ("staff", self._staff is not None or not self._staff_side.wanted),
            )
            if not built and name not in self._failed_parts
        ]
        if not missing:
            return
        try:
            getattr(self, missing[0])
        except Exception:  # a broken part must not stop the others; the log says why
            log.exception("the %s part of the kiosk could not be built", missing[0])
            self._failed_parts.add(missing[0])
        QTimer.singleShot(0, self._build_next_part)

    # -- public -------------------------------------------------------------

    @property
    def current_screen(self) -> str:
        return self.stack.current_name

    @property
    def language(self) -> str:
        return self._tr.language

    @property
    def high_contrast(self) -> bool:
        return self._high_contrast

    @property
    def larger_text(self) -> bool:
        return self._larger_text

    @property
    def in_use(self) -> bool:
        """Someone is in the middle of something: a form, a ticket or a receipt printing."""
        guided = self._guided is not None and (self._guided.in_form or self._guided.busy)
        staff = self._staff is not None and self._staff.busy
        return guided or staff or self.tickets.awaiting_ticket

    def page(self, name: str) -> Screen:
        """The screen called `name` (for tests and diagnostics)."""
        self.build_all()
        return self.stack.page(name)

    def add_screen(self, screen: Screen, sheet: Sheet | None = None) -> None:
        """Host one more screen: translated now and on every language change; `sheet`
        (e.g. `ui.guided.style.guided_stylesheet`) styles it from the palette, again on
        every contrast change. Without one it has the window's stylesheet only."""
        self.stack.add(screen)
        if sheet is not None:
            self._screen_sheets[screen] = sheet
            screen.setStyleSheet(sheet(palette_for(self._high_contrast)))
        screen.retranslate(self._tr)

    def show_screen(self, name: str) -> None:
        self.stack.show_screen(name)

    def show_kiosk(self) -> None:
        if self._options.fullscreen:
            self.showFullScreen()
        else:
            self.resize(*WINDOWED_SIZE)
            self.show()

    def set_language(self, language: str) -> None:
        language = supported(language)
        if language != self._tr.language:
            self._tr = Tr(language)
            self._retranslate()
            self.language_changed.emit(language)

    def set_high_contrast(self, on: bool) -> None:
        if on != self._high_contrast:
            self._high_contrast = on
            self._apply_theme()

    def set_larger_text(self, on: bool) -> None:
        """Every screen's text LARGER_TEXT_SCALE times larger (ui.theme.scale_fonts)."""
        if on != self._larger_text:
            self._larger_text = on
            self._apply_theme()

    def go_home(self) -> None:
        if self._staff is not None and self._staff.at_counter:
            self._staff.back_to_counter()  # a clerk at the loket: home is the loket
            return
        guided = self._guided
        # "Kartu Anda terbaca" only while the card's answers still wait for a form.
        self.home.show_card_notice(guided is not None and guided.holds_card_answers)
        self.show_screen("home")
        self.refresh_lines()  # a catalogue update shows on the next visit
        if self.sync_watch is not None:
            self.sync_watch.refresh()
        self.quiet.soon()  # a full garbage collection when nobody is there (ui.memory)

    def refresh_lines(self) -> None:
        """Fetch the service list again, off the GUI thread."""
        self.tickets.refresh_lines()

    def restart_for_next_person(self) -> None:
        """Back to the start with the office's default language, contrast and text size;
        every screen forgets what the last person left."""
        if self._guided is not None:
            self._guided.reset()  # an unfinished form is forgotten, never kept
        at_loket = self._staff is not None and self._staff.at_counter  # the clerk stays
        if self._staff is not None and not at_loket:
            self._staff.sign_out()  # a clerk who walked away is signed out
        for screen in self.stack.screens() if not at_loket else ():
            screen.forget()
        self.set_language(self._options.language)
        self.set_high_contrast(self._options.high_contrast)
        self.set_larger_text(False)
        self.go_home()

    def shutdown(self, msecs: int = 10_000) -> bool:
        """Wait for a ticket or receipt still printing; True when nothing is left running."""
        guided_done = self._guided is None or self._guided.shutdown(msecs)
        if self._staff is not None:
            self._staff.shutdown(msecs)
        if self._voice is not None:
            self._voice.shutdown()
        sync_done = self.sync_watch is None or self.sync_watch.shutdown(msecs)
        return self.tickets.wait_for_done(msecs) and guided_done and sync_done

    @Slot(str)
    def on_code_scanned(self, text: str) -> None:
        """A line from the code scanner (on the GUI thread: connect a queued signal).

        The screen shown may take it; else a receipt's QR code opens that application's
        status, unless someone is in the middle of something.
        """
        self.idle_watcher.restart()  # someone is at the scanner: at the kiosk
        screen = self.stack.current
        if screen is not None and screen.take_code(text):
            return
        guided = self.guided
        if guided is None or not text.strip().upper().startswith(STATUS_SCAN_PREFIX):
            log.info("scanned code ignored: not a receipt code")
            return
        if self.in_use:
            log.info("scanned receipt code ignored: the screen is in use")
            return
        guided.reset()
        guided.open_status(text.strip()[len(STATUS_SCAN_PREFIX) :])

    @Slot(str)
    def on_card_tapped(self, tag: str) -> None:
        """A card's tag ID from the card reader (on the GUI thread: a queued signal).

        The screen shown may take it; else `card_unclaimed` carries it (a staff badge
        tapped at home, say). The tag identifies a card; it is never logged.
        """
        self.idle_watcher.restart()  # someone is at the reader: at the kiosk
        screen = self.stack.current
        if screen is not None and screen.take_card(tag):
            return
        log.info("card tap not taken by the %s screen", self.current_screen)
        self.card_unclaimed.emit(tag)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    # -- building -----------------------------------------------------------

    def _connect(self) -> None:
        self.stack.screen_changed.connect(self.screen_changed)
        self.home.take_number.connect(self.tickets.take_number)
        self.home.language_chosen.connect(self.set_language)
        self.home.language_chosen.connect(self._say_home)  # in the language just chosen
        self.home.high_contrast_toggled.connect(self.set_high_contrast)
        self.home.larger_text_toggled.connect(self.set_larger_text)
        tickets = self.tickets
        tickets.home_requested.connect(self.go_home)
        tickets.home_requested.connect(self._say_home)
        tickets.finished.connect(self.restart_for_next_person)
        tickets.speak.connect(lambda text: self.voice.say(text))  # each ticket screen, aloud
        for mine, theirs in (
            (self.ticket_issued, tickets.ticket_issued),
            (self.print_failed, tickets.print_failed),
            (self.printing_timed_out, tickets.printing_timed_out),
            (self.late_result, tickets.late_result),
            (self.lines_loaded, tickets.lines_loaded),
        ):
            theirs.connect(mine)
        self.idle_watcher.timed_out.connect(self._on_idle)
        if self._services is not None:
            self.home.guided_services.connect(lambda: self._guided_flow().open_services())
            self.home.check_status.connect(lambda: self._guided_flow().open_status())
        if self._staff_side.wanted:
            self.home.staff_requested.connect(lambda: self._staff_flow().open_sign_in())
            self.card_unclaimed.connect(self._staff_side.on_card_unclaimed)

    def _say_home(self) -> None:
        """The start screen aloud, for a citizen who is there (never on a restart for
        the next person: nobody may be there to hear it)."""
        self.voice.say(self.home.spoken_text())

    def _guided_flow(self) -> GuidedFlow:
        guided = self.guided
        assert guided is not None, "connected only with guided services"
        return guided

    def _staff_flow(self) -> StaffFlow:
        staff = self.staff
        assert staff is not None, "connected only with staff"
        return staff

    def _connect_guided(self, guided: GuidedFlow) -> None:
        guided.show_screen.connect(self.show_screen)
        guided.home_requested.connect(self._leave_guided)
        guided.finished.connect(self.restart_for_next_person)
        guided.still_there_answered.connect(self.idle_watcher.restart)

    def _apply_theme(self) -> None:
        palette, scale = palette_for(self._high_contrast), self._text_scale
        self.setStyleSheet(scale_fonts(stylesheet(palette), scale))
        if self._guided is not None:
            self._theme_guided(self._guided)
        for screen, sheet in self._screen_sheets.items():
            screen.setStyleSheet(scale_fonts(sheet(palette), scale))
        self._show_home_state()

    @property
    def _text_scale(self) -> float:
        return LARGER_TEXT_SCALE if self._larger_text else 1.0

    def _theme_guided(self, guided: GuidedFlow) -> None:
        """The guided screens' own sheets, their fonts scaled as the window's are."""
        guided.apply_theme(palette_for(self._high_contrast))
        if self._larger_text:
            for screen in guided.screens:
                screen.setStyleSheet(scale_fonts(screen.styleSheet(), self._text_scale))

    def _show_home_state(self) -> None:
        self.home.show_state(self._tr.language, self._high_contrast, self._larger_text)

    def _retranslate(self) -> None:
        for screen in self.stack.screens():
            screen.retranslate(self._tr)
        self.tickets.use_language(self._tr)
        if self._guided is not None:
            self._guided.use_language(self._tr)
        if self._staff is not None:
            self._staff.use_language(self._tr)
        if self._voice is not None:
            self._voice.set_language(self._tr.language)
        self._show_home_state()
        _ = self._tr
        self.setWindowTitle(_("Queue number"))

    # -- leaving ------------------------------------------------------------

    def _leave_guided(self) -> None:
        """Home from a guided screen, keeping the language the person chose."""
        if self._guided is not None:
            self._guided.reset()
        self.go_home()

    def _on_idle(self) -> None:
        self.idle_watcher.restart()
        guided, staff = self._guided, self._staff
        if self.tickets.awaiting_ticket or (staff is not None and staff.busy):
            return  # never leave the printing screen before the printer answers
        if guided is not None and (guided.busy or guided.asking_still_there):
            return  # the receipt is printing, or the countdown is running
        if guided is not None and guided.in_form:
            guided.ask_still_there(self.current_screen)
            return
        at_rest = (
            self.current_screen == "home"
            and self.language == supported(self._options.language)
            and self.high_contrast == self._options.high_contrast
            and not self._larger_text
            and not (guided is not None and guided.holds_card_answers)
            and not (staff is not None and staff.signed_in)
        )
        if not at_rest:
            self.restart_for_next_person()
