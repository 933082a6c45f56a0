"""Resume and transfer, each in two taps: the chooser, then the ticket or the target."""

from __future__ import annotations

from kiosk.queue.desk import QueueDesk
from kiosk.queue.types import Priority, TicketState
from tests.ui.counter.steps import SIGNAL_MS, open_loket, press, ticket, trail
from tests.ui.fakes import NUMBER
from tests.ui.helpers import tap, text
from ui.window import KioskWindow

S = TicketState


def choose(qtbot, window: KioskWindow, object_name: str) -> object:
    """A tap on a chooser; its answer, once the counter screen shows it."""
    staff = window.staff
    assert staff is not None and staff.counter is not None
    with qtbot.waitSignal(staff.counter.done, timeout=SIGNAL_MS) as done:
        tap(qtbot, window, object_name)
    assert window.current_screen == "counter"
    return done.args[1]


def transfer_chooser(qtbot, window: KioskWindow, *steps: str) -> None:
    """Loket 2 serving line C: call its ticket, take `steps`, then open the chooser."""
    open_loket(qtbot, window, 2, "C")
    for step in ("call", *steps):
        press(qtbot, window, step)
    tap(qtbot, window, "counter_transfer")
    assert window.current_screen == "counter_transfer"


def test_a_ticket_set_aside_is_resumed_from_the_list(
    qtbot, counter_window: KioskWindow, kiosk_desk: QueueDesk, sessions
) -> None:
    kiosk_desk.issue_ticket("A")
    kiosk_desk.issue_ticket("A")
    flow = open_loket(qtbot, counter_window, 2, "A")
    first = press(qtbot, counter_window, "call")
    press(qtbot, counter_window, "hold")
    press(qtbot, counter_window, "call")
    press(qtbot, counter_window, "no_show")
    qtbot.waitUntil(lambda: flow.screen.action_buttons["resume"].isEnabled(), timeout=SIGNAL_MS)

    tap(qtbot, counter_window, "counter_resume")
    assert counter_window.current_screen == "counter_resume"
    assert [b.text() for b in flow.resume_screen.buttons.values()] == ["A-001"]
    resumed = choose(qtbot, counter_window, f"resume_{first.ticket_id}")  # type: ignore[attr-defined]

    assert getattr(resumed, "state", None) is S.CALLED
    assert text(counter_window, "counter_code") == "A-001"
    assert trail(sessions, "A-001")[-1] == ("called", "resume", "2", NUMBER)


def test_a_ticket_is_sent_to_another_line_with_a_new_number(
    qtbot, counter_window: KioskWindow, kiosk_desk: QueueDesk, sessions
) -> None:
    kiosk_desk.issue_ticket("B", Priority.PREGNANT)
    open_loket(qtbot, counter_window, 2, "B")
    press(qtbot, counter_window, "call")
    tap(qtbot, counter_window, "counter_transfer")
    assert counter_window.current_screen == "counter_transfer"
    assert not counter_window.page("counter_transfer").findChild(object, "to_line_B")  # its own

    moved = choose(qtbot, counter_window, "to_line_A")

    assert getattr(moved, "code", None) == "A-001"
    assert ticket(sessions, "B-001").state is S.TRANSFERRED
    new = ticket(sessions, "A-001")
    assert (new.state, new.priority, new.transferred_from_id) == (
        S.ISSUED,
        Priority.PREGNANT,
        ticket(sessions, "B-001").id,
    )
    assert "now waits as A-001" in text(counter_window, "counter_message")
    assert text(counter_window, "counter_code") == ""


def test_a_ticket_is_sent_to_wait_for_another_loket(
    qtbot, counter_window: KioskWindow, kiosk_desk: QueueDesk, sessions
) -> None:
    kiosk_desk.issue_ticket("C")
    transfer_chooser(qtbot, counter_window, "start")  # a ticket being served moves too
    assert not counter_window.page("counter_transfer").findChild(object, "to_loket_2").isVisible()

    choose(qtbot, counter_window, "to_loket_7")

    moved = ticket(sessions, "C-001")
    assert (moved.state, moved.assigned_counter) == (S.ISSUED, "7")
    assert trail(sessions, "C-001")[-1] == ("issued", "transfer", "2", NUMBER)
    assert "C-001 now waits for loket 7" in text(counter_window, "counter_message")


def test_cancel_leaves_the_ticket_where_it_is(
    qtbot, counter_window: KioskWindow, kiosk_desk: QueueDesk, sessions
) -> None:
    kiosk_desk.issue_ticket("C")
    transfer_chooser(qtbot, counter_window)
    tap(qtbot, counter_window, "transfer_cancel")

    assert counter_window.current_screen == "counter"
    assert ticket(sessions, "C-001").state is S.CALLED
    tap(qtbot, counter_window, "counter_setup")  # not while C-001 is at the desk
    assert counter_window.current_screen == "counter"
    assert "before changing the loket" in text(counter_window, "counter_message")
