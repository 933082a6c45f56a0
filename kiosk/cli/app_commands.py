"""Starts the kiosk screen: `kiosk run` with real parts, `kiosk demo` with emulated ones."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from devices.emulator import get_emulator
from kiosk.cli.settings_loader import settings_for
from kiosk.cli.wiring import build_queue, open_database, open_printer
from kiosk.config import Settings

DEMO_PRINTER = "demo"
DEMO_OFFICE = "Kantor Desa Sukamaju (demo)"


def _ui_options(settings: Settings, windowed: bool) -> object:
    from ui.contracts import UiOptions

    return UiOptions(
        office_name=settings.office.name,
        language=settings.ui.language,
        idle_timeout_seconds=settings.ui.idle_timeout_seconds,
        high_contrast=settings.ui.high_contrast,
        fullscreen=settings.ui.fullscreen and not windowed,
    )


def _start_ui(settings: Settings, windowed: bool, quit_after: float | None = None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.app import run_kiosk

    printer = open_printer(settings)
    queue = build_queue(settings, open_database(settings), printer)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if quit_after is not None:
        QTimer.singleShot(int(quit_after * 1000), app.quit)
    try:
        return run_kiosk(queue, _ui_options(settings, windowed), sys.argv[:1])  # type: ignore[arg-type]
    finally:
        printer.transport.close()


def run(args: argparse.Namespace) -> int:
    return _start_ui(settings_for(args), args.windowed)


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
    emulator = get_emulator(DEMO_PRINTER, settings.printer.profile, settings.printer.baudrate)
    emulator.output_dir = printed
    print("Anjungan demo (emulated printer: simulated hardware)")
    print(f"  data folder:     {data_dir}")
    print(f"  printed tickets: {printed}  (one text file per ticket)")
    sys.stdout.flush()
    return _start_ui(settings, args.windowed, args.quit_after)
