"""The background thread that syncs: rounds on a timer, sooner when woken, slower when failing.

Never the GUI thread. After a good round it waits `interval_seconds`; after a failure
that may pass (no line, a busy or broken centre) it waits an exponential, jittered
delay and never less than the centre's Retry-After; after one that will not pass by
itself (not enrolled, revoked) it waits the longest delay. `wake()` starts a round
at once: a new application, `kiosk sync now`, a technician's button.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from kiosk.config.schema import SyncSettings
from kiosk.sync.backoff import retry_delay
from kiosk.sync.engine import RoundReport, SyncEngine
from kiosk.sync.errors import CentralBusy, NotEnrolled, SyncError

log = logging.getLogger(__name__)


class SyncWorker:
    """Runs `engine` rounds on its own daemon thread until stopped."""

    def __init__(
        self,
        engine: SyncEngine,
        settings: SyncSettings,
        on_round: Callable[[RoundReport | SyncError], None] | None = None,
        doorbell: threading.Event | None = None,
    ) -> None:
        """`doorbell`: set by whoever has something to send (the application desk after
        storing one) to start a round at once."""
        self._engine = engine
        self._settings = settings
        self._on_round = on_round or (lambda outcome: None)
        self._woken = doorbell or threading.Event()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sync", daemon=True)
        self.failures = 0

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        self._woken.set()

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the thread to end after its current request (bounded by the timeouts)."""
        self._stopped.set()
        self._woken.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        self._engine.close()

    def _run(self) -> None:
        while not self._stopped.is_set():
            delay = self._round()
            self._woken.wait(delay)
            self._woken.clear()

    def _round(self) -> float:
        """One round; the seconds to wait before the next."""
        try:
            report = self._engine.run_once()
        except SyncError as problem:
            self._on_round(problem)
            return self._after_failure(problem)
        except Exception:  # a bug or a database error: logged, and the thread lives on
            log.exception("sync round failed")
            self.failures += 1
            return retry_delay(self.failures, self._settings.max_backoff_seconds)
        self.failures = 0
        self._on_round(report)
        return float(self._settings.interval_seconds)

    def _after_failure(self, problem: SyncError) -> float:
        cap = float(self._settings.max_backoff_seconds)
        if isinstance(problem, NotEnrolled):
            return float(self._settings.interval_seconds)  # enrolment may come any time
        if not problem.retry:
            log.info("sync waits: %s", problem)
            return cap
        self.failures += 1
        retry_after = problem.retry_after if isinstance(problem, CentralBusy) else None
        delay = retry_delay(self.failures, cap, retry_after)
        log.info("sync failed (%s); next attempt in %.0f s", problem.problem, delay)
        return delay
