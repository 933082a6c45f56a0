"""A pty emulator (simulated hardware) run as a child process, reached by its control socket."""

from __future__ import annotations

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
from typing import IO, Self

from devices.emulator.pty.runner import READY_PREFIX

_DEFAULT_START_TIMEOUT = 10.0


class EmulatorProcess:
    """``python -m MODULE ARGS --control SOCKET`` as a child that prints its ready line.

    ``what`` names the emulator in errors. Without ``control_socket`` one is made in a
    short private directory under the system temp dir (a Unix socket path must stay
    under 108 bytes).
    """

    def __init__(
        self,
        module: str,
        arguments: list[str],
        what: str,
        control_socket: Path | None = None,
    ) -> None:
        self._own_dir: Path | None = None
        if control_socket is None:
            self._own_dir = Path(tempfile.mkdtemp(prefix="emu-"))
            control_socket = self._own_dir / "control"
        self.control_socket = control_socket
        self.what = what
        self._argv = [sys.executable, "-m", module, *arguments, "--control", str(control_socket)]
        self._process: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None

    def __enter__(self) -> Self:
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

    def start(self, timeout: float = _DEFAULT_START_TIMEOUT) -> None:
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
                raise TimeoutError(f"the {self.what} was not ready within {timeout} s")
            chunk = os.read(stdout, 256)
            if not chunk:
                raise RuntimeError(f"the {self.what} exited early: {self._error_output()}")
            output += chunk
        if not output.decode(errors="replace").startswith(READY_PREFIX):
            raise RuntimeError(f"unexpected output from the {self.what}: {output!r}")

    def _error_output(self) -> str:
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        return self._stderr.read().decode(errors="replace").strip()

    def command(self, command: str, timeout: float = 5.0) -> str:
        """Send one control command; returns its one-line reply without the newline."""
        return send_control(self.control_socket, command, timeout, self.what)

    def checked(self, command: str) -> str:
        """``command``'s reply; RuntimeError when it is ``error: ...``."""
        reply = self.command(command)
        if reply.startswith("error:"):
            raise RuntimeError(f"{self.what}: {command!r} failed: {reply}")
        return reply

    def stop(self, timeout: float = 5.0) -> int | None:
        """Terminate the child (SIGTERM, then SIGKILL after ``timeout``); its exit code."""
        code = None
        if self._process is not None:
            code = _terminate(self._process, timeout)
            self._process = None
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        if self._own_dir is not None:
            shutil.rmtree(self._own_dir, ignore_errors=True)
        return code


def send_control(
    control_socket: Path, command: str, timeout: float = 5.0, what: str = "emulator"
) -> str:
    """One control command to a running emulator's socket; its one-line reply."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(timeout)
        connection.connect(str(control_socket))
        connection.sendall(command.encode() + b"\n")
        reply = b""
        while not reply.endswith(b"\n"):
            chunk = connection.recv(65536)
            if not chunk:
                raise ConnectionError(f"the {what} closed the connection: {reply!r}")
            reply += chunk
    return reply.decode().rstrip("\n")


def _terminate(process: subprocess.Popen[bytes], timeout: float) -> int:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stdout is not None:
        process.stdout.close()
    return process.returncode
