"""One sender per office: a station holding the sync lease keeps the others out; a dead one
does not keep it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from kiosk.db.engine import create_engine_for
from kiosk.sync.lease import LOCK_SUFFIX, sync_lease
from tests.helpers.postgres import NEEDS_POSTGRES

HOLDER = """
import sys, time
from kiosk.db.engine import create_engine_for
from kiosk.sync.lease import sync_lease
with sync_lease(create_engine_for(sys.argv[1])) as held:
    print("held" if held else "refused", flush=True)
    time.sleep(120)
"""


def hold_in_another_process(url: str) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, url], stdout=subprocess.PIPE, text=True, cwd=os.getcwd()
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "held"
    return holder


def wait_until_free(url: str) -> bool:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with sync_lease(create_engine_for(url)) as held:
            if held:
                return True
        time.sleep(0.05)
    return False


def test_a_second_station_on_one_sqlite_file_is_refused_until_the_first_dies(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'office.db'}"
    holder = hold_in_another_process(url)
    try:
        with sync_lease(create_engine_for(url)) as held:
            assert held is False
        os.kill(holder.pid, signal.SIGKILL)  # a station killed mid-round
        holder.wait(timeout=30)
        assert wait_until_free(url)
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert (tmp_path / f"office.db{LOCK_SUFFIX}").stat().st_mode & 0o077 == 0


def test_the_lease_is_given_back_after_a_round(tmp_path: Path) -> None:
    engine = create_engine_for(f"sqlite:///{tmp_path / 'office.db'}")
    with sync_lease(engine) as first:
        assert first is True
    with sync_lease(engine) as again:
        assert again is True


def test_the_lease_file_is_never_followed_through_a_link(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.write_text("keep")
    (tmp_path / f"office.db{LOCK_SUFFIX}").symlink_to(target)
    with (
        pytest.raises(OSError),
        sync_lease(create_engine_for(f"sqlite:///{tmp_path / 'office.db'}")),
    ):
        pass
    assert target.read_text() == "keep"


def test_an_in_memory_database_is_its_own_office() -> None:
    with sync_lease(create_engine("sqlite://")) as held:
        assert held is True


@NEEDS_POSTGRES[0]
@NEEDS_POSTGRES[1]
def test_postgres_stations_take_turns_and_a_dead_one_frees_the_lease(pg_url: str) -> None:
    holder = hold_in_another_process(pg_url)
    try:
        with sync_lease(create_engine_for(pg_url)) as held:
            assert held is False
        os.kill(holder.pid, signal.SIGKILL)  # the server ends its session, and the lock
        holder.wait(timeout=30)
        assert wait_until_free(pg_url)
    finally:
        holder.kill()
        holder.wait(timeout=30)
