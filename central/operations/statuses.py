"""Statuses an operator sets, and the changes each kiosk pulls after its cursor.

A change's `seq` is taken from a one-row counter with UPDATE ... RETURNING, whose row
lock is held until the change commits. So changes commit in the order of their seq:
a kiosk that has read up to N can never later find a change below N committed
(which a database sequence allows, and which would be skipped forever).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from central.centre import Centre
from central.database import reading
from central.errors import NotFound, Refused
from central.models import Application, StatusChange, StatusCounter

MESSAGE_LANGUAGES = ("id", "en", "jv")
MAX_MESSAGE_LENGTH = 500
DEFAULT_PAGE = 200
MAX_PAGE = 500


class Status(StrEnum):
    RECEIVED = "received"
    IN_PROCESS = "in_process"
    NEEDS_CITIZEN = "needs_citizen"  # the message says what is needed
    READY = "ready"  # ready for pickup
    DONE = "done"
    REJECTED = "rejected"  # the message says why


NEXT: dict[Status, frozenset[Status]] = {
    Status.RECEIVED: frozenset(
        {Status.IN_PROCESS, Status.NEEDS_CITIZEN, Status.READY, Status.DONE, Status.REJECTED}
    ),
    Status.IN_PROCESS: frozenset(
        {Status.NEEDS_CITIZEN, Status.READY, Status.DONE, Status.REJECTED}
    ),
    Status.NEEDS_CITIZEN: frozenset(
        {Status.NEEDS_CITIZEN, Status.IN_PROCESS, Status.READY, Status.DONE, Status.REJECTED}
    ),
    Status.READY: frozenset(
        {Status.IN_PROCESS, Status.NEEDS_CITIZEN, Status.DONE, Status.REJECTED}
    ),
    Status.DONE: frozenset(),  # final
    Status.REJECTED: frozenset(),  # final
}
NEEDS_MESSAGE = frozenset({Status.NEEDS_CITIZEN, Status.REJECTED})


@dataclass(frozen=True)
class Change:
    seq: int
    application_id: uuid.UUID
    tracking_code: str
    status: Status
    message: dict[str, str] | None
    at: datetime


@dataclass(frozen=True)
class Page:
    changes: list[Change]
    cursor: int
    more: bool


def set_status(
    centre: Centre, application_id: uuid.UUID, status: Status, message: dict[str, str] | None
) -> Change:
    """Move an application to `status`; Refused for a transition the table does not allow."""
    message = _checked_message(status, message)
    now = centre.clock()
    with centre.sessions.begin() as session:
        application = session.get(Application, application_id, with_for_update=True)
        if application is None:
            raise NotFound(f"no application {application_id}")
        current = Status(application.status)
        if status not in NEXT[current]:
            raise Refused(f"an application that is {current} cannot become {status}")
        seq = _next_seq(session)
        session.add(
            StatusChange(
                seq=seq,
                application_id=application.id,
                kiosk_id=application.kiosk_id,
                status=status.value,
                message=message,
                at=now,
            )
        )
        application.status = status.value
        application.status_message = message
        application.status_changed_at = now
        return Change(seq, application.id, application.tracking_code, status, message, now)


def _next_seq(session: Session) -> int:
    """The next seq, holding the counter's row lock until this transaction ends."""
    bump = (
        update(StatusCounter)
        .where(StatusCounter.id == 1)
        .values(last_seq=StatusCounter.last_seq + 1)
        .returning(StatusCounter.last_seq)
    )
    return int(session.execute(bump).scalar_one())


def _checked_message(status: Status, message: dict[str, str] | None) -> dict[str, str] | None:
    given = {
        language: text.strip()
        for language, text in (message or {}).items()
        if text and text.strip()
    }
    unknown = set(given) - set(MESSAGE_LANGUAGES)
    if unknown:
        raise Refused(f"messages are in {', '.join(MESSAGE_LANGUAGES)} only")
    if any(len(text) > MAX_MESSAGE_LENGTH for text in given.values()):
        raise Refused(f"a message is at most {MAX_MESSAGE_LENGTH} characters")
    if status in NEEDS_MESSAGE and "id" not in given:
        raise Refused(f"{status} needs a message in Indonesian (--message-id) for the citizen")
    return given or None


def changes_after(
    centre: Centre, kiosk_id: uuid.UUID, after: int, limit: int = DEFAULT_PAGE
) -> Page:
    """This kiosk's changes above `after`, oldest first, one page."""
    limit = max(1, min(limit, MAX_PAGE))
    query = (
        select(
            StatusChange.seq,
            StatusChange.application_id,
            Application.tracking_code,
            StatusChange.status,
            StatusChange.message,
            StatusChange.at,
        )
        .join(Application, Application.id == StatusChange.application_id)
        .where(StatusChange.kiosk_id == kiosk_id, StatusChange.seq > after)
        .order_by(StatusChange.seq)
        .limit(limit + 1)
    )
    with reading(centre.engine) as connection:  # one statement: a consistent page
        rows = connection.execute(query).all()
    changes = [
        Change(seq, application_id, code, Status(status), message, at)
        for seq, application_id, code, status, message, at in rows[:limit]
    ]
    cursor = changes[-1].seq if changes else after
    return Page(changes, cursor, len(rows) > limit)
