"""The day's report of one office: read once from the database, returned as plain values."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from kiosk.office_time import office_zone
from kiosk.reports.applications_day import applications_by_service, sync_counts
from kiosk.reports.queue_day import queue_day
from kiosk.reports.types import DailyReport
from kiosk.reports.window import day_window


def daily_report(session_factory: sessionmaker[Session], day: date, timezone: str) -> DailyReport:
    """The numbers of the office-local business day `day` (`timezone`: the office's zone).

    Read in one transaction; on PostgreSQL a repeatable-read one, so the counts agree
    with each other while lokets keep calling.
    """
    zone = office_zone(timezone)
    window = day_window(day, zone)
    with session_factory() as session:
        _one_snapshot(session)
        queue = queue_day(session, day, window, zone)
        applications = applications_by_service(session, window)
        sync = sync_counts(session, window)
    return DailyReport(
        day=day,
        timezone=timezone,
        lines=queue.lines,
        lokets=queue.lokets,
        hours=queue.hours,
        wait=queue.wait,
        service=queue.service,
        applications=applications,
        sync=sync,
    )


def _one_snapshot(session: Session) -> None:
    """SQLite's read transaction is one snapshot already (WAL); PostgreSQL's default
    gives each statement its own."""
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
