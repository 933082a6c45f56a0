"""`FaultyProxy`: the proxy as a child process, driven from a test or a benchmark."""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from tests.helpers.netfault.rules import Rule
from tests.helpers.netfault.shaping import Shape
from tests.helpers.netfault.stats import Stats

PROJECT_ROOT = Path(__file__).resolve().parents[3]
HOST = "127.0.0.1"
START_SECONDS = 30.0
CONTROL_SECONDS = 10.0


class ProxyError(RuntimeError):
    """The proxy did not start, or refused a control request."""


class FaultyProxy:
    """A fault-injecting proxy process between a client and `upstream` ("HOST:PORT", or a
    base URL "http://HOST:PORT").

    `start` (or `with`) launches it; `kill` ends it at once (SIGKILL, a crash), `stop`
    politely; `start` again listens on the same port, with the same shape and seed and no
    rules (rules and counters live in the process and die with it).
    """

    def __init__(
        self, upstream: str, *, shape: Shape | None = None, seed: int = 0, port: int = 0
    ) -> None:
        self.upstream = upstream.removeprefix("http://").split("/", 1)[0]
        self.initial_shape = shape or Shape()
        self.seed = seed
        self.port = port
        self.control_port = 0
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def __enter__(self) -> FaultyProxy:
        return self.start()

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> FaultyProxy:
        if self._process is not None:
            raise ProxyError("already running")
        self._process = subprocess.Popen(
            self._command(), cwd=PROJECT_ROOT, stdout=subprocess.PIPE, env=_environment()
        )
        ports = self._read_ports(self._process)
        self.port, self.control_port = ports["listen"], ports["control"]
        return self

    def _command(self) -> list[str]:
        shape = self.initial_shape
        command = [sys.executable, "-m", "tests.helpers.netfault", "--upstream", self.upstream]
        command += ["--listen", f"{HOST}:{self.port}", "--seed", str(self.seed)]
        command += ["--latency", repr(shape.latency), "--loss", repr(shape.loss)]
        if shape.rate_up is not None:
            command += ["--rate-up", str(shape.rate_up)]
        if shape.rate_down is not None:
            command += ["--rate-down", str(shape.rate_down)]
        return command

    def _read_ports(self, process: subprocess.Popen[bytes]) -> dict[str, int]:
        assert process.stdout is not None
        deadline = time.monotonic() + START_SECONDS
        line = b""
        while not line.endswith(b"\n"):
            left = deadline - time.monotonic()
            ready, _, _ = select.select([process.stdout], [], [], max(left, 0))
            byte = os.read(process.stdout.fileno(), 1) if ready else b""
            if not byte:
                self._end(signal.SIGKILL)
                raise ProxyError("the proxy did not start (see its stderr)")
            line += byte
        ports: dict[str, int] = json.loads(line)
        return ports

    def stop(self) -> None:
        """End the process politely (SIGTERM) and wait for it."""
        self._end(signal.SIGTERM)

    def kill(self) -> None:
        """End the process at once (SIGKILL): open connections break as in a crash."""
        self._end(signal.SIGKILL)

    def _end(self, signum: signal.Signals) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.send_signal(signum)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()

    def add(self, rule: Rule) -> None:
        self.call("add", rule=rule.to_json())

    def clear(self) -> None:
        self.call("clear")

    def rules(self) -> list[dict[str, Any]]:
        """Each rule with `used` and `remaining` (an int or "always")."""
        rules: list[dict[str, Any]] = self.call("rules")["rules"]
        return rules

    def stats(self) -> Stats:
        return Stats.from_json(self.call("stats")["stats"])

    def reset_stats(self) -> None:
        self.call("reset_stats")

    def log(self) -> list[dict[str, str]]:
        """The last requests seen: method, path (no query) and what was done to them."""
        log: list[dict[str, str]] = self.call("log")["log"]
        return log

    def shape(self, shape: Shape | None = None) -> Shape:
        """Reshape the line (for connections' next bytes) and return the shape in force."""
        extra = {} if shape is None else {"shape": shape.to_json()}
        return Shape.from_json(self.call("shape", **extra)["shape"])

    def call(self, op: str, **fields: Any) -> dict[str, Any]:
        """One control request; raises ProxyError when the proxy refuses it."""
        with socket.create_connection((HOST, self.control_port), CONTROL_SECONDS) as sock:
            sock.sendall(json.dumps({"op": op, **fields}).encode() + b"\n")
            with sock.makefile("rb") as replies:
                reply: dict[str, Any] = json.loads(replies.readline())
        if not reply.get("ok"):
            raise ProxyError(str(reply.get("error")))
        return reply


def _environment() -> dict[str, str]:
    """The child imports `tests.helpers.netfault` from this checkout, whatever the cwd."""
    path = os.environ.get("PYTHONPATH")
    root = str(PROJECT_ROOT)
    return {**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{path}" if path else root}
