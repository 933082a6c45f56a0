"""A stuck kiosk does not freeze the others; a ticket printed but not saved is reported."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from kiosk.db.engine import create_engine_for, session_factory
from kiosk.queue.desk import QueueDesk
from kiosk.queue.errors import QueueBusy, TicketNotRecorded
from kiosk.queue.messages import describe_error
from tests.helpers.stubs import FakeClock, RecordingPrinter
from tests.kiosk.conftest import OFFICE_NAME


def queue_with_short_lock_wait(url: str, printer: RecordingPrinter) -> QueueDesk:
    engine = create_engine_for(url, lock_timeout_ms=200)
    return QueueDesk(session_factory(engine), printer, FakeClock(), OFFICE_NAME, "Asia/Jakarta")


def test_a_kiosk_holding_the_lock_makes_the_other_wait_then_give_up(
    db_url: str, printer: RecordingPrinter
) -> None:
    stuck = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
    stuck.execute("BEGIN IMMEDIATE")  # another kiosk mid-print, frozen
    try:
        with pytest.raises(QueueBusy):
            queue_with_short_lock_wait(db_url, printer).issue_ticket("A")
    finally:
        stuck.execute("ROLLBACK")
        stuck.close()
    assert printer.codes == []
    assert queue_with_short_lock_wait(db_url, printer).issue_ticket("A").code == "A-001"
    assert "coba lagi" in describe_error(QueueBusy("busy"), "id")


def test_a_failed_commit_after_printing_tells_staff(
    queue: QueueDesk, printer: RecordingPrinter
) -> None:
    def disk_full(session: Session) -> None:
        if printer.codes:  # the final commit, after the ticket went to the printer
            raise OperationalError("COMMIT", {}, Exception("database or disk is full"))

    event.listen(Session, "before_commit", disk_full)
    try:
        with pytest.raises(TicketNotRecorded) as caught:
            queue.issue_ticket("B")
    finally:
        event.remove(Session, "before_commit", disk_full)
    assert printer.codes == ["B-001"]  # it is on paper...
    message = describe_error(caught.value, "id")
    assert "B-001" in message and "petugas" in message  # ...so staff must see it


def test_the_lock_wait_is_configurable(db_url: str) -> None:
    engine = create_engine_for(db_url, lock_timeout_ms=1234)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 1234
