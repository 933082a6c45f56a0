"""A clerk's steps at the counter PC, as the tests take them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.queue.models import Ticket, TicketEvent
from tests.ui.fakes import BADGE, PIN
from tests.ui.helpers import tap
from ui.counter.flow import CounterFlow
from ui.staff.sign_in import Step
from ui.window import KioskWindow

SIGNAL_MS = 10_000  # generous: the machine is shared


def counter_flow(window: KioskWindow) -> CounterFlow:
    staff = window.staff
    assert staff is not None and staff.counter is not None
    return staff.counter


def sign_in(qtbot, window: KioskWindow) -> CounterFlow:
    """The clerk's badge and PIN; the counter PC opens its loket (or its setup)."""
    window.on_card_tapped(BADGE)
    staff = window.staff
    assert staff is not None
    screen = staff.sign_in
    qtbot.waitUntil(lambda: screen.isVisible() and screen.step is Step.PIN, timeout=SIGNAL_MS)
    with qtbot.waitSignal(screen.signed_in, timeout=SIGNAL_MS):
        for digit in PIN:
            screen.pin_keypad.keys[digit].click()
    return counter_flow(window)


def set_up(qtbot, window: KioskWindow, number: int, lines: str) -> None:
    """On the setup screen: tap the loket number and each line, then Save."""
    assert window.current_screen == "counter_setup"
    flow = counter_flow(window)

    def shown() -> bool:
        buttons = flow.setup_screen.line_buttons
        return all(code in buttons and buttons[code].isVisible() for code in lines)

    qtbot.waitUntil(shown, timeout=SIGNAL_MS)
    tap(qtbot, window, f"loket_{number}")
    for code in lines:
        tap(qtbot, window, f"line_{code}")
    with qtbot.waitSignal(flow.refreshed, timeout=SIGNAL_MS):
        tap(qtbot, window, "setup_save")
    assert window.current_screen == "counter"


def open_loket(qtbot, window: KioskWindow, number: int = 2, lines: str = "AB") -> CounterFlow:
    flow = sign_in(qtbot, window)
    set_up(qtbot, window, number, lines)
    return flow


def press(qtbot, window: KioskWindow, action: str) -> object:
    """Tap an action of the counter screen; its answer, once shown."""
    flow = counter_flow(window)
    with qtbot.waitSignal(flow.done, timeout=SIGNAL_MS) as done:
        tap(qtbot, window, f"counter_{action}")
    return done.args[1] if done.args else None


def ticket(sessions: sessionmaker[Session], code: str) -> Ticket:
    with sessions() as session:
        found = session.scalars(select(Ticket).where(Ticket.code == code)).one()
        session.expunge(found)
        return found


def trail(sessions: sessionmaker[Session], code: str) -> list[tuple[str, str | None, str, str]]:
    """A ticket's events after issuing: (state, action, loket, clerk)."""
    query = (
        select(TicketEvent)
        .join(Ticket, TicketEvent.ticket_id == Ticket.id)
        .where(Ticket.code == code, TicketEvent.actor.is_not(None))
        .order_by(TicketEvent.id)
    )
    with sessions() as session:
        return [
            (e.state.value, e.action, e.counter or "", e.actor or "")
            for e in session.scalars(query)
        ]
