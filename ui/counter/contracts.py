"""What the counter screens need from the core: the loket's desk, who waits, and changes.

`kiosk.queue.counter.CounterDesk`, `kiosk.queue.board.BoardReader` and
`kiosk.queue.signals.watcher_for(engine)` satisfy these; the screens see only the
shapes below, so ui imports no database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kiosk.queue.types import CounterTicket, QueueLine
from ui.queue_views import LineView as LineCount


class CounterPort(Protocol):
    """One office's queue as a loket works it. Every call is a database transaction, so
    the screens make them off the GUI thread (`ui.tasks`). `counter` is the loket's
    number as text ("2"), `actor` the signed-in clerk's staff number (the audit trail)."""

    def call_next(self, counter: str, lines: Sequence[str], actor: str) -> CounterTicket | None:
        """The next ticket of `lines`, called to `counter`; None when nobody waits.
        Raises CounterBusy while the loket still has a ticket called or served."""
        ...

    def recall(self, ticket_id: int, counter: str, actor: str) -> CounterTicket: ...

    def start(self, ticket_id: int, counter: str, actor: str) -> CounterTicket: ...

    def finish(self, ticket_id: int, counter: str, actor: str) -> CounterTicket: ...

    def no_show(self, ticket_id: int, counter: str, actor: str) -> CounterTicket: ...

    def hold(self, ticket_id: int, counter: str, actor: str) -> CounterTicket: ...

    def resume(self, ticket_id: int, counter: str, actor: str) -> CounterTicket: ...

    def transfer_to_counter(
        self, ticket_id: int, to_counter: str, counter: str, actor: str
    ) -> CounterTicket: ...

    def transfer_to_line(
        self, ticket_id: int, to_line: str, counter: str, actor: str
    ) -> CounterTicket: ...

    def at_counter(self, counter: str) -> CounterTicket | None: ...

    def held(self, counter: str) -> list[CounterTicket]: ...


class LinesPort(Protocol):
    """The office's queue lines (ui.contracts.QueuePort has this too); reads the database."""

    def lines(self) -> list[QueueLine]: ...


class WaitingPicture(Protocol):
    """What the board reads (kiosk.queue.board.BoardState); the counter uses its lines."""

    @property
    def lines(self) -> Sequence[LineCount]: ...


class WaitingPort(Protocol):
    """Reads who waits per line now (one short read transaction: off the GUI thread)."""

    def read(self) -> WaitingPicture: ...


class ChangeWatcher(Protocol):
    """Blocks until the queue changed (kiosk.queue.signals.QueueWatcher). Raises
    ConnectionError while the database cannot be reached; used by one thread only."""

    def wait(self, timeout: float) -> bool: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class CounterParts:
    """Everything a counter PC adds to the window (None at a kiosk or a board).

    `loket_file` is where this PC remembers its loket and lines (`ui.counter.loket`);
    the composition root puts it in the kiosk's data folder, which is this PC's own
    even when the database is the office's shared PostgreSQL.
    """

    desk: CounterPort
    waiting: WaitingPort
    watcher: ChangeWatcher
    loket_file: Path
