"""Start-up to an interactive home screen vs a bare PySide6 window started the same way.

Both are fresh Python processes started by this script; each reports the wall-clock
time of the first turn of its event loop after the window is shown, i.e. once it could
take a tap, and the time from spawning it to that moment is compared. The kiosk runs
`kiosk run` on a data folder migrated by a warm-up run (a kiosk restarting on its own
database), with the
emulated printer behind emu:// (simulated hardware, in-process: no device to open); it
opens the database and printer right after that moment, in the background, and builds
the voice, the guided screens and the staff screens on the next turns of the event loop,
one part per turn (a tap in that time waits for one part, tens of milliseconds), and its
card reader and scanner threads start then too. (`kiosk demo`
is not measured: it also starts its emulated card reader and scanner as processes.)
Target: at most 3x. Run: python -m benchmarks.startup
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

TARGET = 3.0
RUNS = 5

BARE_WINDOW = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
window = QWidget()
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, lambda: print(f"ready {time.time():.6f}", flush=True))
QTimer.singleShot(0, app.quit)
app.exec()
"""


def timed(argv: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning the process to the ready line it prints."""
    started = time.time()
    result = subprocess.run(argv, env=env, check=True, capture_output=True, text=True)
    ready = next(line for line in result.stdout.splitlines() if line.startswith("ready "))
    return float(ready.split()[1]) - started


def main() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    with tempfile.TemporaryDirectory() as data_dir:
        env.update(
            KIOSK_CONFIG=os.devnull,
            KIOSK_DATA_DIR=data_dir,
            KIOSK_DATABASE_URL=f"sqlite:///{data_dir}/anjungan.db",
            KIOSK_PRINTER_URL="emu://startup",
        )
        kiosk = [sys.executable, "-m", "kiosk.cli.main", "run", "--windowed"]
        kiosk += ["--quit-after", "0.5", "--report-ready"]
        bare = [sys.executable, "-c", BARE_WINDOW]
        timed(kiosk, env)  # warm-up: creates and migrates the database
        timed(bare, env)
        kiosk_times = [timed(kiosk, env) for _ in range(RUNS)]
        bare_times = [timed(bare, env) for _ in range(RUNS)]
    kiosk_median, bare_median = statistics.median(kiosk_times), statistics.median(bare_times)
    print(f"bare PySide6 window: {bare_median * 1000:.0f} ms (median of {RUNS})")
    print(f"kiosk home screen:   {kiosk_median * 1000:.0f} ms (median of {RUNS})")
    print(f"ratio {kiosk_median / bare_median:.2f} (target <= {TARGET})")


if __name__ == "__main__":
    main()
