"""Time from the citizen's last tap to the ticket's last byte on a 9600 baud line.

The kiosk window is wired as `kiosk run` wires it (SQLite file with migrations, the
real queue service, the ESC/POS adapter) to the emulated printer behind emu:// with
pacing on (simulated hardware: each write lasts as long as its bytes take on a real
9600 baud 8N1 line). Baseline: the serial line's physical limit for the bytes sent,
bytes x 10 / 9600 s. Target: at most 1.15x. Run: python -m benchmarks.tap_to_wire
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from devices.emulator import get_emulator, register_url_handler
from kiosk.cli.wiring import build_queue, open_database, open_printer
from kiosk.config import load_settings
from ui.contracts import UiOptions
from ui.window import KioskWindow

BAUD = 9600
BITS_PER_BYTE = 10  # 8N1: start bit, 8 data bits, stop bit
TARGET = 1.15
RUNS = 5


def build_window(data_dir: Path) -> KioskWindow:
    """The queue as `kiosk run` wires it (kiosk.cli.wiring), on the paced emulated printer
    (simulated hardware that sends at the serial line's real speed)."""
    settings = load_settings(
        None,
        {
            "KIOSK_CONFIG": os.devnull,
            "KIOSK_DATABASE_URL": f"sqlite:///{data_dir / 'anjungan.db'}",
            "KIOSK_PRINTER_URL": f"emu://bench?pace=1&baud={BAUD}",
            "KIOSK_PRINTER_BAUDRATE": str(BAUD),
            "KIOSK_PRINTER_PROFILE": "80mm",
            "KIOSK_OFFICE_NAME": "Kantor Desa Sukamaju",
            "KIOSK_OFFICE_TIMEZONE": "Asia/Jakarta",
        },
    )
    register_url_handler()
    get_emulator("bench", "80mm", BAUD, pace=True)
    database = open_database(settings)
    queue = build_queue(settings, database, open_printer(settings))
    return KioskWindow(queue, UiOptions(settings.office.name, fullscreen=False))


def tap(window: KioskWindow, name: str) -> None:
    button = window.page(window.current_screen).findChild(QPushButton, name)
    assert button is not None, name
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def one_ticket(window: KioskWindow) -> tuple[float, int]:
    """Seconds from the last tap to the last byte, and the bytes sent."""
    emulator = get_emulator("bench")
    before = emulator.bytes_received
    loop = QEventLoop()
    window.ticket_issued.connect(loop.quit)
    tap(window, "take_number")
    tap(window, "line_B")
    tap(window, "priority_none")
    tapped_at = time.perf_counter()
    tap(window, "print_ticket")
    QTimer.singleShot(30_000, loop.quit)
    loop.exec()
    window.ticket_issued.disconnect(loop.quit)
    assert emulator.last_byte_at is not None
    elapsed = emulator.last_byte_at - tapped_at
    window.go_home()
    return elapsed, emulator.bytes_received - before


def main() -> None:
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as data_dir:
        window = build_window(Path(data_dir))
        window.show_kiosk()
        while window.tickets.refreshing:  # the start-up line list comes off the GUI thread
            QTest.qWait(10)
        one_ticket(window)  # warm-up: first open of the port, first queries
        results = [one_ticket(window) for _ in range(RUNS)]
        window.shutdown()
    ratios = [elapsed / (sent * BITS_PER_BYTE / BAUD) for elapsed, sent in results]
    sent = results[len(results) // 2][1]
    print(f"bytes per ticket on the wire (with status queries): {sent}")
    print(f"physical limit at {BAUD} baud: {sent * BITS_PER_BYTE / BAUD * 1000:.0f} ms")
    print(f"tap to last byte: median {statistics.median(e for e, _ in results) * 1000:.0f} ms")
    print(f"ratio {statistics.median(ratios):.3f} (target <= {TARGET})")
    del app


if __name__ == "__main__":
    main()
