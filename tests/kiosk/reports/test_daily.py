"""The day's report against the database and against a day whose times are known."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.applications.models import Application, OutboxItem
from kiosk.queue.models import Line, Ticket, TicketEvent
from kiosk.queue.types import TicketState
from kiosk.reports.daily import daily_report
from kiosk.reports.types import DailyReport, Durations, LineDay
from tests.kiosk.reports.scene import DAY, ZONE_NAME, Scene, at

S = TicketState
MINUTE = 60.0


def minutes(*values: float) -> tuple[float, ...]:
    return tuple(value * MINUTE for value in values)


def median_p90(durations: Durations) -> tuple[float | None, float | None]:
    return durations.median, durations.p90


@pytest.fixture
def report(day: tuple[Scene, dict[str, str]], sessions: sessionmaker[Session]) -> DailyReport:
    return daily_report(sessions, DAY, ZONE_NAME)


def counts(line: LineDay) -> tuple[int, ...]:
    ended = (line.served, line.no_show, line.cancelled, line.transferred)
    return (line.issued, *ended, line.voided, line.open)


def states_in_database(sessions: sessionmaker[Session]) -> dict[str, Counter[TicketState]]:
    """DAY's tickets per line and state, counted by SQL."""
    query = (
        select(Line.code, Ticket.state, func.count())
        .join(Line, Line.id == Ticket.service_id)
        .where(Ticket.business_date == DAY)
        .group_by(Line.code, Ticket.state)
    )
    found: dict[str, Counter[TicketState]] = {}
    with sessions() as session:
        for code, state, count in session.execute(query):
            found.setdefault(code, Counter())[state] = count
    return found


def test_tickets_per_line_agree_with_the_database_and_the_day_played(
    report: DailyReport, sessions: sessionmaker[Session]
) -> None:
    stored = states_in_database(sessions)
    for line in report.lines:
        states = stored.get(line.code, Counter())
        assert line.served == states[S.DONE]
        assert line.no_show == states[S.NO_SHOW]
        assert line.cancelled == states[S.CANCELLED]
        assert line.transferred == states[S.TRANSFERRED]
        assert line.voided == states[S.VOIDED]
        assert line.open == sum(states[s] for s in (S.ISSUED, S.CALLED, S.SERVING, S.HELD))
        assert line.issued == sum(states.values()) - states[S.VOIDED] - states[S.PRINTING]
    table = {line.code: counts(line) for line in report.lines}
    assert table == {
        "A": (5, 2, 1, 1, 0, 0, 1),  # A-001 no-show, A-004 cancelled, A-005 waits
        "B": (3, 2, 0, 0, 1, 1, 0),  # B-001 transferred to C, B-003 voided
        "C": (2, 1, 0, 0, 0, 0, 1),  # C-001 from the transfer, C-002 issued at 23:59
    }
    assert (report.issued, report.served, report.no_shows) == (10, 5, 1)
    assert report.lines[0].name("id") == "Administrasi Kependudukan"


def test_the_neighbouring_days_tickets_are_left_out(
    report: DailyReport, sessions: sessionmaker[Session]
) -> None:
    with sessions() as session:
        all_days = session.scalar(select(func.count()).select_from(Ticket))
    assert all_days == 13  # DAY's 11 numbers (B-003 voided), one the day before, one after
    assert report.hours[0].issued == 1  # B-001 at 00:01; not the next day's 00:00:30
    assert report.hours[23].issued == 1  # C-002 at 23:59; not the eve's 23:58


def test_waits_and_service_times_are_the_medians_of_the_played_durations(
    report: DailyReport,
) -> None:
    lines = {line.code: line for line in report.lines}
    # waits (minutes): A 25, 45, 40; B 539, 55, 59; C 40
    assert median_p90(lines["A"].wait) == minutes(40, 44)  # p90: 40 + 0.8 * (45 - 40)
    assert median_p90(lines["B"].wait) == minutes(59, 443)  # 59 + 0.8 * (539 - 59)
    assert median_p90(lines["C"].wait) == minutes(40, 40)
    assert median_p90(report.wait) == minutes(45, 251)  # 59 + 0.4 * (539 - 59)
    assert report.wait.count == 7
    # served (minutes): A 10, 8; B 29 (its first start to the finish), 12; C 20
    assert median_p90(lines["A"].service) == pytest.approx(minutes(9, 9.8))
    assert median_p90(lines["B"].service) == pytest.approx(minutes(20.5, 27.3))
    assert median_p90(lines["C"].service) == minutes(20, 20)
    assert median_p90(report.service) == pytest.approx(minutes(12, 25.4))
    assert report.service.count == 5


def test_waits_agree_with_the_times_stored(
    report: DailyReport, sessions: sessionmaker[Session]
) -> None:
    with sessions() as session:
        rows = session.execute(
            select(Ticket.issued_at, Ticket.called_at).where(
                Ticket.business_date == DAY, Ticket.called_at.is_not(None)
            )
        ).all()
    waits = sorted((called - issued).total_seconds() for issued, called in rows)
    assert report.wait.count == len(waits)
    assert report.wait.median == waits[len(waits) // 2]  # seven waits: the fourth


def first_calls_in_database(sessions: sessionmaker[Session], action: str) -> Counter[str]:
    query = (
        select(TicketEvent.counter, func.count())
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .where(Ticket.business_date == DAY, TicketEvent.action == action)
        .group_by(TicketEvent.counter)
    )
    with sessions() as session:
        return Counter({counter: count for counter, count in session.execute(query)})


def test_lokets_calls_recalls_and_services(
    report: DailyReport, sessions: sessionmaker[Session]
) -> None:
    calls = first_calls_in_database(sessions, "call")
    recalls = first_calls_in_database(sessions, "recall")
    lokets = {loket.loket: loket for loket in report.lokets}
    assert set(lokets) == {"1", "2"}
    for name, loket in lokets.items():
        assert (loket.calls, loket.recalls) == (calls[name], recalls[name])
    assert [(k.loket, k.calls, k.recalls, k.served) for k in report.lokets] == [
        ("1", 4, 1, 3),  # A-002, A-001 (recalled, no-show), A-003, B-002 sent over by 2
        ("2", 4, 0, 2),  # B-001 (transferred), B-002 (sent to 1), B-004, C-001 (a resume)
    ]
    assert lokets["1"].service.median == 10 * MINUTE  # 10, 8, 29
    assert lokets["2"].service.median == 16 * MINUTE  # 12, 20


def test_tickets_and_calls_per_hour_of_the_office_clock(report: DailyReport) -> None:
    assert [hour.hour for hour in report.hours] == list(range(24))
    issued = {hour.hour: hour.issued for hour in report.hours if hour.issued}
    calls = {hour.hour: hour.calls for hour in report.hours if hour.calls}
    assert issued == {0: 1, 8: 5, 9: 1, 10: 2, 23: 1}  # B-003 voided at 08:20: not issued
    assert calls == {8: 3, 9: 5}
    assert sum(issued.values()) == report.issued
    assert sum(calls.values()) == sum(loket.calls for loket in report.lokets)


def test_applications_by_service_and_by_sync_state(
    day: tuple[Scene, dict[str, str]], report: DailyReport, sessions: sessionmaker[Session]
) -> None:
    _scene, ids = day
    start, end = at(0, 0), at(0, 0, day=DAY + timedelta(days=1))
    with sessions() as session:
        by_service = {
            service: count
            for service, count in session.execute(
                select(Application.service_id, func.count())
                .where(Application.created_at >= start, Application.created_at < end)
                .group_by(Application.service_id)
            )
        }
        outcomes = {
            outcome: count
            for outcome, count in session.execute(
                select(OutboxItem.outcome, func.count())
                .where(OutboxItem.submission_id.in_(ids.values()))
                .group_by(OutboxItem.outcome)
            )
        }
        all_days = session.scalar(select(func.count()).select_from(Application))
    assert all_days == 8  # DAY's six, one the evening before, one just after midnight
    assert [(s.service_id, s.count) for s in report.applications] == [
        ("layanan-uji", 4),
        ("surat-lain", 2),
    ]
    assert {s.service_id: s.count for s in report.applications} == by_service
    assert report.applications[0].title("id") == "Layanan Uji"
    assert report.applications[1].title("en") == "Uji surat-lain"  # no English: Indonesian
    sync = report.sync
    assert (sync.waiting, sync.accepted, sync.duplicate) == (1, 1, 1)
    assert (sync.conflict, sync.rejected, sync.set_aside) == (1, 1, 1)
    assert outcomes == {
        None: sync.waiting,
        "accepted": sync.accepted,
        "duplicate": sync.duplicate,
        "conflict": sync.conflict,
        "rejected": sync.rejected,
        "unreadable": sync.set_aside,
    }
    assert sync.total == report.application_count == 6


def test_an_empty_day_lists_every_line_with_nothing_measured(
    sessions: sessionmaker[Session],
) -> None:
    report = daily_report(sessions, DAY, ZONE_NAME)
    assert [line.code for line in report.lines] == ["A", "B", "C"]
    assert report.issued == report.served == report.no_shows == 0
    assert report.wait == report.service == Durations(0, None, None)
    assert report.lokets == () and report.applications == ()
    assert [(hour.issued, hour.calls) for hour in report.hours] == [(0, 0)] * 24
    assert report.sync.total == 0
