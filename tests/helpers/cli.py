"""The `kiosk` command run as a technician runs it: a new process with its own settings."""

from __future__ import annotations

import subprocess
import sys


def kiosk(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """`kiosk ARGS...` under `env`, its output captured; `stdin` is typed into it."""
    return subprocess.run(
        [sys.executable, "-m", "kiosk.cli.main", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
