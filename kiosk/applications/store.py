"""The submissions' application service: store a finished form, look its status up."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.applications.binding import binding, held_nik, open_answers
from kiosk.applications.lookup import find_application, receipt_of
from kiosk.applications.models import (
    OUTBOX_KIND_SUBMISSION,
    Application,
    ApplicationEvent,
    OutboxItem,
)
from kiosk.applications.tracking import new_tracking_code
from kiosk.applications.types import ApplicationStatus, Receipt, StatusView
from kiosk.applications.workdays import add_working_days
from kiosk.catalogue.model import ServiceDefinition
from kiosk.clock import Clock
from kiosk.db.engine import begin_write
from kiosk.office_time import business_date, office_zone
from kiosk.security.sealing import Sealer
from kiosk.wizard.form import CompletedForm

log = logging.getLogger(__name__)

MAX_CODE_ATTEMPTS = 5  # a collision is about one in 3e10 per code already stored


class ApplicationStore:
    """Every count it returns is computed from the database at that moment, never cached."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        sealer: Sealer,
        clock: Clock,
        office_name: str,
        timezone: str,
        new_code: Callable[[], str] = new_tracking_code,
    ) -> None:
        self._sessions = session_factory
        self._sealer = sealer
        self._clock = clock
        self._office_name = office_name
        self._zone = office_zone(timezone)
        self._new_code = new_code

    def finalise(
        self,
        form: CompletedForm,
        definition: ServiceDefinition,
        submission_id: str | None = None,
    ) -> Receipt:
        """Store `form` sealed, with its first status event and its outbox row, in one
        transaction; a new tracking code is drawn if the first one is taken.

        `submission_id` is the idempotency key of one form (a fresh UUID if not given):
        if a submission with this id is already stored (an earlier call whose commit
        landed but which failed afterwards, or whose commit failed ambiguously), its
        receipt is returned and nothing is stored again."""
        if (form.service_id, form.service_version) != (definition.id, definition.version):
            raise ValueError("the form was not filled in with this service definition")
        if submission_id is None:
            submission_id = str(uuid.uuid4())
        stored = self._stored_receipt(submission_id, definition)
        if stored is not None:
            log.info("submission %s already stored: its receipt again", submission_id)
            return stored
        attempts = 0
        while True:
            try:
                receipt = self._insert(submission_id, form, definition)
            except IntegrityError as error:
                # The id itself is taken: an earlier commit of this form did land (a
                # retry raced it). Not a code collision: never stored a second time.
                stored = self._stored_receipt(submission_id, definition)
                if stored is not None:
                    log.warning(
                        "submission %s already stored (%s): its receipt again",
                        submission_id,
                        type(error).__name__,
                    )
                    return stored
                # Otherwise another kiosk took the code in between (PostgreSQL).
                attempts += 1
                if attempts >= MAX_CODE_ATTEMPTS:
                    raise
                continue
            log.info("submission %s stored for %s", submission_id, definition.id)
            return receipt

    def status(self, tracking_code: str) -> StatusView:
        """The last known status from local data (works offline)."""
        with self._sessions() as session:
            row = find_application(session, tracking_code)
            return StatusView(
                tracking_code=row.tracking_code,
                service_title=row.service_title,
                status=row.status,
                updated_at=row.updated_at.astimezone(self._zone),
                ready_on=row.ready_on,
                message=row.status_message,
            )

    def receipt(self, tracking_code: str) -> Receipt:
        """The receipt again, for a reprint; the masked NIK comes from the sealed record."""
        with self._sessions() as session:
            return self._receipt_of(find_application(session, tracking_code))

    def _stored_receipt(self, submission_id: str, definition: ServiceDefinition) -> Receipt | None:
        """The receipt of the submission stored under `submission_id`, None if there is
        none; the masked NIK comes from the sealed record, as for a reprint."""
        with self._sessions() as session:
            row = session.get(Application, submission_id)
            if row is None:
                return None
            if (row.service_id, row.service_version) != (definition.id, definition.version):
                raise ValueError("this submission id is already used by another service's form")
            return self._receipt_of(row)

    def _receipt_of(self, row: Application) -> Receipt:
        """A stored submission's receipt; the masked NIK comes from the sealed record."""
        nik = held_nik(open_answers(self._sealer, row))
        return receipt_of(row, nik, self._zone, self._office_name)

    def unsent_count(self) -> int:
        """Outbox rows the central API has not acknowledged yet."""
        query = select(func.count()).select_from(OutboxItem).where(OutboxItem.sent_at.is_(None))
        with self._sessions() as session:
            return session.scalar(query) or 0

    def _insert(
        self, submission_id: str, form: CompletedForm, definition: ServiceDefinition
    ) -> Receipt:
        with self._sessions() as session:
            begin_write(session)
            now = self._clock.now()
            code = self._free_code(session)
            bound_to = binding(submission_id, code, definition.id, definition.version)
            sealed = self._sealer.seal(_sealed_content(form), bound_to)
            row = _new_submission(submission_id, code, sealed, form, definition, now)
            day = business_date(now, self._zone)
            row.ready_on = add_working_days(day, definition.processing_days)
            session.add(row)
            session.flush()
            session.add(ApplicationEvent(submission_id=row.id, status=row.status, at=now))
            session.add(_new_outbox_item(row.id, now))
            session.commit()
            return receipt_of(row, form.nik, self._zone, self._office_name)

    def _free_code(self, session: Session) -> str:
        """A code not stored yet; another kiosk may still take it first (then IntegrityError)."""
        code = self._new_code()
        for _ in range(MAX_CODE_ATTEMPTS):
            if not _is_taken(session, code):
                break
            code = self._new_code()
        return code


def _is_taken(session: Session, code: str) -> bool:
    query = select(Application.id).where(Application.tracking_code == code)
    return session.scalar(query) is not None


def _sealed_content(form: CompletedForm) -> dict[str, Any]:
    return {
        "answers": dict(form.answers),
        "nik": form.nik,
        "language": form.language,
        "consented_at": form.consented_at.isoformat(),
    }


def _new_submission(
    submission_id: str,
    code: str,
    sealed: bytes,
    form: CompletedForm,
    definition: ServiceDefinition,
    now: datetime,
) -> Application:
    return Application(
        id=submission_id,
        tracking_code=code,
        service_id=definition.id,
        service_version=definition.version,
        service_title=dict(definition.title),
        requirements=[dict(texts) for texts in definition.requirements],
        output=definition.output,
        status=ApplicationStatus.RECEIVED,
        created_at=now,
        updated_at=now,
        assisted=form.assisted,
        sealed=sealed,
    )


def _new_outbox_item(submission_id: str, now: datetime) -> OutboxItem:
    return OutboxItem(
        submission_id=submission_id,
        kind=OUTBOX_KIND_SUBMISSION,
        created_at=now,
        attempts=0,
        next_attempt_at=now,
        sent_at=None,
    )
