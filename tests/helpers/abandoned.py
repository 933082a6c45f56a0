"""Tickets left PRINTING: owners to judge, a killed kiosk's leftovers, a live printing child."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from typing import IO

from sqlalchemy.orm import Session, sessionmaker

from kiosk.clock import SystemClock
from kiosk.queue.desk import QueueDesk
from kiosk.queue.models import Ticket
from kiosk.queue.printing_owner import PrintingOwner
from kiosk.queue.types import IssuedTicket, TicketState
from tests.helpers.stubs import FakeClock, FakeProcesses, RecordingPrinter

OFFICE_NAME = "Kantor Desa Sukamaju"
ME = PrintingOwner("kiosk-1", "boot-1/4026531836", 1234, 5000)
DEAD_SIBLING = dataclasses.replace(ME, pid=1200, process_start=4000)  # same PC, gone
LIVE_SIBLING = dataclasses.replace(ME, pid=1300, process_start=4500)  # `kiosk run` beside us
OTHER_KIOSK = PrintingOwner("kiosk-2", "boot-9/4026531836", 1200, 4000)
EARLIER_BOOT = dataclasses.replace(ME, pid_space="boot-0/4026531836")


def queue_for(
    sessions: sessionmaker[Session], clock: FakeClock, processes: FakeProcesses
) -> QueueDesk:
    return QueueDesk(
        sessions, RecordingPrinter(), clock, OFFICE_NAME, "Asia/Jakarta", processes=processes
    )


def left_printing(
    sessions: sessionmaker[Session], clock: FakeClock, owner: PrintingOwner, service: str = "A"
) -> IssuedTicket:
    """What a kiosk killed between its reservation and its printer's answer leaves."""
    killed = queue_for(sessions, clock, FakeProcesses(owner))
    return killed._reserve(service, None)  # the committed reservation, and nothing after it


def state_of(sessions: sessionmaker[Session], ticket_id: int) -> TicketState:
    with sessions() as session:
        return session.get_one(Ticket, ticket_id).state


@contextlib.contextmanager
def child_printing(url: str) -> Iterator[subprocess.Popen[str]]:
    """A kiosk process holding its ticket A-001 PRINTING (tests.helpers.printing_child)."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.printing_child", url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        yield child
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()


def wait_for_line(stream: IO[str] | None, prefix: str) -> str:
    assert stream is not None
    line = stream.readline()  # blocks until the child says it (or dies: "")
    assert line.startswith(prefix), line
    return line.removeprefix(prefix).strip()


def starting_queue(sessions: sessionmaker[Session]) -> QueueDesk:
    """A kiosk starting now on this host: the real process table, the real clock."""
    return QueueDesk(sessions, RecordingPrinter(), SystemClock(), OFFICE_NAME, "Asia/Jakarta")


def assert_live_kept_then_killed_voided(
    child: subprocess.Popen[str], sessions: sessionmaker[Session]
) -> None:
    ticket_id = int(wait_for_line(child.stdout, "printing "))

    assert starting_queue(sessions).void_abandoned() == []  # it is printing right now
    assert state_of(sessions, ticket_id) is TicketState.PRINTING

    child.send_signal(signal.SIGKILL)
    os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)  # a zombie, not reaped yet
    assert starting_queue(sessions).void_abandoned() == ["A-001"]
    assert state_of(sessions, ticket_id) is TicketState.VOIDED
