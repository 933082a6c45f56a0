"""The composition root voids, at start-up, what a dead kiosk process left printing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.cli.wiring import build_queue, open_database, open_printer
from kiosk.config import load_settings
from kiosk.queue.models import Ticket
from kiosk.queue.printing_owner import PrintingOwner, ProcessTable
from kiosk.queue.types import TicketState
from tests.helpers.abandoned import left_printing
from tests.helpers.stubs import FakeClock

OWNER_OF_A_CHILD = (
    "from kiosk.queue.printing_owner import ProcessTable; o = ProcessTable().current(); "
    "print(o.host, o.pid_space, o.pid, o.process_start)"
)


def a_process_that_ended() -> PrintingOwner:
    """The identity of a real process of this host that has exited (and been reaped)."""
    done = subprocess.run(
        [sys.executable, "-c", OWNER_OF_A_CHILD], capture_output=True, text=True, check=True
    )
    host, pid_space, pid, start = done.stdout.split()
    return PrintingOwner(host, pid_space, int(pid), int(start))


def states(sessions: sessionmaker[Session]) -> dict[str, TicketState]:
    with sessions() as session:
        return {code: state for code, state in session.execute(select(Ticket.code, Ticket.state))}


def test_building_the_queue_voids_a_dead_process_ticket_and_keeps_a_live_one(
    tmp_path: Path,
) -> None:
    (tmp_path / "kiosk.toml").write_text('[office]\nname = "Kantor Desa Uji"\n')
    settings = load_settings(
        None,
        {
            "KIOSK_CONFIG": str(tmp_path / "kiosk.toml"),
            "KIOSK_DATA_DIR": str(tmp_path / "data"),
            "KIOSK_DATABASE_URL": f"sqlite:///{tmp_path / 'anjungan.db'}",
            "KIOSK_PRINTER_URL": "emu://wiring-test",
        },
    )
    database = open_database(settings)
    clock = FakeClock()  # 2024: fresh by the clock of any other host's check
    left_printing(database.sessions, clock, a_process_that_ended())
    left_printing(database.sessions, clock, ProcessTable().current())  # alive, us

    queue = build_queue(settings, database, open_printer(settings))

    assert states(database.sessions) == {"A-001": TicketState.VOIDED, "A-002": TicketState.PRINTING}
    assert queue.waiting_count("A") == 0
    database.engine.dispose()
