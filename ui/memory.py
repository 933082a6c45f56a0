"""Full garbage collections at quiet moments, so none pauses a citizen's tap.

CPython's cyclic collector stops every thread while it scans, and its oldest
generation holds everything the kiosk keeps for its whole life (Qt wrappers, the
catalogue, SQLAlchemy's mappers): a full scan of it took about 100 ms in the middle
of a sync (benchmarks/sync_slow_link.py), six frames of a frozen screen. So the
kiosk settles its memory when the start screen has been left alone for a while: a
full collection, then `gc.freeze()` takes what survived out of the collector's view,
and the automatic collections while people use the kiosk scan only what is new.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

QUIET_MS = 5_000  # the start screen untouched this long: nobody is about to tap


def settle() -> float:
    """Collect everything (what was frozen too), then freeze the survivors; the ms it took."""
    started = time.perf_counter()
    gc.unfreeze()  # frozen objects that became garbage since are collected as well
    gc.collect()
    gc.freeze()
    return (time.perf_counter() - started) * 1000


class QuietCollector(QObject):
    """Settles memory `after_ms` after `soon()` if the start screen shows and nobody
    has touched the kiosk for that long."""

    def __init__(
        self,
        at_start: Callable[[], bool],
        quiet_ms: Callable[[], int],
        parent: QObject,
        after_ms: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._at_start = at_start
        self._quiet_ms = quiet_ms
        self._after_ms = QUIET_MS if after_ms is None else after_ms
        self.settled = 0  # how many times it did (for the technician's log and tests)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self._after_ms)
        self._timer.timeout.connect(self._settle_if_quiet)

    @property
    def armed(self) -> bool:
        return self._timer.isActive()

    def soon(self) -> None:
        self._timer.start()  # restarts: the quiet is counted from the last visit

    def _settle_if_quiet(self) -> None:
        if not self._at_start():
            return  # someone is using the kiosk: the way back home arms it again
        untouched = self._quiet_ms()
        if untouched < self._after_ms:  # a touch at the start screen: wait out the rest
            self._timer.start(self._after_ms - untouched)
            return
        self.settled += 1
        log.debug("memory settled in %.0f ms", settle())
