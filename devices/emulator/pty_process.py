"""Starts the pty printer emulator (simulated hardware) in a child process and talks to it."""

from __future__ import annotations

import json
import os
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from devices.emulator.pty_server import READY_MESSAGE

READY_PREFIX = READY_MESSAGE.split("{", 1)[0]
_MODULE = "devices.emulator.pty_runner"


class PtyPrinterProcess:
    """``python -m devices.emulator.pty_runner`` as a child, with its control socket.

    Used by tests, ``kiosk emulate printer`` and the demo. Without ``control_socket``
    one is made in a short private directory under the system temp dir (a Unix
    socket path must stay under 108 bytes).
    """

    def __init__(
        self,
        link: Path,
        profile: str = "80mm",
        baudrate: int = 9600,
        pace: bool = False,
        control_socket: Path | None = None,
        output_dir: Path | None = None,
    ) -> None:
        self.link = link
        self._own_dir: Path | None = None
        if control_socket is None:
            self._own_dir = Path(tempfile.mkdtemp(prefix="emu-"))
            control_socket = self._own_dir / "control"
        self.control_socket = control_socket
        self._argv = [sys.executable, "-m", _MODULE, "--link", str(link), "--profile", profile]
        self._argv += ["--baud", str(baudrate), "--control", str(control_socket)]
        self._argv += ["--pace"] if pace else []
        self._argv += ["--output", str(output_dir)] if output_dir is not None else []
        self._process: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None

    def __enter__(self) -> PtyPrinterProcess:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self, timeout: float = 10.0) -> None:
        """Start the child and wait for its ready line; raises with its stderr if it fails."""
        if self._own_dir is not None:
            self._own_dir.mkdir(exist_ok=True)  # again, after a stop()
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 -- lives as long as the child
        self._process = subprocess.Popen(self._argv, stdout=subprocess.PIPE, stderr=self._stderr)
        try:
            self._wait_until_ready(timeout)
        except BaseException:
            self.stop()
            raise

    def _wait_until_ready(self, timeout: float) -> None:
        assert self._process is not None and self._process.stdout is not None
        stdout = self._process.stdout.fileno()
        deadline = time.monotonic() + timeout
        output = b""
        while b"\n" not in output:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([stdout], [], [], remaining)[0]:
                raise TimeoutError(f"the printer emulator was not ready within {timeout} s")
            chunk = os.read(stdout, 256)
            if not chunk:
                raise RuntimeError(f"the printer emulator exited early: {self._error_output()}")
            output += chunk
        if not output.decode(errors="replace").startswith(READY_PREFIX):
            raise RuntimeError(f"unexpected output from the printer emulator: {output!r}")

    def _error_output(self) -> str:
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        return self._stderr.read().decode(errors="replace").strip()

    def command(self, command: str, timeout: float = 5.0) -> str:
        """Send one control command; returns its one-line reply without the newline."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(timeout)
            connection.connect(str(self.control_socket))
            connection.sendall(command.encode() + b"\n")
            reply = b""
            while not reply.endswith(b"\n"):
                chunk = connection.recv(65536)
                if not chunk:
                    raise ConnectionError(f"the printer emulator closed the connection: {reply!r}")
                reply += chunk
        return reply.decode().rstrip("\n")

    def tickets(self) -> list[str]:
        """The rendered text of every ticket printed so far."""
        texts: list[str] = json.loads(self._query("tickets"))
        return texts

    def stats(self) -> dict[str, Any]:
        """Counters and state (bytes_received, discarded_bytes, paper, online, ...)."""
        stats: dict[str, Any] = json.loads(self._query("stats"))
        return stats

    def _query(self, command: str) -> str:
        reply = self.command(command)
        if reply.startswith("error:"):
            raise RuntimeError(reply)
        return reply

    def stop(self, timeout: float = 5.0) -> int | None:
        """Terminate the child (SIGTERM, then SIGKILL after ``timeout``); its exit code."""
        code = None
        if self._process is not None:
            if self._process.poll() is None:
                self._process.terminate()
                try:
                    self._process.wait(timeout)
                except subprocess.TimeoutExpired:
                    self._process.kill()
                    self._process.wait()
            code = self._process.returncode
            if self._process.stdout is not None:
                self._process.stdout.close()
            self._process = None
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        if self._own_dir is not None:
            shutil.rmtree(self._own_dir, ignore_errors=True)
        return code
