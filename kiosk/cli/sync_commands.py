"""`kiosk enrol`, `kiosk sync status` and `kiosk sync now`: a technician's view of sync."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk import __version__
from kiosk.applications.models import OutboxItem
from kiosk.cli.office_keys import open_office_keys
from kiosk.cli.secrets import key_store
from kiosk.cli.settings_loader import settings_for
from kiosk.cli.wiring import USER_AGENT, open_database
from kiosk.clock import SystemClock
from kiosk.config import Settings
from kiosk.i18n import translations
from kiosk.security.sealing import Sealer
from kiosk.sync.client import CentralClient
from kiosk.sync.engine import RoundReport, SyncEngine
from kiosk.sync.errors import SyncError
from kiosk.sync.state import find_state, save_enrolment
from kiosk.sync.texts import describe_problem


def enrol(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    _ = translations(settings.ui.language).gettext
    database = open_database(settings)
    try:
        client = CentralClient(
            args.url,
            None,
            timeouts=(settings.sync.connect_timeout, settings.sync.read_timeout),
            ca_bundle=settings.sync.ca_bundle,
            user_agent=USER_AGENT,
        )
    except SyncError as error:  # an address the kiosk may not send citizen data to
        print(describe_problem(error.problem, settings.ui.language), file=sys.stderr)
        return 1
    try:
        enrolment = client.enrol(args.code.strip(), args.name or settings.office.name, __version__)
    except SyncError as error:
        print(describe_problem(error.problem, settings.ui.language), file=sys.stderr)
        return 1
    finally:
        client.close()
    url = args.url.strip().rstrip("/")
    save_enrolment(database.sessions, key_store(settings), url, enrolment, SystemClock().now())
    print(_("This kiosk is enrolled with %(url)s.") % {"url": args.url})
    return 0


def sync_status(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    _ = translations(settings.ui.language).gettext
    sessions = open_database(settings).sessions
    state = find_state(sessions)
    if state is None:
        print(describe_problem("not_enrolled", settings.ui.language))
    else:
        where = {"url": state.central_url, "id": state.kiosk_id}
        print(_("Centre: %(url)s (kiosk %(id)s)") % where)
        last = state.last_success_at.isoformat(timespec="seconds") if state.last_success_at else "-"
        print(_("Last successful sync: %(when)s") % {"when": last})
        if state.last_problem:
            print(describe_problem(state.last_problem, settings.ui.language))
    counts = _outbox_counts(sessions)
    print(_("Waiting to be sent: %(count)d") % {"count": counts.get(None, 0)})
    for outcome in ("rejected", "conflict", "unreadable"):
        if counts.get(outcome):
            found = {"outcome": outcome, "count": counts[outcome]}
            print(_("Needs a technician (%(outcome)s): %(count)d") % found)
    return 0


def sync_now(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    _ = translations(settings.ui.language).gettext
    engine = _engine(settings, lambda report: _print_progress(report, settings))
    try:
        report = engine.run_once()
    except SyncError as error:
        print(describe_problem(error.problem, settings.ui.language), file=sys.stderr)
        return 1
    finally:
        engine.close()
    if report.another_station:
        print(_("Another station of this office is syncing now; it sends for everyone."))
        return 0
    print(
        _(
            "Sent %(sent)d (new %(accepted)d, already there %(duplicate)d); "
            "%(statuses)d status changes."
        )
        % {
            "sent": report.sent,
            "accepted": report.outcomes["accepted"],
            "duplicate": report.outcomes["duplicate"],
            "statuses": report.statuses,
        }
    )
    return 0


def _engine(settings: Settings, progress: Callable[[RoundReport], None]) -> SyncEngine:
    database = open_database(settings)
    keys = open_office_keys(settings, database.sessions)
    return SyncEngine(
        database.sessions,
        Sealer(keys.data),
        key_store(settings),
        settings.sync,
        SystemClock(),
        USER_AGENT,
        progress,
    )


def _print_progress(report: RoundReport, settings: Settings) -> None:
    _ = translations(settings.ui.language).gettext
    print(_("... %(sent)d sent") % {"sent": report.sent}, file=sys.stderr)


def _outbox_counts(sessions: sessionmaker[Session]) -> dict[str | None, int]:
    """Outbox rows per outcome; None: not answered yet."""
    query = select(OutboxItem.outcome, func.count()).group_by(OutboxItem.outcome)
    with sessions() as session:
        return {outcome: count for outcome, count in session.execute(query)}
