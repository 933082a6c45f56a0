"""Sync as the screens see it: the summary on the start screen (read off the GUI thread)."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from kiosk.sync.models import STATE_ROW, SyncState
from kiosk.sync.outbox import count_pending
from kiosk.sync.types import SyncSummary


class SyncDesk:
    """Implements ui.contracts.SyncPort."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def summary(self) -> SyncSummary:
        with self._sessions() as session:
            state = session.get(SyncState, STATE_ROW)
            pending = count_pending(session)
        if state is None:
            return SyncSummary(False, pending, None, None)
        return SyncSummary(True, pending, state.last_success_at, state.last_problem)
