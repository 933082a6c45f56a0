"""Starts the waiting room's display (`ui.role = "display"`): the board of calls, spoken aloud.

The display only reads: it opens the office's database without migrating it (a kiosk
or counter does that) and without the office keys, printer or readers. If the database
cannot be reached at start, the board shows so calmly and keeps asking.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time

from kiosk.config import Settings
from kiosk.config.checks import language_list

log = logging.getLogger(__name__)


def start_board(settings: Settings, args: argparse.Namespace) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.clock import SystemClock
    from kiosk.db.engine import create_engine_for, session_factory
    from kiosk.queue.board import BoardReader
    from kiosk.queue.signals import watcher_for
    from ui.board.app import run_board
    from ui.board.contracts import BoardOptions

    engine = create_engine_for(settings.database.url)
    reader = BoardReader(session_factory(engine), SystemClock(), settings.office.timezone)
    options = BoardOptions(
        office_name=settings.office.name,
        language=settings.ui.language,
        timezone=settings.office.timezone,
        high_contrast=settings.ui.high_contrast,
        fullscreen=settings.ui.fullscreen and not args.windowed,
        languages=language_list(settings.queue.board_languages),
    )
    log.info("the waiting room's display starts, announcing in %s", ", ".join(options.languages))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if getattr(args, "report_ready", False):
        QTimer.singleShot(0, lambda: print(f"ready {time.time():.6f}", flush=True))
    if getattr(args, "quit_after", None) is not None:
        QTimer.singleShot(int(args.quit_after * 1000), app.quit)
    try:
        return run_board(reader, watcher_for(engine), options, sys.argv[:1])
    finally:
        engine.dispose()
