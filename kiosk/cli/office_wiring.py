"""The office's other stations wired from the settings: a counter PC's loket parts."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from kiosk.config import Settings

if TYPE_CHECKING:
    from kiosk.cli.wiring import Database
    from kiosk.queue.board import BoardReader
    from kiosk.queue.counter import CounterDesk
    from kiosk.queue.signals import QueueWatcher


def build_counter(settings: Settings, database: Database) -> tuple[CounterDesk, BoardReader]:
    """The loket's desk (with the office's priority rhythm) and its view of who waits."""
    from kiosk.clock import SystemClock
    from kiosk.queue.board import BoardReader
    from kiosk.queue.choosing import CallRule
    from kiosk.queue.counter import CounterDesk

    rule = CallRule(regular_per_priority=settings.queue.regular_per_priority)
    zone = settings.office.timezone
    desk = CounterDesk(database.sessions, SystemClock(), zone, rule)
    return desk, BoardReader(database.sessions, SystemClock(), zone)


class LazyWatcher:
    """A queue watcher made on its first wait, on the thread that waits: the GUI thread
    never imports SQLAlchemy nor touches the database for it. A failure to make one is
    the database being unreachable (ConnectionError), tried again on the next wait."""

    def __init__(self, database_url: str) -> None:
        self._url = database_url
        self._watcher: QueueWatcher | None = None
        self._lock = threading.Lock()

    def wait(self, timeout: float) -> bool:
        return self._made().wait(timeout)

    def close(self) -> None:
        with self._lock:
            if self._watcher is not None:
                self._watcher.close()
            self._watcher = None

    def _made(self) -> QueueWatcher:
        with self._lock:
            if self._watcher is None:
                from kiosk.db.engine import create_engine_for
                from kiosk.queue.signals import watcher_for

                try:
                    self._watcher = watcher_for(create_engine_for(self._url))
                except Exception as error:
                    raise ConnectionError("the queue database cannot be reached") from error
            return self._watcher
