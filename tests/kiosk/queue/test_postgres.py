"""The same queue checks against PostgreSQL (row locks instead of SQLite's database lock).

Runs when KIOSK_TEST_POSTGRES_URL names a database the tests may create schemas in, e.g.
``postgresql+psycopg://postgres@127.0.0.1:5432/anjungan_test``. Each test gets its own
schema (through ``search_path``) and drops it afterwards.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text, update

from kiosk.db.base import Base
from kiosk.db.engine import create_engine_for, session_factory
from kiosk.db.migrate import current_revision, head_revision, upgrade
from kiosk.printers import PrinterProblem, PrinterUnavailable
from kiosk.queue.desk import QueueDesk
from kiosk.queue.errors import QueueFull, TicketVoided
from kiosk.queue.models import Line
from kiosk.queue.printing_owner import STALE_AFTER
from kiosk.queue.types import Priority, TicketState
from tests.helpers.abandoned import (
    DEAD_SIBLING,
    LIVE_SIBLING,
    ME,
    OTHER_KIOSK,
    assert_live_kept_then_killed_voided,
    child_printing,
    left_printing,
    queue_for,
)
from tests.helpers.database import (
    assert_numbers_one_to_k,
    assert_processes_interleaved,
    codes_in_state,
    numbers_by_service,
)
from tests.helpers.postgres import NEEDS_POSTGRES
from tests.helpers.stubs import FakeClock, FakeProcesses, RecordingPrinter
from tests.helpers.workers import run_kiosks, start_kiosks

ATTEMPTS_PER_PROCESS = 40

pytestmark = NEEDS_POSTGRES


@pytest.fixture
def pg_queue(pg_engine: Engine, printer: RecordingPrinter, clock: FakeClock) -> QueueDesk:
    return QueueDesk(session_factory(pg_engine), printer, clock, "Kantor Uji", "Asia/Jakarta")


def test_migrations_reach_head_twice_and_match_the_models(empty_url: str) -> None:
    engine = create_engine_for(empty_url)
    try:
        upgrade(engine)
        upgrade(engine)
        assert current_revision(engine) == head_revision()
        assert "tickets" in inspect(engine).get_table_names()
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_issue_people_ahead_and_aware_times(pg_queue: QueueDesk) -> None:
    first = pg_queue.issue_ticket("A")
    elderly = pg_queue.issue_ticket("A", Priority.ELDERLY)
    last = pg_queue.issue_ticket("A")

    assert [first.code, elderly.code, last.code] == ["A-001", "A-002", "A-003"]
    assert (elderly.people_ahead, last.people_ahead, last.estimated_wait_minutes) == (0, 2, 20)
    stored = pg_queue.get_ticket(first.ticket_id)
    assert stored.issued_at == datetime(2024, 5, 6, 2, tzinfo=UTC)
    assert stored.issued_at.isoformat() == "2024-05-06T09:00:00+07:00"


def test_printer_not_ready_consumes_nothing_and_a_failed_print_voids_its_number(
    pg_queue: QueueDesk, printer: RecordingPrinter, pg_engine: Engine
) -> None:
    printer.not_ready = PrinterProblem.PAPER_OUT
    with pytest.raises(PrinterUnavailable) as refused:
        pg_queue.issue_ticket("B")
    assert not isinstance(refused.value, TicketVoided)
    assert numbers_by_service(pg_engine) == {}

    printer.not_ready = None
    printer.fail_next(PrinterProblem.PAPER_OUT)
    with pytest.raises(TicketVoided):
        pg_queue.issue_ticket("B")
    assert codes_in_state(pg_engine, TicketState.VOIDED) == ["B-001"]
    assert pg_queue.issue_ticket("B").code == "B-002"


def test_start_up_voids_only_what_dead_or_stale_kiosks_left(
    pg_engine: Engine, clock: FakeClock
) -> None:
    sessions = session_factory(pg_engine)
    left_printing(sessions, clock, DEAD_SIBLING)
    left_printing(sessions, clock, LIVE_SIBLING)
    left_printing(sessions, clock, OTHER_KIOSK)
    clock.advance(minutes=2)
    starting = queue_for(sessions, clock, FakeProcesses(ME, {LIVE_SIBLING}))

    assert starting.void_abandoned() == ["A-001"]
    clock.advance(seconds=STALE_AFTER.total_seconds())
    assert starting.void_abandoned() == ["A-003"]  # the other kiosk's, now stale
    assert codes_in_state(pg_engine, TicketState.PRINTING) == ["A-002"]


def test_a_live_printing_process_keeps_its_ticket_and_a_killed_one_loses_it(
    pg_url: str, pg_engine: Engine
) -> None:
    with child_printing(pg_url) as child:
        assert_live_kept_then_killed_voided(child, session_factory(pg_engine))


def test_queue_full_and_transitions(pg_queue: QueueDesk, pg_engine: Engine) -> None:
    with session_factory(pg_engine).begin() as session:
        session.execute(update(Line).where(Line.code == "C").values(range_end=1))
    ticket = pg_queue.issue_ticket("C")
    with pytest.raises(QueueFull):
        pg_queue.issue_ticket("C")
    pg_queue.transition(ticket.ticket_id, TicketState.CALLED, counter="Loket 1")
    moved = pg_queue.transfer(ticket.ticket_id, "A")
    assert moved.code == "A-001"


@pytest.mark.slow
def test_two_processes_share_one_database(pg_url: str, pg_engine: Engine) -> None:
    outcomes = run_kiosks(pg_url, ATTEMPTS_PER_PROCESS)

    assert_numbers_one_to_k(pg_engine, outcomes)
    assert_processes_interleaved(outcomes)


@pytest.mark.slow
def test_two_kiosks_start_on_one_empty_database_at_once(empty_url: str) -> None:
    inserted = start_kiosks(empty_url)

    assert sorted(code for codes in inserted for code in codes) == ["A", "B", "C"]
    engine = create_engine_for(empty_url)
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_a_stuck_kiosk_makes_the_others_busy_not_frozen(
    pg_url: str, pg_queue: QueueDesk, printer: RecordingPrinter, clock: FakeClock
) -> None:

    from kiosk.queue.errors import QueueBusy

    pg_queue.issue_ticket("A")  # the day's counter row exists now
    impatient = create_engine_for(pg_url, lock_timeout_ms=200)
    stuck = create_engine_for(pg_url)
    try:
        with stuck.connect() as connection, connection.begin():
            connection.execute(text("SELECT last_number FROM daily_counters FOR UPDATE"))
            other = QueueDesk(session_factory(impatient), printer, clock, "Uji", "Asia/Jakarta")
            with pytest.raises(QueueBusy):
                other.issue_ticket("A")
        assert pg_queue.issue_ticket("A").code == "A-002"
    finally:
        impatient.dispose()
        stuck.dispose()


def test_concurrent_wrong_pins_lock_after_exactly_five(empty_url: str) -> None:
    """Row locks (SELECT ... FOR UPDATE) serialise the failure count across kiosks."""
    from kiosk.cards import StaffRole
    from kiosk.cards.registry import CardRegistry
    from kiosk.security.keys import OfficeKeys
    from tests.kiosk.cards.test_lockout_race import (
        assert_locked_after_exactly_five,
        wrong_pins_at_once,
    )

    engine = create_engine_for(empty_url)
    try:
        upgrade(engine)
        sessions = session_factory(engine)
        registry = CardRegistry(sessions, OfficeKeys.generate(), FakeClock())
        registry.add_staff("1001", "Siti Aminah", StaffRole.CLERK, "482915")
        answers = wrong_pins_at_once(registry, "1001")
        assert_locked_after_exactly_five(answers, sessions, "1001")
    finally:
        engine.dispose()


def test_kiosks_starting_at_once_share_one_set_of_keys(empty_url: str) -> None:
    """The key guard's table lock: a new database, four kiosks starting together on one
    key store, one set of keys made and recorded."""
    from tests.kiosk.security.test_guard import (
        test_two_processes_starting_at_once_end_with_one_set_of_keys,
    )

    engine = create_engine_for(empty_url)
    try:
        upgrade(engine)
        test_two_processes_starting_at_once_end_with_one_set_of_keys(session_factory(engine))
    finally:
        engine.dispose()


def test_first_format_applications_are_found_and_resealed_once(empty_url: str) -> None:
    """The start-up re-seal finds first-format blobs by their first byte (substr on
    bytea), once: the data_upgrades row makes a second start leave a planted one alone."""
    from dataclasses import replace

    from kiosk.applications.store import ApplicationStore
    from kiosk.cli.office_keys import upgrade_sealed_data
    from kiosk.security.keys import OfficeKeys, new_key
    from kiosk.security.sealing import Sealer
    from tests.helpers.definitions import sample_definition
    from tests.kiosk.applications.conftest import make_form
    from tests.kiosk.applications.test_binding import make_legacy

    engine = create_engine_for(empty_url)
    try:
        upgrade(engine)
        sessions, key = session_factory(engine), new_key()
        keys = replace(OfficeKeys.generate(), data=key)
        service = ApplicationStore(sessions, Sealer(key), FakeClock(), "Uji", "Asia/Jakarta")
        code = service.finalise(make_form(), sample_definition()).tracking_code
        make_legacy(sessions, key)
        assert upgrade_sealed_data(sessions, keys) == 1
        assert service.receipt(code).masked_nik == "3273********0001"
        make_legacy(sessions, key)
        assert upgrade_sealed_data(sessions, keys) is None
    finally:
        engine.dispose()
