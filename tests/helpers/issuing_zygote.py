"""The kill test's issuing processes: `kiosk queue issue SERVICE`, again and again, forked.

Run as ``python -m tests.helpers.issuing_zygote LOG SERVICE`` with the kiosk's settings in
the environment (KIOSK_CONFIG, KIOSK_DATABASE_URL, KIOSK_PRINTER_URL, ...). It imports
the kiosk's command line once; then each ``fork`` line on stdin forks a child, and the
answer is the child's pid. The child runs the real command, ``kiosk.cli.main.main(
["queue", "issue", SERVICE])`` (settings, the database and its migration check, the
printer, the start-up reconciliation, the ticket), over and over until it is killed; its
output goes to LOG. ``reap PID`` waits for a killed child and answers its wait status.

Forking an interpreter that has imported everything takes milliseconds, where a new
``kiosk`` process spends about two seconds importing: so two hundred kills fit in a few
minutes. Nothing but imports happens before the fork: no file, database or port is open.
"""

from __future__ import annotations

import os
import sys

from kiosk.cli import data_commands, wiring  # noqa: F401  (imported before the forks)
from kiosk.cli.main import main as kiosk
from tests.helpers.zygote import serve


def issue_until_killed(log: str, service: str) -> None:
    """In the child: stdout and stderr to the log, then the command, forever."""
    output = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    nothing = os.open(os.devnull, os.O_RDONLY)
    os.dup2(nothing, 0)
    os.dup2(output, 1)
    os.dup2(output, 2)
    while True:
        kiosk(["queue", "issue", service])


if __name__ == "__main__":
    serve(lambda: issue_until_killed(sys.argv[1], sys.argv[2]))
