"""Simulated kiosks for the centre's benchmark: real credentials, real sealed applications
in the wire shape, real HTTP through requests; threads instead of village offices."""

from __future__ import annotations

import base64
import json
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import requests
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from central.centre import Centre
from central.operations import enrolment, receiving, statuses
from kiosk.applications.tracking import new_tracking_code
from kiosk.config.schema import SyncSettings
from kiosk.sync.sealing import Label, public_key_from_bytes, seal_for_centre
from kiosk.sync.wire import UploadItem, rfc3339
from tests.central.applications import MADE_AT, SERVICE_ID, SERVICE_VERSION, form_content
from tests.central.applications import sealed_item as stored_item
from tests.central.live import LiveCentre

TIMEOUTS = (SyncSettings().connect_timeout, SyncSettings().read_timeout)  # a kiosk's own
NAMES = ("Siti Aminah", "Budi Santoso", "Dewi Lestari", "Agus Salim", "Wayan Sudarta")
BATCH_PATH = "/v1/applications/batch"
OLD_ETAG = '"an-older-catalogue"'
GATE_S = 120.0  # for every thread to be ready (500 start slowly on a loaded machine)
HEALTH = {"software_version": "0.1.0", "printer": "ready", "paper": "ok", "queue_length": 3}


@dataclass(frozen=True)
class Kiosk:
    token: str
    kiosk_id: uuid.UUID

    def headers(self, **extra: str) -> dict[str, str]:
        return {"Content-Type": "application/json", "Authorization": f"Bearer {self.token}"} | extra


@dataclass
class Tally:
    """What came back, counted from many threads; and the most requests at once."""

    outcomes: Counter[str] = field(default_factory=Counter)
    unexpected: Counter[str] = field(default_factory=Counter)  # "POST /v1/health 500"
    most_in_flight: int = 0
    _in_flight: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def outcome(self, outcome: str) -> None:
        with self._lock:
            self.outcomes[outcome] += 1

    def surprise(self, method: str, path: str, what: object) -> None:
        with self._lock:
            self.unexpected[f"{method} {path.split('?')[0]} {what}"] += 1

    @contextmanager
    def flying(self) -> Iterator[None]:
        with self._lock:
            self._in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self._in_flight)
        try:
            yield
        finally:
            with self._lock:
                self._in_flight -= 1


def application(index: int, key: X25519PublicKey) -> dict[str, Any]:
    """A distinct e-KTP application (its own NIK, name and phone) as a kiosk posts it."""
    nik = f"317101170845{index % 9999 + 1:04d}"
    answers = form_content()["answers"] | {
        "nik": nik,
        "nama": f"{NAMES[index % len(NAMES)]} {chr(65 + index % 26)}",
        "no_hp": f"+62812{index % 10**8:08d}",
    }
    content = form_content(answers=answers, nik=nik)
    label = Label(str(uuid.uuid4()), new_tracking_code(), SERVICE_ID, SERVICE_VERSION)
    return UploadItem(label, MADE_AT, seal_for_centre(content, label, key)).to_json()


def batches(key: X25519PublicKey, count: int, size: int, first: int = 0) -> list[bytes]:
    """`count` applications as request bodies of `size` each, sealed and encoded now."""
    items = [application(first + i, key) for i in range(count)]
    return [json.dumps({"items": items[i : i + size]}).encode() for i in range(0, count, size)]


def enrol_kiosks(live: LiveCentre, count: int) -> tuple[list[Kiosk], X25519PublicKey]:
    """`count` kiosks: one-time codes made by the operations, traded over HTTP."""
    centre = live.centre()
    try:
        codes = [enrolment.make_code(centre, f"Kantor Desa {i}")[0] for i in range(count)]
    finally:
        centre.close()

    def trade(code: str) -> dict[str, str]:
        body = {"code": code, "name": "anjungan 1", "software_version": "0.1.0"}
        answer = requests.post(f"{live.url}/v1/enrolments", json=body, timeout=TIMEOUTS)
        answer.raise_for_status()
        granted: dict[str, str] = answer.json()
        return granted

    with ThreadPoolExecutor(8) as pool:
        granted = list(pool.map(trade, codes))
    key = public_key_from_bytes(base64.b64decode(granted[0]["sealing_key"]))
    return [Kiosk(g["token"], uuid.UUID(g["kiosk_id"])) for g in granted], key


def post_batch(url: str, kiosk: Kiosk, body: bytes, tally: Tally) -> None:
    """One batch on a connection of its own, its items' outcomes counted."""
    try:
        with requests.Session() as session, tally.flying():
            answer = session.post(
                url + BATCH_PATH, data=body, headers=kiosk.headers(), timeout=TIMEOUTS
            )
    except requests.RequestException as error:
        tally.surprise("POST", BATCH_PATH, type(error).__name__)
        return
    if answer.status_code != 200:
        tally.surprise("POST", BATCH_PATH, answer.status_code)
        return
    for result in answer.json()["results"]:
        tally.outcome(result["outcome"])


def send_all(url: str, kiosks: list[Kiosk], bodies: list[bytes], clients: int) -> Tally:
    """`bodies` posted by `clients` threads, each taking the next; batch i is kiosk i's
    (modulo), as kiosks catching up after a day offline would send them."""
    tally = Tally()
    work = iter(enumerate(bodies))
    lock = threading.Lock()

    def client() -> None:
        while True:
            with lock:
                index, body = next(work, (-1, b""))
            if index < 0:
                return
            post_batch(url, kiosks[index % len(kiosks)], body, tally)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally


@dataclass
class Round:
    """One kiosk's sync round, prepared before the start; `seconds` once it is done."""

    kiosk: Kiosk
    batch: bytes
    etag: str
    seconds: float | None = None

    def steps(self) -> list[tuple[str, str, bytes | None, dict[str, str], int]]:
        """(method, path, body, headers, the answer expected) as the kiosk's engine goes."""
        health = json.dumps(HEALTH | {"at": rfc3339(MADE_AT), "pending": 5}).encode()
        current = self.etag != OLD_ETAG
        return [
            ("POST", BATCH_PATH, self.batch, self.kiosk.headers(), 200),
            ("GET", "/v1/status-changes?after=0", None, self.kiosk.headers(), 200),
            (
                "GET",
                "/v1/catalogue",
                None,
                self.kiosk.headers(**{"If-None-Match": self.etag}),
                304 if current else 200,
            ),
            ("POST", "/v1/health", health, self.kiosk.headers(), 204),
        ]


def run_round(url: str, work: Round, tally: Tally, gate: threading.Barrier) -> None:
    """Wait for the others at `gate`, then the round; it stops at the first surprise."""
    steps = work.steps()
    gate.wait(GATE_S)
    started = time.perf_counter()
    with requests.Session() as session:
        for method, path, body, headers, expected in steps:
            try:
                with tally.flying():
                    answer = session.request(
                        method, url + path, data=body, headers=headers, timeout=TIMEOUTS
                    )
            except requests.RequestException as error:
                tally.surprise(method, path, type(error).__name__)
                return
            if answer.status_code != expected:
                tally.surprise(method, path, answer.status_code)
                return
    work.seconds = time.perf_counter() - started


def prepare_rounds(live: LiveCentre, count: int, size: int) -> list[Round]:
    """`count` enrolled kiosks, each with an earlier application an operator took in
    hand (so a status change waits for it) and `size` new ones to send; every tenth
    holds an older catalogue than the centre's."""
    kiosks, key = enrol_kiosks(live, count)
    etag = requests.get(
        live.url + "/v1/catalogue", headers=kiosks[0].headers(), timeout=TIMEOUTS
    ).headers["ETag"]
    centre = live.centre()
    try:
        for kiosk in kiosks:
            taken_in_hand(centre, kiosk, key)
    finally:
        centre.close()
    bodies = batches(key, count * size, size)
    return [
        Round(kiosk, body, OLD_ETAG if index % 10 == 0 else etag)
        for index, (kiosk, body) in enumerate(zip(kiosks, bodies, strict=True))
    ]


def taken_in_hand(centre: Centre, kiosk: Kiosk, key: X25519PublicKey) -> None:
    item = stored_item(form_content(), key)
    received = receiving.receive_batch(centre, kiosk.kiosk_id, [item])
    if received[0].outcome is not receiving.Outcome.ACCEPTED:
        raise RuntimeError(f"the centre did not take the earlier application: {received[0]}")
    statuses.set_status(centre, item.id, statuses.Status.IN_PROCESS, None)
