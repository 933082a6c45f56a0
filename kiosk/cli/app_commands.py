"""Starts the kiosk screen: `kiosk run` with the configured parts (`kiosk demo` reuses it)."""

from __future__ import annotations

import argparse
import logging
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from kiosk.cli.settings_loader import settings_for
from kiosk.config import Settings
from kiosk.errors import KioskError

if TYPE_CHECKING:
    from kiosk.applications.desk import ApplicationDesk
    from kiosk.cards.registry import CardRegistry
    from kiosk.documents.desk import DocumentDesk
    from kiosk.queue.board import BoardReader
    from kiosk.queue.counter import CounterDesk
    from kiosk.queue.desk import QueueDesk
    from kiosk.reports.service import DailyReports
    from kiosk.sync.desk import SyncDesk
    from kiosk.sync.worker import SyncWorker
    from ui.contracts import ApplicationsPort, QueuePort, SyncPort, UiOptions
    from ui.counter.contracts import CounterParts
    from ui.documents.contracts import DocumentsPort
    from ui.staff.contracts import StaffPort
    from ui.staff.reports import ReportsPort
    from ui.voice import VoiceProblem

log = logging.getLogger(__name__)


@dataclass
class Parts:
    """What the background start-up builds: the queue always, the guided services if
    they could open (no keyring, a broken catalogue directory: tickets still work)."""

    queue: QueueDesk
    services: ApplicationDesk | None = None
    cards: CardRegistry | None = None  # staff sign-in and citizens' cards
    documents: DocumentDesk | None = None  # proofs and letters staff print
    sync: SyncWorker | None = None  # sends the outbox to the centre
    sync_desk: SyncDesk | None = None  # what the start screen says about it
    counter: CounterDesk | None = None  # a counter PC's loket (ui.role = "counter")
    board: BoardReader | None = None  # who waits per line, for the loket
    reports: DailyReports | None = None  # the day's A4 report, for the staff menu
    services_error: Exception | None = None


class PartsNotReady(KioskError):
    """The parts are not open yet, or the guided services could not be opened (see the
    log); tickets still work."""


class Deferred:
    """Parts opened on a background thread; the first call after a failure tries again.

    The home screen shows before SQLAlchemy is even imported; the first tap comes long
    after. Off the GUI thread calls wait for the parts; if opening them failed
    (database down at boot), the next such call tries again, so the kiosk recovers
    without a restart. The GUI thread never waits and never builds: the database and
    the keyring are opened off it only.
    """

    def __init__(self, build: Callable[[], Parts]) -> None:
        self._build = build
        self._lock = threading.Lock()
        self._future: Future[Parts] = Future()

    def start(self) -> None:
        threading.Thread(
            target=self._run, args=(self._future,), name="open-parts", daemon=True
        ).start()

    def _run(self, future: Future[Parts]) -> None:
        try:
            future.set_result(self._build())
        except Exception as error:  # shown where the parts are used; logged here
            log.error("could not open the queue: %s", error)
            future.set_exception(error)

    def done(self) -> bool:
        return self._future.done()

    def ready(self, timeout: float | None = None) -> Parts:
        """The open parts; on the GUI thread only when they already are (else
        PartsNotReady at once), elsewhere after waiting (and retrying a failure)."""
        if on_gui_thread():
            return self._opened_already()
        with self._lock:
            future = self._future
            if future.done() and future.exception() is not None:
                future = self._future = Future()
                self._run(future)
        return future.result(timeout)

    def _opened_already(self) -> Parts:
        future = self._future
        if not future.done() or future.exception() is not None:
            raise PartsNotReady("the kiosk's parts are not open yet")
        return future.result()


def on_gui_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


P = TypeVar("P")


class DeferredPort(Generic[P]):
    """A port of one of the parts (`pick` chooses it), over deferred parts: each method
    call waits for the parts and goes to that part (PartsNotReady if it could not be
    opened). The screens make these calls off the GUI thread (`ui.tasks`); on the GUI
    thread only the `in_memory` methods (building a form) pass, and only once the parts
    are open: the database and the keyring are never touched there."""

    def __init__(
        self, parts: Deferred, pick: Callable[[Parts], P | None], in_memory: Iterable[str] = ()
    ) -> None:
        self._parts, self._pick, self._in_memory = parts, pick, frozenset(in_memory)

    def __getattr__(self, name: str) -> Callable[..., object]:
        if name.startswith("_"):
            raise AttributeError(name)

        def call(*args: object, **kwargs: object) -> object:
            if on_gui_thread() and name not in self._in_memory:
                raise PartsNotReady(f"{name} is never called on the GUI thread")
            return getattr(self._part(), name)(*args, **kwargs)

        return call

    def _part(self) -> P:
        opened = self._parts.ready()
        part = self._pick(opened)
        if part is None:
            raise PartsNotReady(str(opened.services_error))
        return part


def open_parts(settings: Settings) -> Parts:
    from kiosk.cli.office_wiring import build_counter
    from kiosk.cli.report_commands import build_daily_reports
    from kiosk.cli.wiring import (
        build_guided,
        build_queue,
        build_sync,
        health_of,
        open_database,
        open_printer,
    )
    from kiosk.printers import PrinterWatch
    from kiosk.sync.desk import SyncDesk

    database, printer = open_database(settings), open_printer(settings)
    watch = PrinterWatch()  # what tickets and receipts last learnt of the printer
    parts = Parts(build_queue(settings, database, printer, watch))
    if settings.ui.role == "counter":
        parts.counter, parts.board = build_counter(settings, database)
    parts.reports = build_daily_reports(settings, database.sessions)
    doorbell = threading.Event()  # rung by the desk after each stored application
    try:
        guided = build_guided(settings, database, printer, doorbell.set, watch)
        parts.services, parts.cards, parts.documents = (
            guided.services,
            guided.cards,
            guided.documents,
        )
    except Exception as error:  # tickets keep working without the guided services
        log.error("guided services unavailable: %s", error)
        parts.services_error = error
        return parts
    parts.sync = build_sync(settings, database, guided, doorbell, health_of(parts.queue, watch))
    parts.sync.start()
    parts.sync_desk = SyncDesk(database.sessions)
    return parts


def _ui_options(settings: Settings, windowed: bool) -> UiOptions:
    from ui.contracts import UiOptions

    return UiOptions(
        office_name=settings.office.name,
        language=settings.ui.language,
        idle_timeout_seconds=settings.ui.idle_timeout_seconds,
        high_contrast=settings.ui.high_contrast,
        fullscreen=settings.ui.fullscreen and not windowed,
        role="counter" if settings.ui.role == "counter" else "kiosk",
        timezone=settings.office.timezone,
        card_reader=bool(settings.readers.card_url.strip()),
    )


def start_ui(settings: Settings, args: argparse.Namespace, build: Callable[[], Parts]) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.app import prepare_environment, run_kiosk

    options = _ui_options(settings, args.windowed)
    log.info("starting as a %s PC", settings.ui.role)
    prepare_environment(options)  # before the QApplication: the on-screen keyboard
    parts = Deferred(build)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    QTimer.singleShot(0, parts.start)  # first turn of the event loop: the window is up
    if getattr(args, "report_ready", False):
        QTimer.singleShot(0, lambda: print(f"ready {time.time():.6f}", flush=True))
    if getattr(args, "quit_after", None) is not None:
        QTimer.singleShot(int(args.quit_after * 1000), app.quit)
    return run_kiosk(
        cast("QueuePort", DeferredPort(parts, lambda opened: opened.queue)),
        options,
        sys.argv[:1],
        # `start` builds a form in memory, on the GUI thread
        services=cast("ApplicationsPort", DeferredPort(parts, lambda p: p.services, ["start"])),
        start_scanner=lambda deliver: _start_reader("start_scanner", settings, deliver),
        start_card_reader=lambda deliver: _start_reader("start_card_reader", settings, deliver),
        staff=cast("StaffPort", DeferredPort(parts, lambda opened: opened.cards)),
        documents=cast("DocumentsPort", DeferredPort(parts, lambda opened: opened.documents)),
        start_voice_check=_start_voice_check if options.voice_on else None,
        sync=cast("SyncPort", DeferredPort(parts, lambda opened: opened.sync_desk)),
        counter=_counter_parts(settings, parts) if settings.ui.role == "counter" else None,
        reports=cast("ReportsPort", DeferredPort(parts, lambda opened: opened.reports)),
    )


def _counter_parts(settings: Settings, parts: Deferred) -> CounterParts:
    """The loket's ports over the deferred parts (the database opens in the background)."""
    from kiosk.cli.office_wiring import LazyWatcher
    from ui.counter.contracts import CounterParts, CounterPort, WaitingPort

    return CounterParts(
        desk=cast("CounterPort", DeferredPort(parts, lambda opened: opened.counter)),
        waiting=cast("WaitingPort", DeferredPort(parts, lambda opened: opened.board)),
        watcher=LazyWatcher(settings.database.url),
        loket_file=settings.paths.data_dir / "loket.json",
    )


def _start_voice_check(deliver: Callable[[VoiceProblem | None], None]) -> object:
    """The voice checked end to end off the GUI thread (`kiosk doctor voice` checks the
    same); a problem is logged with its fix, and `deliver`ed to the staff menu."""
    from kiosk.cli.voice_check import StartupVoiceCheck

    return StartupVoiceCheck(deliver).start()


def _start_reader(starter: str, settings: Settings, deliver: Callable[[str], None]) -> object:
    """The configured reader, running until the kiosk stops it (and closes its port)."""
    readers = _readers()
    return readers.for_the_run(getattr(readers, starter)(settings, deliver))


def _readers() -> ModuleType:
    """The reader threads' module, imported when the readers start (after the start
    screen is up): it brings pyserial and the emulators."""
    from kiosk.cli import reader_threads

    return reader_threads


def run(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    if settings.ui.role == "display":
        from kiosk.cli.board_commands import start_board

        return start_board(settings, args)
    return start_ui(settings, args, lambda: open_parts(settings))
