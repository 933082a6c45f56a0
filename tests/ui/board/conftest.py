"""A real migrated SQLite queue, lokets that call, and a board watching it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from kiosk.queue.board import BoardReader
from kiosk.queue.counter import CounterDesk
from kiosk.queue.desk import QueueDesk
from kiosk.queue.signals import watcher_for
from tests.helpers.stubs import FakeClock
from tests.kiosk import conftest as core
from tests.ui.board.fakes import CountingChime, SwitchableSource, SwitchableWatcher, TimedVoice
from ui.board.announcer import AnnounceTiming
from ui.board.contracts import BoardOptions
from ui.board.window import BoardWindow

ZONE = "Asia/Jakarta"
OFFICE = core.OFFICE_NAME
# The core's fixtures, shared: a migrated, seeded SQLite file per test, its engine and
# sessions, a clock standing still at 09.00 WIB, and the kiosk's QueueDesk issuing into it.
seeded_template, db_url, engine, sessions = (
    core.seeded_template,
    core.db_url,
    core.engine,
    core.sessions,
)
clock, printer, queue = core.clock, core.printer, core.queue
QUICK = AnnounceTiming(chime_seconds=0.05, start_seconds=3, sentence_seconds=5, gap_seconds=0.02)
BoardFactory = Callable[..., BoardWindow]


@pytest.fixture
def counter(sessions: sessionmaker[Session], clock: FakeClock) -> CounterDesk:
    return CounterDesk(sessions, clock, ZONE)


@pytest.fixture
def source(sessions: sessionmaker[Session], clock: FakeClock) -> Iterator[SwitchableSource]:
    source = SwitchableSource(BoardReader(sessions, clock, ZONE))
    yield source
    source.release()


@pytest.fixture
def watcher(engine: Engine) -> SwitchableWatcher:
    return SwitchableWatcher(watcher_for(engine))


@pytest.fixture
def voice() -> TimedVoice:
    return TimedVoice()


@pytest.fixture
def chime() -> CountingChime:
    return CountingChime()


@pytest.fixture
def make_board(
    qtbot: Any,
    source: SwitchableSource,
    watcher: SwitchableWatcher,
    voice: TimedVoice,
    chime: CountingChime,
    clock: FakeClock,
) -> Iterator[BoardFactory]:
    """A shown, started board (1920 x 1080, English words); keyword arguments replace
    fields of its options. It has read its first picture unless `source` is held or
    `first_picture` is False."""
    options = BoardOptions(
        OFFICE, language="en", fullscreen=False, highlight_seconds=0.3, retry_seconds=0.2
    )
    boards: list[BoardWindow] = []

    def make(
        size: tuple[int, int] = (1920, 1080), first_picture: bool = True, **changes: Any
    ) -> BoardWindow:
        board = BoardWindow(
            source, watcher, replace(options, **changes), voice, chime, QUICK, clock.now
        )
        qtbot.addWidget(board, before_close_func=lambda _board: source.release())
        board.resize(*size)
        board.show()
        qtbot.waitExposed(board)
        board.start()
        boards.append(board)
        if first_picture and source.gate is None:
            qtbot.waitUntil(lambda: board.state is not None, timeout=10_000)
        return board

    yield make
    source.release()
    for board in boards:
        assert board.shutdown(10_000), "the board's background work did not end"


def issue(queue: QueueDesk, *lines: str) -> None:
    for line in lines:
        queue.issue_ticket(line)
