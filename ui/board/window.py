"""The board's window: the panels, the clock, the calm "last updated" note, new calls."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLayout, QVBoxLayout, QWidget

from kiosk.i18n.dates import date_with_weekday
from kiosk.office_time import office_zone, zone_label
from ui.board.announcer import Announcer, AnnounceTiming, ChimePlayer
from ui.board.calls import NewCalls
from ui.board.contracts import BoardOptions, BoardPicture, BoardSource, CallView, ChangeWatcher
from ui.board.feed import BoardFeed
from ui.board.panels import CallPanel, PastCalls, ServingPanel, WaitingPanel, label
from ui.board.style import board_stylesheet, scale_for
from ui.i18n import Tr, supported
from ui.theme import palette_for
from ui.voice import Voice

log = logging.getLogger(__name__)

CLOCK_TICK_MS = 1_000
Now = Callable[[], datetime]


def clock_text(at: datetime, language: str) -> str:
    """ "10.42" as Indonesians write the time ("10:42" in English)."""
    return at.strftime("%H:%M" if language == "en" else "%H.%M")


def _utc_now() -> datetime:
    return datetime.now(UTC)


class BoardWindow(QWidget):
    """The whole board; `start` begins reading. Call `shutdown` before it is deleted."""

    def __init__(
        self,
        source: BoardSource,
        watcher: ChangeWatcher,
        options: BoardOptions,
        voice: Voice | None = None,
        chime: ChimePlayer | None = None,
        timing: AnnounceTiming | None = None,
        now: Now = _utc_now,
    ) -> None:
        super().__init__()
        self.setObjectName("board")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._options, self._now = options, now
        self._tr = Tr(supported(options.language))
        self._zone = office_zone(options.timezone)
        self._new_calls = NewCalls()
        self._lokets: set[str] = set()
        self.state: BoardPicture | None = None
        self.online = False
        self._build()
        self._scale = 0.0
        self._apply_style()
        self.feed = BoardFeed(source, watcher, options.retry_seconds, options.refresh_seconds, self)
        self.feed.arrived.connect(self.show_state)
        self.feed.failed.connect(self._show_offline)
        self.announcer = Announcer(
            voice if options.voice_enabled else None,
            chime if options.chime_enabled else None,
            options.languages,
            options.repeats,
            timing,
            self,
        )
        self.announcer.started.connect(self._show_announced)
        self.announcer.idle.connect(self._settle)
        self._highlight = QTimer(self)
        self._highlight.setSingleShot(True)
        self._highlight.setInterval(round(options.highlight_seconds * 1000))
        self._highlight.timeout.connect(self._settle)
        self._clock = QTimer(self)
        self._clock.timeout.connect(self._tick)
        self._tick()

    def _build(self) -> None:
        tr = self._tr
        self.office = label(self._options.office_name, "office")
        self.date = label("", "date")
        self.clock = label("", "clock")
        self.call_panel = CallPanel(tr)
        self.serving = ServingPanel(tr)
        self.past = PastCalls(tr)
        self.waiting = WaitingPanel(tr)
        self.status = label(tr("Connecting to the queue…"), "status")
        self.notice = notice = QFrame()
        notice.setProperty("role", "notice")
        QHBoxLayout(notice).addWidget(self.status)
        header = QGridLayout()  # the note sits in the header: the panels never move
        header.addWidget(self.office, 0, 0, 2, 1)
        header.addWidget(notice, 0, 1, 2, 1, Qt.AlignmentFlag.AlignCenter)
        header.addWidget(self.clock, 0, 2, Qt.AlignmentFlag.AlignRight)
        header.addWidget(self.date, 1, 2, Qt.AlignmentFlag.AlignRight)
        header.setColumnStretch(1, 1)
        body = QGridLayout()
        body.addWidget(self.call_panel, 0, 0)
        body.addWidget(self.past, 1, 0)
        body.addWidget(self.serving, 0, 1)
        body.addWidget(self.waiting, 1, 1)
        body.setColumnStretch(0, 11)
        body.setColumnStretch(1, 9)
        body.setRowStretch(0, 5)
        body.setRowStretch(1, 3)
        layout = QVBoxLayout(self)
        # The type follows the window's size: the window must never follow the type's.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addLayout(header, 0)
        layout.addLayout(body, 1)
        self._layouts = (header, body, layout)

    # -- starting and stopping ---------------------------------------------------

    def start(self) -> None:
        self.feed.start()
        self._clock.start(CLOCK_TICK_MS)

    def shutdown(self, msecs: int = 5_000) -> bool:
        """Stop reading, watching and speaking; True when the background work ended in time."""
        self._clock.stop()
        self._highlight.stop()
        self.announcer.stop()
        return self.feed.stop(msecs)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    # -- the picture -----------------------------------------------------------------

    def show_state(self, state: BoardPicture) -> None:
        """A fresh picture: every panel, and its new calls queued to be announced."""
        if self.state is not None and state.day != self.state.day:
            self._lokets.clear()  # a new day: lokets appear as they call
        self.state, self.online = state, True
        self._lokets.update(state.serving)
        self._lokets.update(call.counter for call in state.calls if call.counter)
        self.serving.show_serving(sorted(self._lokets, key=_loket_order), state.serving)
        self.waiting.show_lines(state.lines)
        for call in self._new_calls.take(state.calls):
            self.announcer.announce(call)
        if not self.call_panel.highlighted and not self.announcer.busy:
            self.call_panel.show_call(state.calls[0] if state.calls else None)
        self._show_past()
        self.status.setText("")
        self.notice.setVisible(False)

    def _show_past(self) -> None:
        shown = self.call_panel.call
        calls = self.state.calls if self.state else []
        self.past.show_calls(c for c in calls if shown is None or c.event_id != shown.event_id)

    def _show_announced(self, call: CallView) -> None:
        self.call_panel.show_call(call)
        self.call_panel.set_highlighted(True)
        self._highlight.start()
        self._show_past()

    def _settle(self) -> None:
        """The highlight ends once its time is up and nothing more is being announced."""
        if self._highlight.isActive() or self.announcer.busy:
            return
        self.call_panel.set_highlighted(False)
        if self.state is not None and self.state.calls:
            self.call_panel.show_call(self.state.calls[0])
            self._show_past()

    def _show_offline(self) -> None:
        """Calm: the last picture stays, with the time it was read."""
        self.online = False
        tr = self._tr
        if self.state is None:
            text = tr("Connecting to the queue…")
        else:
            at = clock_text(self.state.read_at.astimezone(self._zone), tr.language)
            text = tr("Last updated: %(when)s") % {"when": at}  # the status screen's words
        self.status.setText(text)
        self.notice.setVisible(True)

    # -- clock and size ----------------------------------------------------------------

    def _tick(self) -> None:
        at = self._now().astimezone(self._zone)
        language = self._tr.language
        self.clock.setText(f"{clock_text(at, language)} {zone_label(self._zone, at)}")
        self.date.setText(date_with_weekday(at.date(), language))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_style()

    def _apply_style(self) -> None:
        scale = scale_for(max(1, self.width()), max(1, self.height()))
        if abs(scale - self._scale) < 0.01:
            return
        self._scale = scale
        self.setStyleSheet(board_stylesheet(palette_for(self._options.high_contrast), scale))
        self.serving.set_scale(scale)
        margin = round(24 * scale)
        for layout in self._layouts:
            layout.setSpacing(margin)
        self._layouts[2].setContentsMargins(margin, margin, margin, margin)


def _loket_order(loket: str) -> tuple[int, int, str]:
    """Lokets by number ("2" before "10"), named ones after them."""
    return (0, int(loket), "") if loket.isdigit() else (1, 0, loket)
