"""Starts the kiosk screen: `kiosk run` with real parts, `kiosk demo` with emulated ones."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli.settings_loader import settings_for
from kiosk.config import Settings
from kiosk.i18n import translations
from kiosk.queue.types import IssuedTicket, Priority, ServiceInfo

if TYPE_CHECKING:
    from kiosk.queue.service import QueueService

log = logging.getLogger(__name__)

DEMO_PRINTER = "demo"
DEMO_OFFICE = "Kantor Desa Sukamaju (demo)"


class DeferredQueue:
    """The queue while its database and printer open in the background.

    The home screen shows before SQLAlchemy is even imported; the first tap comes long
    after. On the GUI thread `services()` never touches the database (it answers an empty
    list; the window asks again from its worker thread). Off the GUI thread every call
    waits for the queue; if opening it failed (database down at boot), the next call
    tries again, so the kiosk recovers without a restart.
    """

    def __init__(self, build: Callable[[], QueueService]) -> None:
        self._build = build
        self._lock = threading.Lock()
        self._future: Future[QueueService] = Future()

    def start(self) -> None:
        threading.Thread(
            target=self._run, args=(self._future,), name="open-queue", daemon=True
        ).start()

    def _run(self, future: Future[QueueService]) -> None:
        try:
            future.set_result(self._build())
        except Exception as error:  # shown where the queue is used; logged here
            log.error("could not open the queue: %s", error)
            future.set_exception(error)

    def ready(self, timeout: float | None = None) -> QueueService:
        """The queue, waiting for it; a failed attempt is retried once per call."""
        with self._lock:
            future = self._future
            if future.done() and future.exception() is not None:
                future = self._future = Future()
                self._run(future)
        return future.result(timeout)

    def services(self) -> list[ServiceInfo]:
        if threading.current_thread() is threading.main_thread():
            return []  # never the database on the GUI thread
        return self.ready().services()

    def issue_ticket(
        self, service_code: str, priority: Priority | None = None, language: str = "id"
    ) -> IssuedTicket:
        return self.ready().issue_ticket(service_code, priority, language)


def _open_queue(settings: Settings) -> QueueService:
    from kiosk.cli.wiring import build_queue, open_database, open_printer

    return build_queue(settings, open_database(settings), open_printer(settings))


def _ui_options(settings: Settings, windowed: bool) -> object:
    from ui.contracts import UiOptions

    return UiOptions(
        office_name=settings.office.name,
        language=settings.ui.language,
        idle_timeout_seconds=settings.ui.idle_timeout_seconds,
        high_contrast=settings.ui.high_contrast,
        fullscreen=settings.ui.fullscreen and not windowed,
    )


def _start_ui(
    settings: Settings, args: argparse.Namespace, build: Callable[[], QueueService]
) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.app import run_kiosk

    queue = DeferredQueue(build)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    QTimer.singleShot(0, queue.start)  # first turn of the event loop: the window is up
    if getattr(args, "report_ready", False):
        QTimer.singleShot(0, lambda: print(f"ready {time.time():.6f}", flush=True))
    if getattr(args, "quit_after", None) is not None:
        QTimer.singleShot(int(args.quit_after * 1000), app.quit)
    return run_kiosk(queue, _ui_options(settings, args.windowed), sys.argv[:1])  # type: ignore[arg-type]


def run(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    return _start_ui(settings, args, lambda: _open_queue(settings))


def demo_environment(data_dir: Path, environ: dict[str, str]) -> dict[str, str]:
    """Settings for the demo: its own data dir and SQLite file, the emulated printer."""
    demo = dict(environ)
    demo["KIOSK_DATA_DIR"] = str(data_dir)
    demo["KIOSK_DATABASE_URL"] = f"sqlite:///{data_dir / 'anjungan.db'}"
    demo["KIOSK_PRINTER_URL"] = f"emu://{DEMO_PRINTER}"
    demo.setdefault("KIOSK_OFFICE_NAME", DEMO_OFFICE)
    return demo


def demo(args: argparse.Namespace) -> int:
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="anjungan-demo-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    settings = settings_for(args, demo_environment(data_dir, dict(os.environ)))
    printed = data_dir / "printed"
    printed.mkdir(exist_ok=True)
    _ = translations(settings.ui.language).gettext
    print(_("Anjungan demo (emulated printer: simulated hardware)"))
    print(f"  data folder:     {data_dir}")
    print(f"  printed tickets: {printed}")
    sys.stdout.flush()

    def open_demo_queue() -> QueueService:
        from devices.emulator import get_emulator

        emulator = get_emulator(DEMO_PRINTER, settings.printer.profile, settings.printer.baudrate)
        emulator.output_dir = printed
        return _open_queue(settings)

    return _start_ui(settings, args, open_demo_queue)
