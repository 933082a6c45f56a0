"""Status changes from the centre: applied once, with the cursor, unknown ids skipped."""

from __future__ import annotations

from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.applications.models import Application, ApplicationEvent
from kiosk.applications.store import ApplicationStore
from kiosk.applications.types import ApplicationStatus
from kiosk.sync.state import load_state
from kiosk.sync.statuses import apply_page
from kiosk.sync.wire import StatusChange, StatusPage
from tests.kiosk.sync.conftest import enrolled, store_applications

AT = datetime(2026, 12, 6, 2, 0, tzinfo=UTC)
MESSAGE = {"id": "Bawa KK asli.", "en": "Bring the original family card."}


def apply(sessions: sessionmaker[Session], page: StatusPage) -> int:
    with sessions() as session:
        applied = apply_page(session, load_state(session), page)
        session.commit()
    return applied


def code_of(sessions: sessionmaker[Session], application_id: str) -> str:
    with sessions() as session:
        return session.get_one(Application, application_id).tracking_code


def test_a_page_moves_the_applications_and_the_cursor_once(
    sessions: sessionmaker[Session], store: ApplicationStore, centre_key: X25519PrivateKey
) -> None:
    enrolled(sessions, centre_key)
    first, second = store_applications(store, 2)
    page = StatusPage(
        (
            StatusChange(7, first, code_of(sessions, first), "needs_citizen", MESSAGE, AT),
            StatusChange(9, second, code_of(sessions, second), "ready", None, AT),
        ),
        cursor=9,
        more=False,
    )
    assert apply(sessions, page) == 2
    assert apply(sessions, page) == 2  # fetched twice: same state, no new events
    with sessions() as session:
        rows = {row.id: row for row in session.scalars(select(Application))}
        events = session.scalar(select(func.count()).select_from(ApplicationEvent))
        assert load_state(session).status_cursor == 9
    assert rows[first].status == ApplicationStatus.NEEDS_CITIZEN
    assert rows[first].status_message == MESSAGE and rows[first].updated_at == AT
    assert rows[second].status == ApplicationStatus.READY and rows[second].status_message is None
    assert events == 2 + 2


def test_a_change_for_an_unknown_or_mislabelled_application_is_skipped(
    sessions: sessionmaker[Session], store: ApplicationStore, centre_key: X25519PrivateKey
) -> None:
    enrolled(sessions, centre_key)
    (known,) = store_applications(store, 1)
    page = StatusPage(
        (
            StatusChange(3, "00000000-0000-4000-8000-000000000000", "AAAA-BBBB", "ready", None, AT),
            StatusChange(4, known, "ZZZZ-ZZZZ", "rejected", None, AT),  # not its code
        ),
        cursor=4,
        more=False,
    )
    assert apply(sessions, page) == 0
    with sessions() as session:
        assert session.get_one(Application, known).status == ApplicationStatus.RECEIVED
        assert load_state(session).status_cursor == 4


def test_the_cursor_never_goes_back(
    sessions: sessionmaker[Session], centre_key: X25519PrivateKey
) -> None:
    enrolled(sessions, centre_key)
    apply(sessions, StatusPage((), cursor=12, more=False))
    apply(sessions, StatusPage((), cursor=5, more=False))
    with sessions() as session:
        assert load_state(session).status_cursor == 12
