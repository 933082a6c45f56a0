"""`kiosk run` on the waiting room's display PC: the board starts on the office's database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from kiosk.queue.counter import CounterDesk
from kiosk.queue.desk import QueueDesk
from tests.helpers.stubs import FakeClock


def test_the_display_role_starts_the_board_and_quits(
    tmp_path: Path, db_url: str, queue: QueueDesk, sessions: sessionmaker[Session], clock: FakeClock
) -> None:
    ticket = queue.issue_ticket("B")
    CounterDesk(sessions, clock, "Asia/Jakarta").call_next("2", ["B"], actor="1001")
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    (tmp_path / "none.toml").write_text("")
    env.update(
        QT_QPA_PLATFORM="offscreen",
        KIOSK_CONFIG=str(tmp_path / "none.toml"),
        KIOSK_DATABASE_URL=db_url,
        KIOSK_UI_ROLE="display",
        KIOSK_QUEUE_BOARD_LANGUAGES="id,jv",
    )
    command = [sys.executable, "-m", "kiosk.cli.main", "--verbose", "run", "--windowed"]
    done = subprocess.run(
        [*command, "--quit-after", "3", "--report-ready"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ready ")
    assert "the waiting room's display starts, announcing in id, jv" in done.stderr
    assert "Traceback" not in done.stderr
    assert ticket.code not in done.stderr  # the board logs no numbers it shows
