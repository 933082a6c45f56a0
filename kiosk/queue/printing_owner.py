"""Who is printing a ticket, and whether that process can still be printing it.

A ticket is committed PRINTING before its bytes leave for the printer. If the process
printing it dies (SIGKILL, a power cut), the ticket stays PRINTING; a kiosk starting
later voids it, but only when the owner is provably dead, never while another live
process (`kiosk run` and `kiosk queue issue` on one PC, or another kiosk sharing the
office's PostgreSQL database) is printing it right now.

A process is named by its host name, its pid space (the kernel's boot id plus its pid
namespace: where a pid means one process) and its pid with its start time (clock ticks
after boot, so a reused pid is not mistaken for the owner). This is Linux's /proc; where
it is missing, the boot id and the start time stay unknown and the owner is judged by
age alone.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

# Longer than any print can take: the status check, a ticket at 9600 baud, the printer's
# accept timeout, a clear, and the confirming transaction's 15 s lock wait, many times
# over, and the clock skew between PCs sharing one database.
STALE_AFTER = timedelta(minutes=10)
# /proc/PID/stat fields as proc(5) numbers them; the split starts after the command's ")"
STAT_FIRST_FIELD_AFTER_COMMAND = 3
STAT_STATE = 3
STAT_START_TIME = 22
DEAD_STATES = frozenset({"Z", "X", "x"})  # zombie or dead: it will never write again


@dataclass(frozen=True)
class PrintingOwner:
    """The process printing a ticket, as recorded in the ticket's printing_* columns."""

    host: str
    pid_space: str | None  # "<boot id>/<pid namespace>"; None where unknown
    pid: int
    process_start: int | None  # clock ticks after boot; None where unknown

    @property
    def boot_id(self) -> str | None:
        return self.pid_space.partition("/")[0] if self.pid_space else None


class Processes(Protocol):
    """What the queue needs to know about this host's processes (a fake in tests)."""

    def current(self) -> PrintingOwner:
        """The calling process."""
        ...

    def is_running(self, owner: PrintingOwner) -> bool:
        """Whether `owner`, a process of this host and pid space, still runs."""
        ...

    def booted_at(self) -> datetime | None:
        """When this host booted (aware), if known."""
        ...


class ProcessTable:
    """This host's processes, read from /proc (Linux); elsewhere pid checks only."""

    def __init__(self, proc: Path = Path("/proc")) -> None:
        self._proc = proc

    def current(self) -> PrintingOwner:
        pid = os.getpid()
        return PrintingOwner(socket.gethostname(), self._pid_space(), pid, self._start(pid))

    def is_running(self, owner: PrintingOwner) -> bool:
        fields = self._stat_fields(owner.pid)
        if fields is None:
            return self._exists(owner.pid) if owner.process_start is None else False
        if _field(fields, STAT_STATE) in DEAD_STATES:
            return False
        start = int(_field(fields, STAT_START_TIME))
        return owner.process_start is None or start == owner.process_start

    def booted_at(self) -> datetime | None:
        try:
            lines = (self._proc / "stat").read_text().splitlines()
        except OSError:
            return None
        for line in lines:
            if line.startswith("btime "):
                return datetime.fromtimestamp(int(line.split()[1]), UTC)
        return None

    def _pid_space(self) -> str | None:
        try:
            boot = (self._proc / "sys/kernel/random/boot_id").read_text().strip()
            namespace = os.readlink(self._proc / "self/ns/pid")
        except OSError:
            return None
        return f"{boot}/{namespace.removeprefix('pid:[').removesuffix(']')}"

    def _start(self, pid: int) -> int | None:
        fields = self._stat_fields(pid)
        return int(_field(fields, STAT_START_TIME)) if fields else None

    def _stat_fields(self, pid: int) -> list[str] | None:
        """Fields of /proc/PID/stat from the state on (the command may hold spaces)."""
        try:
            stat = (self._proc / str(pid) / "stat").read_text()
        except OSError:
            return None
        return stat.rpartition(")")[2].split()

    @staticmethod
    def _exists(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True  # someone else's process: it exists
        return True


def _field(fields: list[str], number: int) -> str:
    return fields[number - STAT_FIRST_FIELD_AFTER_COMMAND]


def is_abandoned(
    owner: PrintingOwner | None,
    reserved_at: datetime,
    now: datetime,
    processes: Processes,
    stale_after: timedelta = STALE_AFTER,
) -> bool:
    """True when the ticket's printing process is provably dead, or the ticket is stale.

    Same host and pid space: dead when that process no longer runs. Same host, another
    boot: dead when the ticket was reserved before this boot. Anything else (another
    host, or nothing known): only when reserved longer than `stale_after` ago.
    """
    me = processes.current()
    if owner is not None and owner.host == me.host and owner.pid_space is not None:
        if owner.pid_space == me.pid_space:
            return not processes.is_running(owner)
        booted = processes.booted_at()
        if owner.boot_id != me.boot_id and booted is not None and reserved_at < booted:
            return True
    return now - reserved_at > stale_after
