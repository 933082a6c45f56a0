"""A counter PC against a real, migrated SQLite database: the real QueueDesk (another
kiosk issuing tickets), CounterDesk, BoardReader and queue watcher behind the window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from kiosk.queue.board import BoardReader
from kiosk.queue.counter import CounterDesk
from kiosk.queue.desk import QueueDesk
from kiosk.queue.signals import watcher_for
from tests.helpers.stubs import FakeClock, RecordingPrinter
from tests.kiosk.conftest import clock, db_url, engine, seeded_template, sessions
from tests.ui.conftest import WindowFactory, shown_windows
from tests.ui.documents.test_screen import FakeDocuments
from tests.ui.fakes import OFFICE, FakeServices, FakeStaffPort, RecordingVoice
from ui.contracts import UiOptions
from ui.counter.contracts import CounterParts
from ui.staff.reports import ReportsPort
from ui.window import KioskWindow

ZONE = "Asia/Jakarta"
# The core's fixtures: a migrated, seeded SQLite file per test (copied from one
# template), its engine and sessions, and a clock that moves only when told to.
__all__ = ["clock", "db_url", "engine", "seeded_template", "sessions"]


@pytest.fixture
def kiosk_desk(sessions: sessionmaker[Session], clock: FakeClock) -> QueueDesk:
    """The queue as a kiosk issues tickets (its own desk, as another PC would have)."""
    return QueueDesk(sessions, RecordingPrinter(), clock, OFFICE, ZONE)


@pytest.fixture
def loket_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "loket.json"


@pytest.fixture
def parts(
    engine: Engine, sessions: sessionmaker[Session], clock: FakeClock, loket_file: Path
) -> CounterParts:
    return CounterParts(
        desk=CounterDesk(sessions, clock, ZONE),
        waiting=BoardReader(sessions, clock, ZONE),
        watcher=watcher_for(engine),
        loket_file=loket_file,
    )


@pytest.fixture
def services() -> FakeServices:
    return FakeServices()


@pytest.fixture
def documents() -> FakeDocuments:
    return FakeDocuments()


@pytest.fixture
def reports() -> ReportsPort | None:
    """The day's report; None (no link to it) unless a test gives one."""
    return None


@pytest.fixture
def make_counter(
    qtbot,
    kiosk_desk: QueueDesk,
    parts: CounterParts,
    services: FakeServices,
    documents: FakeDocuments,
    reports: ReportsPort | None,
) -> Iterator[WindowFactory]:
    """A shown counter PC's window (role "counter", English): keyword arguments replace
    fields of its options."""
    options = UiOptions(office_name=OFFICE, fullscreen=False, role="counter", language="en")

    def build(chosen: UiOptions) -> KioskWindow:
        return KioskWindow(
            kiosk_desk,
            chosen,
            services,
            RecordingVoice(enabled=False),
            staff=FakeStaffPort(),
            documents=documents,
            counter=parts,
            reports=reports,
        )

    def release() -> None:
        services.release()
        documents.gate.set()

    yield from shown_windows(qtbot, options, build, release)


@pytest.fixture
def counter_window(make_counter: WindowFactory) -> KioskWindow:
    return make_counter()
