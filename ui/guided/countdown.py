""" "Masih di sini?": the countdown over an unfinished form when nobody touches the screen."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from ui.guided.still_there import StillThereScreen
from ui.voice import Voice

COUNTDOWN_TICK_MS = 250
# "Ya, lanjutkan" returns to these (to the others, the form is gone or never was).
FORM_SCREENS = frozenset(
    {"service_intro", "question", "summary", "consent", "submission_problem", "confirm_wipe"}
)


class StillThereCountdown(QObject):
    """Shows the seconds left; `expired` when they run out (the form is then wiped)."""

    show_screen = Signal(str)
    resumed = Signal(str)  # the person is there: the form screen to go back to, or ""
    expired = Signal()

    def __init__(self, seconds: float, voice: Voice, parent: QObject | None) -> None:
        super().__init__(parent)
        self._seconds = seconds
        self._voice = voice
        self._resume_to = ""
        self.screen = StillThereScreen()
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(max(1, round(seconds * 1000)))
        self._tick = QTimer(self)
        self._tick.setInterval(COUNTDOWN_TICK_MS)
        self._clock = QElapsedTimer()
        self.screen.resume.connect(self._on_resume)
        self._deadline.timeout.connect(self._on_deadline)
        self._tick.timeout.connect(self._on_tick)

    @property
    def running(self) -> bool:
        return self._deadline.isActive()

    def start(self, current_screen: str) -> None:
        self._resume_to = current_screen if current_screen in FORM_SCREENS else ""
        self._clock.start()
        self._deadline.start()
        self._tick.start()
        self.screen.show_seconds_left(self._seconds)
        self.show_screen.emit(self.screen.name)
        self._voice.say(self.screen.spoken_text())

    def stop(self) -> None:
        self._deadline.stop()
        self._tick.stop()

    def _on_tick(self) -> None:
        self.screen.show_seconds_left(self._seconds - self._clock.elapsed() / 1000)

    def resume(self) -> None:
        """As "Ya, lanjutkan": the person showed they are here (a card tapped, say)."""
        if self.running:
            self._on_resume()

    def _on_resume(self) -> None:
        self.stop()
        self.resumed.emit(self._resume_to)

    def _on_deadline(self) -> None:
        self.stop()
        self.expired.emit()
