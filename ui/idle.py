"""Return to the start when nobody has touched the kiosk for a while."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal

ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseMove,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
    }
)


class IdleWatcher(QObject):
    """An application event filter: every touch, click or key restarts the timer.

    Install it with ``app.installEventFilter(watcher)``; `timed_out` fires after
    `timeout_seconds` without activity.
    """

    timed_out = Signal()

    def __init__(self, timeout_seconds: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)  # a restart really restarts
        self._timer.setInterval(max(1, round(timeout_seconds * 1000)))
        self._timer.timeout.connect(self.timed_out)
        self._since_activity = QElapsedTimer()
        self._since_activity.start()

    def restart(self) -> None:
        self._timer.start()
        self._since_activity.restart()

    def quiet_ms(self) -> int:
        """Milliseconds since the last touch, click or key (or restart)."""
        return int(self._since_activity.elapsed())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY_EVENTS:
            self._timer.start()
            self._since_activity.restart()
        return False
