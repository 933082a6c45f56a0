"""Killing a kiosk at random moments while it stores and syncs loses and duplicates nothing.

A process forked from tests.helpers.syncing_zygote stores an application, "prints" its
receipt, runs a sync round against the real centre (`central serve` on loopback), and
again, until it is SIGKILLed at a random moment, 200 times. After each kill the kiosk's
database passes `integrity_check`, every application whose receipt was printed is in
the outbox (sent or not), and the centre holds nothing the kiosk does not. At the end
one clean round sends the rest: the centre holds every application exactly once.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from kiosk.security.keys import new_key
from kiosk.security.sealing import Sealer
from kiosk.sync.state import TOKEN_SECRET
from tests.central.live import LiveCentre
from tests.helpers.database import migrate_and_seed, sqlite_url
from tests.helpers.zygote import Zygote
from tests.sync.conftest import centre_ids, code_for
from tests.sync.kiosk_side import SyncingKiosk

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

KILLS = 200
# A forked child stores its first application about 30 ms after the fork and finishes
# its first round (a batch, the status pull, the catalogue check) within about 0.3 s on
# loopback: kills up to 0.6 s after the fork fall in every phase of the first and second
# application and round.
LONGEST_KILL_DELAY = 0.6


def kiosk_ids(database: Path) -> tuple[set[str], set[str]]:
    """(applications stored, applications with an outbox row), read with plain sqlite3."""
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = {row[0] for row in connection.execute("SELECT id FROM submissions")}
        queued = {row[0] for row in connection.execute("SELECT submission_id FROM outbox")}
    return stored, queued


def test_kill_while_storing_and_syncing(centre: LiveCentre, tmp_path: Path) -> None:
    database = tmp_path / "anjungan.db"
    migrate_and_seed(sqlite_url(database))
    key = new_key()
    kiosk = SyncingKiosk.fresh_at(sqlite_url(database), sealer=Sealer(key))
    name = f"Anjungan dibunuh ({tmp_path.name})"
    kiosk.enrol(centre.url, code_for(centre, name), name)
    env = {
        **os.environ,
        "ANJUNGAN_TEST_DATABASE_URL": sqlite_url(database),
        "ANJUNGAN_TEST_DATA_KEY": key.hex(),
        "ANJUNGAN_TEST_TOKEN": kiosk.secrets.values[TOKEN_SECRET],
    }
    printed_log = tmp_path / "printed.txt"
    children = [str(tmp_path / "children.log"), str(printed_log)]
    zygote = Zygote("tests.helpers.syncing_zygote", children, env)
    moments = random.Random(20261205)
    behind = 0  # kills after which the kiosk held applications the centre did not yet
    try:
        for _ in range(KILLS):
            pid = zygote.ask("fork")
            time.sleep(moments.uniform(0, LONGEST_KILL_DELAY))
            os.kill(pid, signal.SIGKILL)
            status = zygote.ask(f"reap {pid}")
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, status
            stored, queued = kiosk_ids(database)
            printed = set(printed_log.read_text().split()) if printed_log.exists() else set()
            assert printed <= queued <= stored  # every printed receipt's application is queued
            arrived = set(centre_ids(centre, name))
            assert arrived <= stored  # the centre holds nothing the kiosk does not
            behind += arrived < stored
    finally:
        zygote.close()

    kiosk.sync_until_sent(kiosk.engine())
    stored, _ = kiosk_ids(database)
    on_centre = centre_ids(centre, name)
    assert len(on_centre) == len(set(on_centre)) == len(stored)
    assert set(on_centre) == stored
    assert set(kiosk.outcomes()) <= {"accepted", "duplicate"}
    # The kills fell everywhere: children got receipts out and rounds through, and were
    # often killed with applications not yet (or not knowingly) delivered.
    assert len(printed_log.read_text().split()) >= KILLS // 4
    assert len(centre_ids(centre, name)) > 0 and behind >= 5  # measured: 15 to 18 of 200
