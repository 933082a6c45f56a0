"""Reading and writing the kiosk's one sync_state row; the credential goes to the key store."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from kiosk.db.engine import begin_write
from kiosk.security.ports import SecretStore
from kiosk.sync.errors import KioskRevoked, NotEnrolled, SyncError
from kiosk.sync.models import STATE_ROW, SyncState
from kiosk.sync.wire import Enrolment

TOKEN_SECRET = "central-token"  # the name of the kiosk's credential in the key store


def load_state(session: Session) -> SyncState:
    """This kiosk's enrolment; NotEnrolled if it has none."""
    state = session.get(SyncState, STATE_ROW)
    if state is None:
        raise NotEnrolled("this kiosk is not enrolled with a centre yet")
    return state


def find_state(sessions: sessionmaker[Session]) -> SyncState | None:
    with sessions() as session:
        return session.get(SyncState, STATE_ROW)


def load_token(secrets: SecretStore) -> str:
    token = secrets.get_secret(TOKEN_SECRET)
    if not token:
        raise NotEnrolled("the key store holds no credential for the centre: enrol again")
    return token


def save_enrolment(
    sessions: sessionmaker[Session],
    secrets: SecretStore,
    url: str,
    enrolment: Enrolment,
    now: datetime,
) -> None:
    """The credential into the key store first, then the row: a kiosk killed in
    between has a credential and no row, and simply enrols again."""
    secrets.set_secret(TOKEN_SECRET, enrolment.token)
    with sessions() as session:
        begin_write(session)
        state = session.get(SyncState, STATE_ROW)
        if state is None:
            state = SyncState(id=STATE_ROW, status_cursor=0)
            session.add(state)
        if state.kiosk_id != enrolment.kiosk_id:
            state.status_cursor = 0  # a new identity: its status history starts afresh
            state.catalogue_version = None
        state.central_url = url
        state.kiosk_id = enrolment.kiosk_id
        state.sealing_key = enrolment.sealing_key
        state.signing_key = enrolment.signing_key
        state.enrolled_at = now
        state.revoked_at = None
        state.last_problem = None
        session.commit()


def record_outcome(
    sessions: sessionmaker[Session], now: datetime, problem: SyncError | None
) -> None:
    """How the round went, for `kiosk sync status` and the start screen."""
    with sessions() as session:
        begin_write(session)
        state = session.get(SyncState, STATE_ROW)
        if state is None:
            return
        state.last_attempt_at = now
        if problem is None:
            state.last_success_at = now
            state.last_problem = None
        else:
            state.last_problem = problem.problem
            if isinstance(problem, KioskRevoked) and state.revoked_at is None:
                state.revoked_at = now
        session.commit()
