"""Status changes from the centre, applied one page per transaction with the cursor.

The cursor is stored in the same transaction as the statuses it covers, so a page
fetched twice (an answer lost, a kiosk killed) is applied once. A change for an
application this kiosk does not have is skipped and logged, never an error.
"""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from kiosk.applications.models import Application
from kiosk.sync.models import SyncState
from kiosk.sync.outbox import FROM_CENTRE, move
from kiosk.sync.wire import StatusPage

log = logging.getLogger(__name__)


def apply_page(session: Session, state: SyncState, page: StatusPage) -> int:
    """The page's changes and its cursor, in the caller's transaction; how many applied."""
    applied = 0
    for change in page.changes:
        application = session.get(Application, change.id)
        if application is None or application.tracking_code != change.tracking_code:
            log.warning("status change %d for an application this kiosk does not have", change.seq)
            continue
        move(session, application, FROM_CENTRE[change.status], change.at, change.message)
        applied += 1
    state.status_cursor = max(state.status_cursor, page.cursor)
    return applied
