"""Forking test processes fast: a zygote imports once, then forks a child per request.

The zygote side, `serve(child)`: each ``fork`` line on stdin forks a child that runs
`child()` until it is killed, and answers the child's pid; ``reap PID`` waits for a
killed child and answers its wait status. The test side, `Zygote`, drives it line by
line. Forking an interpreter that has imported everything takes milliseconds where a
fresh process spends seconds importing, so hundreds of kills fit in a test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence


def serve(child: Callable[[], None]) -> None:
    """The zygote's loop; `child` never returns (it runs until killed)."""
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        if command == "fork":
            sys.stdout.flush()
            pid = os.fork()
            if pid == 0:
                try:
                    child()
                finally:
                    os._exit(1)  # never back into the zygote's loop
            print(pid, flush=True)
        elif command == "reap":
            _, status = os.waitpid(int(argument), 0)
            print(status, flush=True)


class Zygote:
    """A zygote module (`python -m MODULE ARGS...`), driven line by line."""

    def __init__(self, module: str, args: Sequence[str], env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", module, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )

    def ask(self, line: str) -> int:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        return int(self.process.stdout.readline())

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=30)
