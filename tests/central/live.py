"""`central serve` as a real process on loopback, and a kiosk talking to it with requests."""

from __future__ import annotations

import base64
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from central.centre import Centre
from central.operations import enrolment
from central.settings import Settings
from kiosk.sync.sealing import public_key_from_bytes

ROOT = Path(__file__).resolve().parents[2]
START_DEADLINE_S = 90.0  # a loaded machine imports slowly
TIMEOUT = (5, 30)


@dataclass
class LiveCentre:
    url: str
    env: dict[str, str]
    process: subprocess.Popen[bytes]
    log: Path
    session: requests.Session = field(default_factory=requests.Session)

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return central_cli(self.env, *args)

    def centre(self) -> Centre:
        """The same database and keys, opened in the test process."""
        return Centre.open(Settings.from_environment(self.env))

    def get(self, path: str, token: str | None = None, **kwargs: Any) -> requests.Response:
        return self.session.get(
            self.url + path, headers=_auth(token, kwargs), timeout=TIMEOUT, **kwargs
        )

    def post(self, path: str, token: str | None = None, **kwargs: Any) -> requests.Response:
        return self.session.post(
            self.url + path, headers=_auth(token, kwargs), timeout=TIMEOUT, **kwargs
        )


@dataclass(frozen=True)
class KioskCredentials:
    kiosk_id: str
    token: str
    sealing_key: X25519PublicKey
    signing_key: bytes


def _auth(token: str | None, kwargs: dict[str, Any]) -> dict[str, str]:
    headers: dict[str, str] = dict(kwargs.pop("headers", None) or {})
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return headers


def central_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "central.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def environment(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CENTRAL_")}
    env.update(CENTRAL_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT), **extra)
    return env


def start(data_dir: Path, workers: int = 1, **extra: str) -> LiveCentre:
    env = environment(data_dir, **extra)
    initialised = central_cli(env, "init")
    assert initialised.returncode == 0, initialised.stderr
    port = free_port()
    log = data_dir / "serve.log"
    command = [sys.executable, "-m", "central.cli", "serve", "--port", str(port)]
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*command, "--workers", str(workers)],
            env=env,
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    live = LiveCentre(f"http://127.0.0.1:{port}", env, process, log)
    _wait_until_serving(live)
    return live


def _wait_until_serving(live: LiveCentre) -> None:
    deadline = time.monotonic() + START_DEADLINE_S
    while time.monotonic() < deadline:
        if live.process.poll() is not None:
            raise AssertionError(f"central serve ended: {live.log.read_text()}")
        try:
            if requests.get(live.url + "/v1/time", timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    stop(live)
    raise AssertionError(f"central serve did not answer: {live.log.read_text()}")


def stop(live: LiveCentre) -> None:
    live.session.close()
    if live.process.poll() is None:
        live.process.terminate()
        try:
            live.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(live.process.pid, 9)
            live.process.wait(timeout=20)


def enrol(live: LiveCentre, name: str = "Kantor Desa Sukamaju, anjungan 1") -> KioskCredentials:
    centre = live.centre()
    try:
        code, _ = enrolment.make_code(centre, name)
    finally:
        centre.close()
    answer = live.post(
        "/v1/enrolments", json={"code": code, "name": name, "software_version": "0.1.0"}
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    sealing = public_key_from_bytes(base64.b64decode(body["sealing_key"]))
    return KioskCredentials(
        body["kiosk_id"], body["token"], sealing, base64.b64decode(body["signing_key"])
    )


def restart(live: LiveCentre) -> None:
    """Kill the server at once (SIGKILL, as a power cut) and serve again on its port."""
    if live.process.poll() is None:
        os.killpg(live.process.pid, 9)
        live.process.wait(timeout=20)
    port = live.url.rsplit(":", 1)[1]
    command = [sys.executable, "-m", "central.cli", "serve", "--port", port]
    with live.log.open("ab") as output:
        live.process = subprocess.Popen(
            command,
            env=live.env,
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    _wait_until_serving(live)
