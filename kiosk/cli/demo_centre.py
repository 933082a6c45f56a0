"""The demo's own central service: `central serve` on loopback, the demo kiosk enrolled.

A real server process (the `central` package of this repository) with its own data
folder inside the demo's, so a person can watch an application travel: finish one at
the kiosk, see it arrive (`central applications`), move it to "ready for pickup"
(`central status CODE ready`) and see the kiosk's status screen change on the next
sync. The kiosk never imports the server: it runs it as a command, like a district
would run it on another machine.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import requests
from sqlalchemy.orm import Session, sessionmaker

from kiosk import __version__
from kiosk.errors import KioskError
from kiosk.private_files import ensure_private_dir
from kiosk.security.ports import SecretStore
from kiosk.sync.client import CentralClient
from kiosk.sync.state import find_state, save_enrolment

log = logging.getLogger(__name__)

START_DEADLINE_S = 60.0


class DemoCentreUnavailable(KioskError):
    """The demo's centre did not start (the `central` extra missing, a port taken...)."""


@dataclass
class DemoCentre:
    url: str
    environ: dict[str, str]  # CENTRAL_DATA_DIR for operator commands
    process: subprocess.Popen[bytes]
    log_file: Path

    def command(self, *args: str) -> str:
        """How a person runs an operator command against this centre."""
        data_dir = self.environ["CENTRAL_DATA_DIR"]
        return f"CENTRAL_DATA_DIR={data_dir} {Path(sys.executable).parent / 'central'} " + " ".join(
            args
        )

    def wait_until_serving(self, deadline_s: float = START_DEADLINE_S) -> None:
        deadline = time.monotonic() + deadline_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise DemoCentreUnavailable(f"the demo's centre stopped: see {self.log_file}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(self.url + "/v1/time", timeout=2).status_code == 200:
                    return
            time.sleep(0.2)
        raise DemoCentreUnavailable(f"the demo's centre did not answer: see {self.log_file}")

    def enrol(self, sessions: sessionmaker[Session], secrets: SecretStore, name: str) -> None:
        """Enrol the demo kiosk once (a demo folder used again keeps its enrolment)."""
        state = find_state(sessions)
        if state is not None and state.central_url == self.url:
            return
        made = _central(self.environ, "enrol-code", "--name", name)
        code = made.stdout.strip().splitlines()[0]
        client = CentralClient(self.url, None, timeouts=(5.0, 30.0))
        try:
            enrolment = client.enrol(code, name, __version__)
        finally:
            client.close()
        from kiosk.clock import SystemClock

        save_enrolment(sessions, secrets, self.url, enrolment, SystemClock().now())


@contextlib.contextmanager
def demo_centre(data_dir: Path) -> Iterator[DemoCentre]:
    """A started `central serve` (it may still be starting: see wait_until_serving)."""
    folder = data_dir / "central"
    ensure_private_dir(folder)
    environ = {**os.environ, "CENTRAL_DATA_DIR": str(folder)}
    _central(environ, "init")
    port = _free_port()
    log_file = folder / "serve.log"
    with log_file.open("ab") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "central.cli", "serve", "--port", str(port)],
            env=environ,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    centre = DemoCentre(f"http://127.0.0.1:{port}", environ, process, log_file)
    try:
        yield centre
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _central(environ: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    try:
        done = subprocess.run(
            [sys.executable, "-m", "central.cli", *args],
            env=environ,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise DemoCentreUnavailable(f"central {args[0]}: {error}") from None
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise DemoCentreUnavailable(f"central {args[0]}: {reason}")
    return done


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
