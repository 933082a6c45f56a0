"""Storing finished forms: one transaction, sealed answers, status offline, outbox counts."""

from __future__ import annotations

import itertools
import logging
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, inspect, select, update
from sqlalchemy.orm import Session, sessionmaker

from kiosk.applications.binding import open_answers
from kiosk.applications.errors import ApplicationNotFound, InvalidTrackingCode
from kiosk.applications.models import Application, ApplicationEvent, OutboxItem
from kiosk.applications.store import ApplicationStore
from kiosk.applications.tracking import new_tracking_code, normalise_tracking_code
from kiosk.applications.types import ApplicationStatus
from kiosk.applications.workdays import add_working_days
from kiosk.catalogue.model import Output, ServiceDefinition
from kiosk.security.sealing import Sealer
from tests.helpers.definitions import MALE_NIK
from tests.helpers.stubs import FakeClock, fail_first_receipt
from tests.kiosk.applications.conftest import make_form
from tests.kiosk.conftest import OFFICE_NAME

MONDAY = date(2024, 7, 8)  # a fortnight without holidays


def count(sessions: sessionmaker[Session], model: type[Any]) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_finalise_stores_the_submission_its_event_and_its_outbox_row(
    submissions: ApplicationStore,
    sessions: sessionmaker[Session],
    sealer: Sealer,
    definition: ServiceDefinition,
) -> None:
    receipt = submissions.finalise(make_form(), definition)

    with sessions() as session:
        row = session.scalars(select(Application)).one()
        events = session.scalars(select(ApplicationEvent)).all()
        outbox = session.scalars(select(OutboxItem)).all()
    assert (row.id, row.tracking_code) == (receipt.submission_id, receipt.tracking_code)
    assert (row.service_id, row.service_version, row.status) == (
        "layanan-uji",
        3,
        ApplicationStatus.RECEIVED,
    )
    assert [(e.submission_id, e.status) for e in events] == [(row.id, ApplicationStatus.RECEIVED)]
    assert [(o.submission_id, o.kind, o.attempts, o.sent_at) for o in outbox] == [
        (row.id, "submission", 0, None)
    ]
    sealed = open_answers(sealer, row)
    assert sealed["answers"]["nama"] == "Budi Santoso"
    assert sealed["nik"] == MALE_NIK


def test_the_receipt_shows_what_the_citizen_takes_home(
    submissions: ApplicationStore, definition: ServiceDefinition
) -> None:
    receipt = submissions.finalise(make_form(), definition)

    assert normalise_tracking_code(receipt.tracking_code) == receipt.tracking_code
    assert receipt.masked_nik == "3273********0001"
    assert receipt.requirements == definition.requirements
    assert receipt.service_title == definition.title
    assert receipt.created_at == datetime(2024, 5, 6, 9, 0, tzinfo=receipt.created_at.tzinfo)
    assert receipt.created_at.utcoffset() is not None
    assert (receipt.zone_label, receipt.office_name) == ("WIB", OFFICE_NAME)
    assert (receipt.output, receipt.assisted) == (Output.RECEIPT, False)
    assert receipt.ready_on == date(2024, 5, 8)  # Monday + 2 working days
    assert receipt.qr_payload == f"ANJUNGAN:S:{receipt.tracking_code}"


@pytest.mark.parametrize("assisted", [True, False])
def test_whether_a_clerk_filled_it_in_is_stored_and_read_back(
    submissions: ApplicationStore,
    sessions: sessionmaker[Session],
    definition: ServiceDefinition,
    assisted: bool,
) -> None:
    receipt = submissions.finalise(make_form(assisted=assisted), definition)
    with sessions() as session:
        row = session.scalars(select(Application)).one()
        assert row.assisted is assisted
    assert submissions.receipt(receipt.tracking_code).assisted is assisted


def test_a_form_without_a_nik_has_no_masked_nik(
    submissions: ApplicationStore, definition: ServiceDefinition
) -> None:
    assert submissions.finalise(make_form(nik=None), definition).masked_nik is None


def test_a_failure_inside_the_transaction_stores_nothing(
    submissions: ApplicationStore,
    sessions: sessionmaker[Session],
    definition: ServiceDefinition,
) -> None:
    def refuse(*_: Any) -> None:
        raise RuntimeError("disk full while writing the outbox row")

    event.listen(OutboxItem, "before_insert", refuse)
    try:
        with pytest.raises(RuntimeError):
            submissions.finalise(make_form(), definition)
    finally:
        event.remove(OutboxItem, "before_insert", refuse)

    assert [count(sessions, m) for m in (Application, ApplicationEvent, OutboxItem)] == [0, 0, 0]
    submissions.finalise(make_form(), definition)  # and the next one works
    assert [count(sessions, m) for m in (Application, ApplicationEvent, OutboxItem)] == [1, 1, 1]


def test_a_taken_tracking_code_is_drawn_again(
    sessions: sessionmaker[Session],
    sealer: Sealer,
    clock: FakeClock,
    definition: ServiceDefinition,
) -> None:
    first, second = new_tracking_code(), new_tracking_code()
    # the second form sees `first` taken every time it looks (6 draws), then races into
    # the unique constraint with it (as another kiosk on PostgreSQL would), then gets `second`
    drawn = itertools.chain([first], [first] * 6, [second])
    service = ApplicationStore(
        sessions, sealer, clock, OFFICE_NAME, "Asia/Jakarta", new_code=lambda: next(drawn)
    )

    assert service.finalise(make_form(), definition).tracking_code == first
    assert service.finalise(make_form(), definition).tracking_code == second
    assert count(sessions, Application) == 2


def test_status_is_looked_up_locally_however_the_code_is_typed(
    submissions: ApplicationStore, clock: FakeClock, definition: ServiceDefinition
) -> None:
    receipt = submissions.finalise(make_form(), definition)
    clock.advance(days=3)  # nothing else happened: the status is still the stored one

    typed = " ".join(receipt.tracking_code.replace("-", "")).lower()
    view = submissions.status(typed)

    assert (view.tracking_code, view.status) == (receipt.tracking_code, ApplicationStatus.RECEIVED)
    assert view.service_title == definition.title
    assert view.updated_at == receipt.created_at
    assert view.updated_at.utcoffset() is not None
    assert view.ready_on == receipt.ready_on


def test_unknown_and_malformed_codes_are_told_apart(submissions: ApplicationStore) -> None:
    with pytest.raises(ApplicationNotFound):
        submissions.status(new_tracking_code())
    with pytest.raises(InvalidTrackingCode):
        submissions.status("not a code")
    with pytest.raises(ApplicationNotFound):
        submissions.receipt(new_tracking_code())


def test_a_reprint_is_the_same_receipt(
    submissions: ApplicationStore, clock: FakeClock, definition: ServiceDefinition
) -> None:
    receipt = submissions.finalise(make_form(), definition)
    clock.advance(hours=5)
    assert submissions.receipt(receipt.tracking_code.lower()) == receipt


def test_unsent_count_is_computed_from_the_outbox(
    submissions: ApplicationStore,
    sessions: sessionmaker[Session],
    definition: ServiceDefinition,
) -> None:
    assert submissions.unsent_count() == 0
    first = submissions.finalise(make_form(), definition)
    submissions.finalise(make_form(), definition)
    assert submissions.unsent_count() == 2

    with sessions.begin() as session:  # what the sync worker will do
        session.execute(
            update(OutboxItem)
            .where(OutboxItem.submission_id == first.submission_id)
            .values(sent_at=datetime(2024, 5, 6, 3, 0, tzinfo=UTC))
        )

    assert submissions.unsent_count() == 1


def test_a_form_of_another_definition_is_refused(
    submissions: ApplicationStore, definition: ServiceDefinition
) -> None:
    with pytest.raises(ValueError):
        submissions.finalise(make_form(), replace(definition, version=4))


@pytest.mark.parametrize(
    ("created", "days", "ready"),
    [
        (datetime(2024, 7, 12, 2, 0, tzinfo=UTC), 2, date(2024, 7, 16)),  # Friday -> Tuesday
        (datetime(2024, 7, 13, 2, 0, tzinfo=UTC), 1, date(2024, 7, 15)),  # Saturday -> Monday
        (datetime(2024, 7, 14, 2, 0, tzinfo=UTC), 0, date(2024, 7, 15)),  # Sunday, same day
        (datetime(2024, 7, 8, 18, 0, tzinfo=UTC), 1, date(2024, 7, 10)),  # Tue 01:00 WIB
        (datetime(2026, 3, 17, 2, 0, tzinfo=UTC), 1, date(2026, 3, 25)),  # Nyepi + Lebaran
    ],
)
def test_ready_on_counts_working_days_in_the_office_zone(
    submissions: ApplicationStore,
    clock: FakeClock,
    definition: ServiceDefinition,
    created: datetime,
    days: int,
    ready: date,
) -> None:
    clock.set(created)
    receipt = submissions.finalise(make_form(), replace(definition, processing_days=days))
    assert receipt.ready_on == ready


def test_working_days_skip_weekends() -> None:
    assert add_working_days(MONDAY, 0) == MONDAY
    assert add_working_days(MONDAY, 4) == date(2024, 7, 12)
    assert add_working_days(MONDAY, 5) == date(2024, 7, 15)
    assert add_working_days(MONDAY, 10) == date(2024, 7, 22)
    with pytest.raises(ValueError):
        add_working_days(MONDAY, -1)


def test_the_tables_exist_in_the_migrated_database(engine: Engine) -> None:
    assert {"submissions", "submission_events", "outbox"} <= set(inspect(engine).get_table_names())


def test_the_same_submission_id_stores_one_submission_however_often_it_is_finalised(
    submissions: ApplicationStore,
    sessions: sessionmaker[Session],
    clock: FakeClock,
    definition: ServiceDefinition,
) -> None:
    submission_id = str(uuid.uuid4())
    first = submissions.finalise(make_form(), definition, submission_id=submission_id)
    clock.advance(minutes=2)  # the citizen taps "Coba lagi"
    again = submissions.finalise(make_form(), definition, submission_id=submission_id)

    assert again == first
    assert first.submission_id == submission_id
    assert again.masked_nik == "3273********0001"
    assert [count(sessions, m) for m in (Application, ApplicationEvent, OutboxItem)] == [1, 1, 1]


def test_a_failure_after_the_commit_is_retried_without_storing_twice(
    submissions: ApplicationStore,
    sessions: sessionmaker[Session],
    definition: ServiceDefinition,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fail_first_receipt(monkeypatch)
    submission_id = str(uuid.uuid4())
    with pytest.raises(RuntimeError):
        submissions.finalise(make_form(), definition, submission_id=submission_id)
    assert count(sessions, Application) == 1  # the commit landed

    with caplog.at_level(logging.DEBUG, logger="kiosk.applications"):
        receipt = submissions.finalise(make_form(), definition, submission_id=submission_id)

    assert receipt == submissions.receipt(receipt.tracking_code)
    assert receipt.submission_id == submission_id
    assert [count(sessions, m) for m in (Application, ApplicationEvent, OutboxItem)] == [1, 1, 1]
    assert MALE_NIK not in caplog.text and "Budi" not in caplog.text


def test_a_commit_that_landed_but_raised_is_found_again_by_its_id(
    submissions: ApplicationStore,
    sessions: sessionmaker[Session],
    definition: ServiceDefinition,
) -> None:
    def connection_lost(_: Session) -> None:  # the server committed, the reply was lost
        raise ConnectionError("connection lost after COMMIT")

    submission_id = str(uuid.uuid4())
    event.listen(Session, "after_commit", connection_lost)
    try:
        with pytest.raises(ConnectionError):
            submissions.finalise(make_form(), definition, submission_id=submission_id)
    finally:
        event.remove(Session, "after_commit", connection_lost)

    receipt = submissions.finalise(make_form(), definition, submission_id=submission_id)
    assert receipt.submission_id == submission_id
    assert [count(sessions, m) for m in (Application, ApplicationEvent, OutboxItem)] == [1, 1, 1]


def test_an_id_taken_in_between_is_not_retried_as_a_code_collision(
    sessions: sessionmaker[Session],
    sealer: Sealer,
    clock: FakeClock,
    definition: ServiceDefinition,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    drawn: list[str] = []

    def draw() -> str:
        drawn.append(new_tracking_code())
        return drawn[-1]

    service = ApplicationStore(sessions, sealer, clock, OFFICE_NAME, "Asia/Jakarta", new_code=draw)
    submission_id = str(uuid.uuid4())
    first = service.finalise(make_form(), definition, submission_id=submission_id)
    # a retry whose first look-up ran before the earlier commit landed: it reaches the
    # insert and meets the primary key instead
    looked_up = service._stored_receipt
    misses = iter([True])
    monkeypatch.setattr(
        service,
        "_stored_receipt",
        lambda *args: None if next(misses, False) else looked_up(*args),
    )

    again = service.finalise(make_form(), definition, submission_id=submission_id)

    assert again == first
    assert len(drawn) == 2  # one code for the retry's insert, none drawn again after it
    assert [count(sessions, m) for m in (Application, ApplicationEvent, OutboxItem)] == [1, 1, 1]


def test_finalise_without_a_submission_id_stores_each_form(
    submissions: ApplicationStore,
    sessions: sessionmaker[Session],
    definition: ServiceDefinition,
) -> None:
    first = submissions.finalise(make_form(), definition)
    second = submissions.finalise(make_form(), definition)
    assert first.submission_id != second.submission_id
    assert first.tracking_code != second.tracking_code
    assert [count(sessions, m) for m in (Application, ApplicationEvent, OutboxItem)] == [2, 2, 2]


def test_a_submission_id_of_another_service_is_refused(
    submissions: ApplicationStore, definition: ServiceDefinition
) -> None:
    submission_id = str(uuid.uuid4())
    submissions.finalise(make_form(), definition, submission_id=submission_id)
    other = replace(definition, version=4)
    with pytest.raises(ValueError):
        submissions.finalise(
            replace(make_form(), service_version=4), other, submission_id=submission_id
        )
