"""QueueWorker on its own: one ticket call at a time, whatever the screens do."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from ui.background import BackgroundCalls, shared_pool
from ui.guided.worker import ServicesWorker
from ui.ticket.worker import QueueWorker


@pytest.fixture
def worker(qapp, fake_queue) -> Iterator[QueueWorker]:
    worker = QueueWorker(fake_queue)
    yield worker
    fake_queue.release()
    assert worker.wait_for_done(5_000), "a queue call was still running"
    worker.deleteLater()


def test_a_second_ticket_while_the_first_prints_is_refused(qtbot, worker, fake_queue):
    gate = fake_queue.hold()
    assert worker.issue_ticket("A", None, "id") is True
    assert fake_queue.started.wait(timeout=5)  # the first call is inside the queue, blocked
    assert worker.issuing

    assert worker.issue_ticket("B", None, "en") is False

    with qtbot.waitSignal(worker.ticket_issued, timeout=5_000) as issued:
        gate.set()
    assert issued.args[0].code == "A-001"
    assert worker.wait_for_done(5_000)
    with qtbot.assertNotEmitted(worker.ticket_issued, wait=200):
        pass
    assert [call.line_code for call in fake_queue.calls] == ["A"]
    assert not worker.issuing


def test_the_next_ticket_is_accepted_once_the_first_has_answered(qtbot, worker, fake_queue):
    with qtbot.waitSignal(worker.ticket_issued, timeout=5_000):
        assert worker.issue_ticket("A", None, "id")
    with qtbot.waitSignal(worker.ticket_issued, timeout=5_000) as second:
        assert worker.issue_ticket("A", None, "id")
    assert second.args[0].code == "A-002"


def test_refreshes_asked_while_one_waits_are_merged(qtbot, worker, fake_queue):
    gate = fake_queue.hold_services()
    worker.refresh_lines()
    worker.refresh_lines()
    assert worker.refreshing
    with qtbot.waitSignal(worker.lines_loaded, timeout=5_000) as loaded:
        gate.set()
    assert [service.code for service in loaded.args[0]] == ["A", "B"]
    assert not worker.refreshing
    with qtbot.assertNotEmitted(worker.lines_loaded, wait=200):
        pass


def test_a_failed_refresh_is_reported(qtbot, worker, fake_queue):
    fake_queue.services_fail_with = OSError("database locked")
    with qtbot.waitSignal(worker.lines_failed, timeout=5_000) as failed:
        worker.refresh_lines()
    assert isinstance(failed.args[0], OSError)
    assert not worker.refreshing


def test_the_service_list_asked_twice_while_loading_is_loaded_once(qtbot, fake_services):
    # "Layanan" tapped while the flow's own first load is still on its way.
    worker = ServicesWorker(fake_services)
    try:
        with qtbot.waitSignal(worker.catalogue_loaded, timeout=5_000) as loaded:
            worker.load_catalogue()
            worker.load_catalogue()
        assert worker.wait_for_done(5_000)
        assert len(fake_services.worker_threads) == 1
        assert {d.id for d in loaded.args[0]} == set(fake_services.definitions)
        with qtbot.waitSignal(worker.catalogue_loaded, timeout=5_000):
            worker.load_catalogue()  # once it came back, a new ask loads again
        assert len(fake_services.worker_threads) == 2
    finally:
        assert worker.wait_for_done(5_000)
        worker.deleteLater()


def test_workers_share_one_pool_and_each_keeps_its_order(qtbot):
    """A call that hangs (a printer never answering) holds up its own worker's later
    calls only: the next worker's call runs at once, on the same shared pool."""
    tickets, staff = BackgroundCalls(), BackgroundCalls()
    gate, ran = threading.Event(), []
    try:
        tickets.start("ticket", lambda: gate.wait(timeout=5))
        tickets.start("services", lambda: ran.append("services"))
        with qtbot.waitSignal(staff.finished, timeout=5_000) as answered:
            staff.start("identify", lambda: ran.append("identify") or "badge")
        assert answered.args[0] == "identify" and answered.args[2] == "badge"
        assert ran == ["identify"]  # "services" waits for the ticket call before it
        assert not tickets.wait_for_done(100)
        gate.set()
        assert tickets.wait_for_done(5_000)
        assert ran == ["identify", "services"]
        assert shared_pool().maxThreadCount() >= 2
    finally:
        gate.set()
        assert tickets.wait_for_done(5_000) and staff.wait_for_done(5_000)
        tickets.deleteLater()
        staff.deleteLater()
