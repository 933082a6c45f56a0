"""The day's report on PostgreSQL reads what it reads on SQLite, for the same day played."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from kiosk.db.engine import session_factory
from kiosk.reports.daily import daily_report
from tests.helpers.postgres import NEEDS_POSTGRES
from tests.kiosk.reports.conftest import played
from tests.kiosk.reports.scene import DAY, ZONE_NAME

pytestmark = NEEDS_POSTGRES


def test_the_same_day_gives_the_same_report_on_both_databases(
    pg_engine: Engine, sessions: sessionmaker[Session]
) -> None:
    on_postgres = session_factory(pg_engine)
    played(on_postgres)
    played(sessions)
    report = daily_report(on_postgres, DAY, ZONE_NAME)
    assert (report.issued, report.served, report.no_shows, report.application_count) == (
        10,
        5,
        1,
        6,
    )
    assert report.wait.median == 45 * 60.0 and report.sync.set_aside == 1
    assert report == daily_report(sessions, DAY, ZONE_NAME)
