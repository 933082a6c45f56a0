"""Data minimisation: finished and delivered applications lose their answers, keep their receipt."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from kiosk.applications.binding import open_answers
from kiosk.applications.models import Application, OutboxItem
from kiosk.applications.retention import forget_finished_answers
from kiosk.applications.store import ApplicationStore
from kiosk.applications.types import ApplicationStatus
from kiosk.catalogue.model import ServiceDefinition
from kiosk.catalogue.validators import mask_nik
from kiosk.security.sealing import Sealer
from tests.helpers.definitions import MALE_NIK
from tests.helpers.stubs import FakeClock
from tests.kiosk.applications.conftest import make_form

RETENTION_DAYS = 30
MASKED = mask_nik(MALE_NIK)


def stored(
    submissions: ApplicationStore,
    definition: ServiceDefinition,
    sessions: sessionmaker[Session],
    status: ApplicationStatus,
    outcome: str | None,
    clock: FakeClock,
) -> str:
    receipt = submissions.finalise(make_form(name="Siti Aminah"), definition)
    with sessions() as session:
        row = session.get_one(Application, receipt.submission_id)
        row.status, row.updated_at = status, clock.now()
        item = session.scalars(select(OutboxItem).where(OutboxItem.submission_id == row.id)).one()
        item.outcome = outcome
        session.commit()
    return receipt.tracking_code


def forget(sessions: sessionmaker[Session], sealer: Sealer, clock: FakeClock) -> int:
    with sessions() as session:
        count = forget_finished_answers(session, sealer, clock.now(), RETENTION_DAYS)
        session.commit()
    return count


def content_of(sessions: sessionmaker[Session], sealer: Sealer, code: str) -> dict[str, object]:
    with sessions() as session:
        row = session.scalars(select(Application).where(Application.tracking_code == code)).one()
        return open_answers(sealer, row)


def test_only_finished_delivered_and_old_applications_lose_their_answers(
    submissions: ApplicationStore,
    definition: ServiceDefinition,
    sessions: sessionmaker[Session],
    sealer: Sealer,
    clock: FakeClock,
) -> None:
    def make(status: ApplicationStatus, outcome: str | None) -> str:
        return stored(submissions, definition, sessions, status, outcome, clock)

    due = [
        make(ApplicationStatus.COLLECTED, "accepted"),
        make(ApplicationStatus.REJECTED, "rejected"),
    ]
    kept = [
        make(ApplicationStatus.READY, "accepted"),  # not finished
        make(ApplicationStatus.COLLECTED, None),  # the centre does not have it yet
        make(ApplicationStatus.COLLECTED, "conflict"),  # the centre holds something else
    ]
    clock.advance(days=RETENTION_DAYS - 1)
    assert forget(sessions, sealer, clock) == 0  # not yet
    recent = make(ApplicationStatus.COLLECTED, "duplicate")
    clock.advance(days=2)
    assert forget(sessions, sealer, clock) == 2
    assert forget(sessions, sealer, clock) == 0  # once
    for code in due:
        assert content_of(sessions, sealer, code) == {"masked_nik": MASKED}
        receipt = submissions.receipt(code)
        assert receipt.masked_nik == MASKED and receipt.tracking_code == code
    for code in [*kept, recent]:
        assert content_of(sessions, sealer, code)["nik"] == MALE_NIK
    clock.advance(days=RETENTION_DAYS)
    assert forget(sessions, sealer, clock) == 1  # `recent`, in its turn


def test_the_deleted_answers_do_not_linger_in_the_database_file(
    submissions: ApplicationStore,
    definition: ServiceDefinition,
    sessions: sessionmaker[Session],
    sealer: Sealer,
    clock: FakeClock,
    engine: Engine,
    db_url: str,
) -> None:
    code = stored(submissions, definition, sessions, ApplicationStatus.COLLECTED, "accepted", clock)
    with sessions() as session:
        query = select(Application.sealed).where(Application.tracking_code == code)
        old = session.scalars(query).one()
    clock.advance(days=RETENTION_DAYS + 1)
    assert forget(sessions, sealer, clock) == 1
    with engine.connect() as connection:
        connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    path = Path(db_url.removeprefix("sqlite:///"))
    assert path.exists()
    files = [path, path.with_name(path.name + "-wal")]
    assert not any(old[20:60] in file.read_bytes() for file in files if file.exists())
