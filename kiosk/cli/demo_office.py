"""`kiosk demo --office`: beside the demo kiosk, a counter (loket) PC and the waiting room's
display, each its own process on the same demo database, as three PCs of one office are.

The counter and the display read the same SQLite file (WAL: readers never wait for the
kiosk's writes) and learn of each change within a second (kiosk.queue.signals). They
get no card reader or scanner (the emulated ones belong to the kiosk) and no sync
worker of their own is needed for the demo. Each window is a normal window; closing
the kiosk ends the other two.
"""

from __future__ import annotations

import contextlib
import logging
import subprocess
import sys
from collections.abc import Iterator, Mapping

log = logging.getLogger(__name__)

ROLES = ("counter", "display")
STOP_SECONDS = 10


def role_environment(environ: Mapping[str, str], role: str) -> dict[str, str]:
    """The demo's settings for the PC playing `role`."""
    child = dict(environ)
    child["KIOSK_UI_ROLE"] = role
    child["KIOSK_UI_FULLSCREEN"] = "false"
    child["KIOSK_READERS_CARD_URL"] = ""  # the kiosk's emulated readers stay the kiosk's
    child["KIOSK_READERS_SCANNER_URL"] = ""
    return child


@contextlib.contextmanager
def office_stations(environ: Mapping[str, str], extra: list[str]) -> Iterator[list[str]]:
    """Start the counter and the display (`kiosk run --windowed`); yields what to tell the
    person; stops both when the demo ends."""
    command = [sys.executable, "-m", "kiosk.cli.main", "run", "--windowed", *extra]
    started = [subprocess.Popen(command, env=role_environment(environ, role)) for role in ROLES]
    try:
        yield [
            "  office: a counter (loket) window and the waiting room's display run beside "
            "the kiosk;",
            "          sign in at the counter with the demo clerk's number and PIN, take a "
            "ticket at the kiosk, call it at the counter and watch the display announce it",
        ]
    finally:
        for process in started:
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                log.warning("a demo station did not stop; killing it")
                process.kill()
