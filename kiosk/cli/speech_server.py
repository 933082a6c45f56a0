"""A private speech-dispatcher for the voice check, asked over SSIP, its plain-text
protocol. Every wait has a deadline and heeds a cancel event; the server is killed with
its output modules at the end, so a speech backend that hangs cannot freeze the check.

The user's auto-spawned server is left alone: the check starts one of its own, on a socket
in a temporary folder, with the same program, configuration and environment (a missing
locale stops it as it would stop the kiosk's).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

POLL_SECONDS = 0.05
IDLE_EXIT_SECONDS = 60  # an orphaned server (its kiosk killed) ends by itself
LOG_PREFIX = re.compile(r"^\[[^\]]*\]\s*")  # [date : microseconds]
ERROR_PLACE = re.compile(r"Error \[[^\]]*\]:\s*")  # Error [speechd.c:672]:


class Cancelled(Exception):
    """The kiosk is closing: the check stops where it is."""


class ServerStopped(Exception):
    """The server ended at start; the message is its own last error line."""


class ServerHung(Exception):
    """The server neither listened nor ended in time."""


class SsipError(Exception):
    """speech-dispatcher refused a request, closed the line or did not answer in time."""


class PrivateServer:
    """A speech-dispatcher of the check's own, in its own process group."""

    def __init__(self, process: subprocess.Popen[bytes], folder: Path, stderr: IO[bytes]) -> None:
        self.process, self.folder, self._stderr = process, folder, stderr
        self.socket_path = folder / "speechd.sock"

    def wait_until_listening(self, seconds: float, cancel: threading.Event) -> None:
        """Returns once its socket is there; raises ServerStopped or ServerHung."""
        deadline = time.monotonic() + seconds
        while not self.socket_path.exists():
            if cancel.is_set():
                raise Cancelled
            if self.process.poll() is not None:
                raise ServerStopped(self.reason())
            if time.monotonic() > deadline:
                raise ServerHung(seconds)
            time.sleep(POLL_SECONDS)

    def reason(self) -> str:
        """The server's own last error line (its log, else what it wrote to stderr)."""
        self._stderr.flush()
        lines: list[str] = []
        for name in ("speech-dispatcher.log", "stderr"):
            path = self.folder / name
            text = path.read_text(errors="replace") if path.is_file() else ""
            lines += [line.strip() for line in text.splitlines() if line.strip()]
        errors = [line for line in lines if "error" in line.lower()] or lines
        if not errors:
            return f"exit status {self.process.returncode}"
        return ERROR_PLACE.sub("", LOG_PREFIX.sub("", errors[-1]))

    def kill(self) -> None:
        """The server and its output modules (they share its process group)."""
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


@contextmanager
def private_server(program: str, folder: Path) -> Iterator[PrivateServer]:
    """`program` (speech-dispatcher) serving on a socket in `folder`, killed on exit."""
    arguments = ["--run-single", "--communication-method", "unix_socket"]
    arguments += ["--socket-path", str(folder / "speechd.sock")]
    arguments += ["--timeout", str(IDLE_EXIT_SECONDS), "--pid-file", str(folder / "pid")]
    arguments += ["--log-dir", str(folder)]
    with (folder / "stderr").open("wb") as stderr:
        process = subprocess.Popen(
            [program, *arguments],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,  # its own process group: the modules go with it
        )
        server = PrivateServer(process, folder, stderr)
        try:
            yield server
        finally:
            server.kill()


class SsipClient:
    """Questions to speech-dispatcher in SSIP, one at a time, all within one deadline.

    A reply is lines of `CODE-data`, closed by one `CODE text` line; a code starting
    with 2 means success.
    """

    def __init__(self, path: Path, seconds: float, cancel: threading.Event) -> None:
        self._seconds = seconds
        self._deadline = time.monotonic() + seconds
        self._cancel = cancel
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._socket.settimeout(POLL_SECONDS * 4)
        try:
            self._connect(path)
        except BaseException:
            self._socket.close()
            raise

    def _connect(self, path: Path) -> None:
        """The socket appears a moment before the server listens on it: retry until then."""
        while True:
            try:
                self._socket.connect(str(path))
                return
            except ConnectionRefusedError as error:
                self._check_time(error.strerror or str(error))
                time.sleep(POLL_SECONDS)
            except OSError as error:
                raise SsipError(error.strerror or str(error)) from None

    def _check_time(self, waiting_for: str) -> None:
        if self._cancel.is_set():
            raise Cancelled
        if time.monotonic() > self._deadline:
            raise SsipError(f"{waiting_for}, for {self._seconds:g} seconds")

    def __enter__(self) -> SsipClient:
        self.ask("SET SELF CLIENT_NAME anjungan:doctor:voice")
        return self

    def __exit__(self, *_exc: object) -> None:
        self._socket.close()

    def ask(self, command: str) -> list[str]:
        """The data lines of the reply to `command`."""
        try:
            self._socket.sendall(command.encode() + b"\r\n")
        except OSError as error:
            raise SsipError(error.strerror or str(error)) from None
        *data, last = self._reply().split("\r\n")
        if not last.startswith("2"):
            raise SsipError(f"{command}: {last}")
        return [line[4:] for line in data]

    def _reply(self) -> str:
        buffer = bytearray()
        while not _complete(buffer):
            self._check_time("no answer")
            try:
                chunk = self._socket.recv(1 << 16)
            except TimeoutError:
                continue
            except OSError as error:
                raise SsipError(error.strerror or str(error)) from None
            if not chunk:
                raise SsipError("it closed the connection")
            buffer += chunk
        return buffer[:-2].decode("utf-8", "replace")


def _complete(buffer: bytearray) -> bool:
    """Whether `buffer` ends with a reply's last line (`NNN text`, a space after the code)."""
    if not buffer.endswith(b"\r\n"):
        return False
    start = buffer.rfind(b"\r\n", 0, len(buffer) - 2)
    last = buffer[start + 2 if start >= 0 else 0 :]
    return len(last) > 4 and last[3:4] == b" "
