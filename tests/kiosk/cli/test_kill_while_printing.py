"""Killing the issuing kiosk at random moments never gives one number to two citizens.

The issuing process runs the real `kiosk queue issue A` (kiosk.cli.main, wired by
kiosk.cli.wiring: settings, SQLite, the printer, start-up reconciliation) over and over,
forked from tests.helpers.issuing_zygote, and is SIGKILLed at a random moment 200 times:
in its start-up, its readiness check, its reservation, while the ticket is written, or
while it confirms. The printer is the pacing emulator (simulated hardware: the code of
`kiosk emulate printer --pace --baud 9600`) in its own process on a real pty, so bytes
written before a kill keep arriving and printing after it, as on a real serial line.
Then everything the printer received is decoded (tests.helpers.printed_numbers), half
tickets included, and checked against the database.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from devices.emulator import PtyPrinterProcess
from tests.helpers.database import migrate_and_seed, sqlite_url
from tests.helpers.printed_numbers import PrintedDocument, printed_documents, printed_twice
from tests.helpers.zygote import Zygote

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

KILLS = 200
# A forked child prints its first ticket about 1.3 s after the fork (0.5 s start-up, the
# first reservation with the ticket's locale data, 0.4 s of bytes at 9600 baud), then one
# every 0.6 s: kills up to 1.6 s after the fork fall in every phase of the first ticket
# and of the next one.
LONGEST_KILL_DELAY = 1.6
FINAL_ATTEMPTS = 5  # a last `kiosk queue issue`, run to its end, may first find bytes in flight
ROWS = "SELECT id, code, state, business_date FROM tickets ORDER BY id"


@dataclass(frozen=True)
class Kill:
    delay: float
    received_before: int  # bytes the printer had received when the child was killed
    rows: tuple[tuple[int, str, str], ...]  # (id, code, state) of the child's tickets


@pytest.fixture
def kiosk_env(tmp_path: Path) -> dict[str, str]:
    """The settings a kiosk PC would have, in an office zone far from its midnight (the
    numbers restart then, which would look like duplicates)."""
    zone = "Asia/Jakarta" if 1 <= datetime.now(ZoneInfo("Asia/Jakarta")).hour <= 22 else "UTC"
    (tmp_path / "kiosk.toml").write_text(
        f'[office]\nname = "Kantor Desa Uji"\ntimezone = "{zone}"\n'
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(
        KIOSK_CONFIG=str(tmp_path / "kiosk.toml"),
        KIOSK_DATA_DIR=str(tmp_path / "data"),
        KIOSK_DATABASE_URL=sqlite_url(tmp_path / "anjungan.db"),
        KIOSK_PRINTER_URL=str(tmp_path / "printer0"),
        KIOSK_PRINTER_BAUDRATE="9600",
    )
    migrate_and_seed(env["KIOSK_DATABASE_URL"])
    return env


@pytest.fixture
def printer(tmp_path: Path) -> Iterator[PtyPrinterProcess]:
    with PtyPrinterProcess(tmp_path / "printer0", "80mm", 9600, pace=True) as process:
        yield process


def rows(database: Path) -> list[tuple[int, str, str, str]]:
    with sqlite3.connect(database) as connection:
        return connection.execute(ROWS).fetchall()


def kill_at_random_moments(
    zygote: Zygote, printer: PtyPrinterProcess, database: Path, seed: int
) -> list[Kill]:
    moments = random.Random(seed)
    kills = []
    for _ in range(KILLS):
        before = max((row[0] for row in rows(database)), default=0)
        pid = zygote.ask("fork")
        delay = moments.uniform(0, LONGEST_KILL_DELAY)
        time.sleep(delay)  # the random moment itself: there is nothing to wait for
        received = printer.stats()["bytes_received"]  # a few ms before the kill, not after
        os.kill(pid, signal.SIGKILL)
        status = zygote.ask(f"reap {pid}")
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, status
        created = tuple((i, code, state) for i, code, state, _ in rows(database) if i > before)
        kills.append(Kill(delay, received, created))
    return kills


def issue_to_the_end(env: dict[str, str]) -> str:
    """`kiosk queue issue A` as a person runs it: start-up reconciliation, then a ticket,
    whose GS r reply proves the printer has processed every byte sent before it."""
    for _ in range(FINAL_ATTEMPTS):
        done = subprocess.run(
            [sys.executable, "-m", "kiosk.cli.main", "queue", "issue", "A"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        if done.returncode == 0:
            return done.stdout.split("\t")[0]
    raise AssertionError(f"the last ticket could not be issued: {done.stderr}")


def phase_of(kill: Kill, documents: list[PrintedDocument]) -> str:
    """Where the kill landed, as its traces show: the ticket it left PRINTING, if any,
    and whether that ticket's bytes had reached the printer, wholly or in part."""
    if not kill.rows or kill.rows[-1][2] != "printing":
        return "start-up or check (no number held)"
    code = kill.rows[-1][1]
    holding = [document for document in documents if code in document.codes]
    if not holding:
        return "reserved, nothing written"
    if all(document.sent_end <= kill.received_before for document in holding):
        return "printed, not yet confirmed"
    return "written, still arriving"


def test_random_kills_never_print_one_number_twice(
    kiosk_env: dict[str, str], printer: PtyPrinterProcess, tmp_path: Path
) -> None:
    database = tmp_path / "anjungan.db"
    seed = int(os.environ.get("KILL_TEST_SEED", time.time_ns() % 2**32))
    started = time.monotonic()
    log = str(tmp_path / "issuing.log")
    zygote = Zygote("tests.helpers.issuing_zygote", [log, "A"], kiosk_env)
    try:
        kills = kill_at_random_moments(zygote, printer, database, seed)
    finally:
        zygote.close()
    last = issue_to_the_end(kiosk_env)
    raw = printer.received()

    stored = rows(database)
    with sqlite3.connect(database) as connection:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
    documents = printed_documents(raw, stored[-1][3])
    printed = {code for document in documents for code in document.codes}
    complete = {code for document in documents for code in document.complete}
    states = {code: state for _, code, state, _ in stored}
    twice = printed_twice(documents)
    report = {
        "seed": seed,
        "kills": len(kills),
        "seconds": round(time.monotonic() - started, 1),
        "bytes_received": len(raw),
        "documents": len(documents),
        "numbers_printed": len(printed),
        "tickets_complete": len(complete),
        "rows": len(stored),
        "rows_by_state": dict(Counter(states.values())),
        "printed_twice": twice,
        "printed_not_in_database": sorted(printed - set(states)),
        "kills_by_phase": dict(Counter(phase_of(kill, documents) for kill in kills)),
        "voided_but_printed_whole": sorted(
            code for code, state in states.items() if state == "voided" and code in complete
        ),
    }
    print(json.dumps(report, indent=1))

    assert integrity == "ok"
    assert twice == {}, "one number on two tickets"
    assert printed <= set(states), "a number on paper that the database does not know"
    issued = {code for code, state in states.items() if state == "issued"}
    assert issued <= complete, "an ISSUED ticket that did not print whole"
    assert states[last] == "issued"
    assert "printing" not in states.values(), "start-up left a dead kiosk's ticket printing"
    assert len(set(states)) == len(stored)  # one row per number (the unique key says so)
    phases = report["kills_by_phase"]
    assert isinstance(phases, dict) and len(phases) == 4, phases  # every phase was hit
