"""The background-call API (`ui.tasks`): both policies, one lane's order, lanes side by
side, late answers dropped, errors delivered, and no answer for a deleted owner; then
the queue's calls through it, as the ticket flow makes them."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QObject, Signal

from tests.ui.fakes import FakeQueue, FakeServices
from ui.base.stack import ScreenStack
from ui.contracts import UiOptions
from ui.tasks import Policy, Tasks, shared_pool
from ui.ticket.flow import TicketFlow

MS = 5_000


class Answers(QObject):
    """Records what a lane hands back, and says so with a signal the test can wait on."""

    arrived = Signal(str, object)  # "success", "error" or "done"; the answer

    def __init__(self) -> None:
        super().__init__()
        self.got: list[tuple[str, Any]] = []
        self.on_gui_thread: list[bool] = []

    def wait_on(self, tasks: Tasks, call: Callable[[], object]) -> None:
        """`call` added as the latest, every outcome recorded (its end too)."""
        tasks.add(call, self.success, self.error, policy=Policy.LATEST_ONLY, on_done=self.done)

    def success(self, result: object) -> None:
        self._record("success", result)

    def error(self, error: Exception) -> None:
        self._record("error", error)

    def done(self) -> None:
        self._record("done", None)

    def _record(self, what: str, answer: object) -> None:
        self.on_gui_thread.append(threading.current_thread() is threading.main_thread())
        self.got.append((what, answer))
        self.arrived.emit(what, answer)


@pytest.fixture
def answers(qapp) -> Answers:
    return Answers()


@pytest.fixture
def tasks(qapp) -> Iterator[Tasks]:
    owner = QObject()
    tasks = Tasks(owner)
    yield tasks
    assert tasks.wait_for_done(MS), "a call was still running"
    owner.deleteLater()


def held(gate: threading.Event, answer: object) -> Any:
    """A call that blocks until the test opens `gate` (a printer slow to answer)."""

    def call() -> object:
        assert gate.wait(timeout=MS / 1000), "the test never opened the gate"
        return answer

    return call


def test_an_answer_arrives_on_the_gui_thread(qtbot, tasks, answers):
    with qtbot.waitSignal(answers.arrived, timeout=MS):
        assert tasks.add(lambda: 42, answers.success, answers.error, policy=Policy.LATEST_ONLY)
    assert answers.got == [("success", 42)]
    assert answers.on_gui_thread == [True]
    assert not tasks.running()


def test_an_error_is_delivered_to_on_error_then_on_done(qtbot, tasks, answers):
    def fails() -> None:
        raise OSError("database locked")

    with qtbot.waitSignal(answers.arrived, check_params_cb=lambda what, _: what == "done"):
        tasks.add(
            fails, answers.success, answers.error, policy=Policy.LATEST_ONLY, on_done=answers.done
        )
    assert [what for what, _ in answers.got] == ["error", "done"]
    assert isinstance(answers.got[0][1], OSError)


def test_refuse_while_busy_refuses_a_second_call_of_the_kind_until_the_first_ends(
    qtbot, tasks, answers
):
    gate = threading.Event()
    assert tasks.add(
        held(gate, "first"), answers.success, policy=Policy.REFUSE_WHILE_BUSY, kind="ticket"
    )
    assert tasks.running("ticket")
    assert not tasks.add(
        lambda: "second", answers.success, policy=Policy.REFUSE_WHILE_BUSY, kind="ticket"
    )
    with qtbot.waitSignal(answers.arrived, timeout=MS):
        gate.set()
    assert tasks.wait_for_done(MS)
    with qtbot.assertNotEmitted(answers.arrived, wait=200):
        pass
    assert answers.got == [("success", "first")]
    with qtbot.waitSignal(answers.arrived, timeout=MS):  # accepted once the first answered
        assert tasks.add(
            lambda: "third", answers.success, policy=Policy.REFUSE_WHILE_BUSY, kind="ticket"
        )
    assert answers.got[-1] == ("success", "third")


def test_refusing_weighs_only_calls_of_the_same_kind(qtbot, tasks, answers):
    gate = threading.Event()
    try:
        assert tasks.add(
            held(gate, "ticket"), answers.success, policy=Policy.REFUSE_WHILE_BUSY, kind="ticket"
        )
        assert tasks.add(
            lambda: "lines", answers.success, policy=Policy.REFUSE_WHILE_BUSY, kind="lines"
        )
    finally:
        gate.set()
    qtbot.waitUntil(lambda: len(answers.got) == 2, timeout=MS)
    assert answers.got == [("success", "ticket"), ("success", "lines")]  # in order


def test_latest_only_drops_the_late_answer_of_a_superseded_call(qtbot, tasks, answers):
    gate = threading.Event()
    answers.wait_on(tasks, held(gate, "old"))
    tasks.add(lambda: "new", answers.success, answers.error, policy=Policy.LATEST_ONLY)
    assert tasks.awaiting()
    with qtbot.waitSignal(answers.arrived, check_params_cb=lambda what, _: what == "success"):
        gate.set()
    assert tasks.wait_for_done(MS)
    with qtbot.assertNotEmitted(answers.arrived, wait=200):
        pass
    assert answers.got == [("done", None), ("success", "new")]  # the old one ended unheard
    assert not tasks.awaiting()


def test_a_dropped_call_keeps_its_kind_busy_until_it_has_ended(qtbot, tasks, answers):
    """A letter still printing is never forgotten: its answer is not wanted, but no other
    call of its kind starts until it has ended."""
    gate = threading.Event()
    tasks.add(
        held(gate, "letter"), answers.success, policy=Policy.REFUSE_WHILE_BUSY, on_done=answers.done
    )
    tasks.drop()
    assert not tasks.awaiting() and tasks.running()
    assert not tasks.add(lambda: "proof", answers.success, policy=Policy.REFUSE_WHILE_BUSY)
    with qtbot.waitSignal(answers.arrived, timeout=MS):
        gate.set()
    assert answers.got == [("done", None)]
    assert not tasks.running()


def test_one_lane_runs_its_calls_one_at_a_time_in_order(qtbot, tasks, answers):
    running, overlaps = [0], []

    def call(n: int) -> Any:
        def run() -> int:
            running[0] += 1
            overlaps.append(running[0])
            threading.Event().wait(0.01)
            running[0] -= 1
            return n

        return run

    for n in range(5):
        tasks.add(call(n), answers.success, policy=Policy.REFUSE_WHILE_BUSY, kind=str(n))
    qtbot.waitUntil(lambda: len(answers.got) == 5, timeout=MS)
    assert [answer for _, answer in answers.got] == [0, 1, 2, 3, 4]
    assert max(overlaps) == 1


def test_lanes_share_one_pool_and_a_hung_call_holds_up_its_own_lane_only(qtbot, answers):
    """A call that hangs (a printer never answering) holds up its own lane's later
    calls only: another lane's call runs at once, on the same shared pool."""
    owner = QObject()
    tickets, staff = Tasks(owner), Tasks(owner)
    gate, ran = threading.Event(), []
    try:
        tickets.add(
            lambda: gate.wait(timeout=5),
            answers.success,
            policy=Policy.REFUSE_WHILE_BUSY,
            kind="ticket",
        )
        tickets.add(
            lambda: ran.append("lines"),
            answers.success,
            policy=Policy.REFUSE_WHILE_BUSY,
            kind="lines",
        )
        with qtbot.waitSignal(answers.arrived, timeout=MS) as answered:
            staff.add(
                lambda: ran.append("identify") or "badge",
                answers.success,
                policy=Policy.LATEST_ONLY,
            )
        assert answered.args == ["success", "badge"]
        assert ran == ["identify"]  # "lines" waits for the ticket call before it
        assert not tickets.wait_for_done(100)
        gate.set()
        assert tickets.wait_for_done(MS)
        assert ran == ["identify", "lines"]
        assert shared_pool().maxThreadCount() >= 2
    finally:
        gate.set()
        assert tickets.wait_for_done(MS) and staff.wait_for_done(MS)
        owner.deleteLater()


def test_a_deleted_owner_never_receives_an_answer(qtbot, answers):
    owner = QObject()
    tasks = Tasks(owner)
    gate = threading.Event()
    answers.wait_on(tasks, held(gate, "late"))
    shiboken6.delete(owner)  # the screen is gone while its call still runs
    gate.set()
    assert shared_pool().waitForDone(MS)
    with qtbot.assertNotEmitted(answers.arrived, wait=200):
        pass
    assert answers.got == []


# -- the queue's calls, as the ticket flow makes them --------------------------


@pytest.fixture
def flow(qapp, fake_queue: FakeQueue) -> Iterator[TicketFlow]:
    fake_queue.hold_services()  # the start-up list waits: the test decides when it comes
    flow = TicketFlow(fake_queue, UiOptions("Kantor", fullscreen=False), ScreenStack(), None)
    yield flow
    fake_queue.release()
    assert flow.wait_for_done(MS), "a queue call was still running"
    flow.deleteLater()


def test_the_start_up_line_list_comes_off_the_gui_thread(qtbot, flow, fake_queue):
    assert flow.refreshing and flow.line_screen.lines == []  # asked for, not fetched here
    with qtbot.waitSignal(flow.lines_loaded, timeout=MS):
        fake_queue.release()
    assert [line.code for line in flow.line_screen.lines] == ["A", "B"]


def test_refreshes_asked_while_one_waits_are_merged(qtbot, flow, fake_queue):
    flow.refresh_lines()  # the start-up one is still waiting: these join it
    flow.refresh_lines()
    assert flow.refreshing
    with qtbot.waitSignal(flow.lines_loaded, timeout=MS) as loaded:
        fake_queue.release()
    assert [line.code for line in loaded.args[0]] == ["A", "B"]
    assert not flow.refreshing
    with qtbot.assertNotEmitted(flow.lines_loaded, wait=200):
        pass


def test_a_failed_refresh_is_reported(qtbot, flow, fake_queue):
    with qtbot.waitSignal(flow.lines_loaded, timeout=MS):
        fake_queue.release()
    fake_queue.services_fail_with = OSError("database locked")
    with qtbot.waitSignal(flow.lines_failed, timeout=MS) as failed:
        flow.refresh_lines()
    assert isinstance(failed.args[0], OSError)
    assert not flow.refreshing


def test_the_guided_service_list_asked_twice_while_loading_is_loaded_once(
    qtbot, fake_services: FakeServices
):
    # "Layanan" tapped while the flow's own first load is still on its way.
    owner = QObject()
    tasks = Tasks(owner)
    loaded: list[object] = []

    def load() -> bool:
        return tasks.add(
            fake_services.catalogue,
            loaded.append,
            policy=Policy.REFUSE_WHILE_BUSY,
            kind="catalogue",
        )

    try:
        assert load() and not load()
        qtbot.waitUntil(lambda: len(loaded) == 1, timeout=MS)
        assert len(fake_services.worker_threads) == 1
        assert load()  # once it came back, a new ask loads again
        qtbot.waitUntil(lambda: len(loaded) == 2, timeout=MS)
        assert len(fake_services.worker_threads) == 2
    finally:
        assert tasks.wait_for_done(MS)
        owner.deleteLater()
