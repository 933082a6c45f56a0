"""The loket's actions against a real SQLite queue: each tap lands in the database with
the loket and the clerk's staff number, buttons apply only when they make sense, and a
double tap never calls two tickets."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.queue.desk import QueueDesk
from kiosk.queue.types import Priority, TicketState
from tests.helpers.stubs import FakeClock
from tests.ui.counter.steps import SIGNAL_MS, open_loket, press, ticket, trail
from tests.ui.fakes import NUMBER
from tests.ui.helpers import tap, text
from ui.window import KioskWindow

S = TicketState
ALL = ("call", "recall", "start", "finish", "hold", "no_show", "transfer", "resume")


def enabled(window: KioskWindow) -> set[str]:
    screen = window.page("counter")
    return {name for name in ALL if screen.findChild(object, f"counter_{name}").isEnabled()}


def test_call_next_shows_the_ticket_and_records_the_loket_and_the_clerk(
    qtbot, counter_window: KioskWindow, kiosk_desk: QueueDesk, clock: FakeClock, sessions
) -> None:
    kiosk_desk.issue_ticket("B", Priority.ELDERLY)
    clock.advance(minutes=12)
    open_loket(qtbot, counter_window, 2, "AB")

    called = press(qtbot, counter_window, "call")

    assert getattr(called, "code", None) == "B-001"
    assert text(counter_window, "counter_code") == "B-001"
    details = text(counter_window, "counter_details")
    assert "Certificates and Letters" in details and "ELDERLY" in details
    assert "Waited 12 minutes" in text(counter_window, "counter_progress")
    assert ticket(sessions, "B-001").state is S.CALLED
    assert trail(sessions, "B-001") == [("called", "call", "2", NUMBER)]


def test_each_step_lands_in_the_database_with_who_and_where(
    qtbot, counter_window: KioskWindow, kiosk_desk: QueueDesk, sessions
) -> None:
    for _ in range(3):
        kiosk_desk.issue_ticket("A")
    open_loket(qtbot, counter_window, 5, "A")

    press(qtbot, counter_window, "call")  # called again, comes, is served
    for action in ("recall", "start", "finish"):
        press(qtbot, counter_window, action)
    press(qtbot, counter_window, "call")  # never comes
    press(qtbot, counter_window, "no_show")
    press(qtbot, counter_window, "call")  # set aside, then resumed
    press(qtbot, counter_window, "hold")

    assert trail(sessions, "A-001") == [
        ("called", "call", "5", NUMBER),
        ("called", "recall", "5", NUMBER),
        ("serving", None, "5", NUMBER),
        ("done", None, "5", NUMBER),
    ]
    assert trail(sessions, "A-002")[-1] == ("no_show", None, "5", NUMBER)
    assert ticket(sessions, "A-003").state is S.HELD
    assert "A-003 is set aside" in text(counter_window, "counter_message")
    assert text(counter_window, "counter_code") == ""  # the desk is free again


def test_buttons_apply_only_when_they_make_sense(
    qtbot, counter_window: KioskWindow, kiosk_desk: QueueDesk
) -> None:
    kiosk_desk.issue_ticket("B")
    open_loket(qtbot, counter_window, 1, "B")
    assert enabled(counter_window) == {"call"}  # nothing at the desk, nothing set aside

    press(qtbot, counter_window, "call")
    assert enabled(counter_window) == {"recall", "start", "hold", "no_show", "transfer"}
    press(qtbot, counter_window, "start")
    assert enabled(counter_window) == {"finish", "hold", "transfer"}
    press(qtbot, counter_window, "hold")
    flow = counter_window.staff.counter  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: "resume" in enabled(counter_window), timeout=SIGNAL_MS)
    assert enabled(counter_window) == {"call", "resume"}
    assert flow is not None


def test_nobody_waiting_is_said_and_nothing_is_called(
    qtbot, counter_window: KioskWindow, sessions
) -> None:
    open_loket(qtbot, counter_window, 1, "C")

    assert press(qtbot, counter_window, "call") is None

    assert "Nobody is waiting" in text(counter_window, "counter_message")
    assert enabled(counter_window) == {"call"}


def test_the_f_keys_work_the_loket(
    qtbot, counter_window: KioskWindow, kiosk_desk: QueueDesk, sessions
) -> None:
    kiosk_desk.issue_ticket("A")
    kiosk_desk.issue_ticket("A")
    flow = open_loket(qtbot, counter_window, 3, "A")
    counter_window.activateWindow()
    qtbot.waitUntil(lambda: counter_window.isActiveWindow(), timeout=SIGNAL_MS)
    screen = counter_window.page("counter")

    for key in (Qt.Key.Key_F1, Qt.Key.Key_F3, Qt.Key.Key_F4):
        with qtbot.waitSignal(flow.done, timeout=SIGNAL_MS):
            qtbot.keyClick(screen, key)

    assert [row[0] for row in trail(sessions, "A-001")] == ["called", "serving", "done"]
    tap(qtbot, counter_window, "counter_documents")
    qtbot.keyClick(counter_window.page("documents"), Qt.Key.Key_F1)  # not the loket's now
    qtbot.wait(200)
    assert not flow.busy and trail(sessions, "A-002") == []


def test_a_double_tap_calls_one_ticket(
    qtbot, counter_window: KioskWindow, kiosk_desk: QueueDesk, sessions
) -> None:
    kiosk_desk.issue_ticket("B")
    kiosk_desk.issue_ticket("B")
    flow = open_loket(qtbot, counter_window, 4, "B")

    with qtbot.waitSignal(flow.done, timeout=SIGNAL_MS):
        tap(qtbot, counter_window, "counter_call")
        flow.act("call")  # a second tap or F1 before the first answer
        flow.act("call")
    qtbot.wait(200)  # a second call, had one started, would have answered by now

    assert ticket(sessions, "B-001").state is S.CALLED
    assert ticket(sessions, "B-002").state is S.ISSUED


def test_a_ticket_still_at_the_loket_is_said_in_plain_words(
    qtbot, counter_window: KioskWindow, kiosk_desk: QueueDesk, parts, sessions
) -> None:
    kiosk_desk.issue_ticket("B")
    kiosk_desk.issue_ticket("B")
    flow = open_loket(qtbot, counter_window, 2, "B")
    parts.desk.call_next("2", ["B"], "S-99")  # the same loket on another PC

    with qtbot.waitSignal(flow.failed, timeout=SIGNAL_MS):
        flow.act("call")

    message = text(counter_window, "counter_message")
    assert message.startswith("Ticket B-001 is still at this loket.")
    assert ticket(sessions, "B-002").state is S.ISSUED
    qtbot.waitUntil(lambda: text(counter_window, "counter_code") == "B-001", timeout=SIGNAL_MS)


def test_a_ticket_changed_at_another_pc_is_said_and_shown_as_it_is(
    qtbot, counter_window: KioskWindow, kiosk_desk: QueueDesk, parts, sessions
) -> None:
    kiosk_desk.issue_ticket("A")
    flow = open_loket(qtbot, counter_window, 2, "A")
    called = press(qtbot, counter_window, "call")
    parts.desk.no_show(called.ticket_id, "2", "S-99")  # type: ignore[attr-defined]

    with qtbot.waitSignal(flow.failed, timeout=SIGNAL_MS):
        flow.act("start")  # the screen may not know yet

    assert "changed meanwhile" in text(counter_window, "counter_message")
    qtbot.waitUntil(lambda: flow.screen.ticket is None, timeout=SIGNAL_MS)
    assert ticket(sessions, "A-001").state is S.NO_SHOW
    assert enabled(counter_window) == {"call"}
