"""The staff sign-in screen: number or badge says who, the PIN decides, off the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from kiosk.cards import StaffRole, StaffSession
from kiosk.cards.registry import CardRegistry
from kiosk.clock import SystemClock
from kiosk.db.engine import create_engine_for, session_factory
from kiosk.db.migrate import upgrade
from kiosk.security.keys import OfficeKeys
from tests.ui.fakes import BADGE, HOLDER_CARD, NUMBER, PIN, FakeStaffPort
from ui.app import ReaderRelay
from ui.i18n import Tr
from ui.staff.contracts import StaffPort
from ui.staff.sign_in import StaffSignIn, Step

SIGNAL_MS = 5000


@pytest.fixture
def port() -> FakeStaffPort:
    return FakeStaffPort()


def make_screen(qtbot: QtBot, port: StaffPort) -> StaffSignIn:
    screen = StaffSignIn(port)
    qtbot.addWidget(screen)
    screen.retranslate(Tr("en"))
    screen.show()
    return screen


@pytest.fixture
def screen(qtbot: QtBot, port: FakeStaffPort) -> Iterator[StaffSignIn]:
    screen = make_screen(qtbot, port)
    yield screen
    screen.forget()
    screen.wait_for_done()


def type_number(screen: StaffSignIn, number: str) -> None:
    for digit in number:
        screen.number_entry.keypad.keys[digit].click()
    screen.next_button.click()


def type_pin(screen: StaffSignIn, pin: str) -> None:
    for digit in pin:
        screen.pin_keypad.keys[digit].click()


def test_the_title_asks_for_a_card_or_a_number(screen: StaffSignIn) -> None:
    assert screen.title.text() == "Tap your staff card or type your staff number"
    assert screen.step is Step.NUMBER and screen.number_entry.isVisible()
    assert not screen.pin_keypad.isVisible()


def test_number_and_pin_sign_in_off_the_gui_thread(
    qtbot: QtBot, screen: StaffSignIn, port: FakeStaffPort
) -> None:
    type_number(screen, NUMBER)
    assert screen.step is Step.PIN and screen.pin_keypad.isVisible()
    type_pin(screen, PIN[:5])
    assert screen.pin_display.text() == "● ● ● ● ● ○"  # masked
    with qtbot.waitSignal(screen.signed_in, timeout=SIGNAL_MS) as signed:
        type_pin(screen, PIN[5:])
    session = signed.args[0]
    assert isinstance(session, StaffSession) and session.staff_number == NUMBER
    assert port.calls == [("sign_in", NUMBER, PIN)]
    assert threading.main_thread().name not in port.threads
    assert screen.step is Step.NUMBER and screen.number_entry.text() == ""


def test_a_wrong_pin_says_so_and_asks_again(
    qtbot: QtBot, screen: StaffSignIn, port: FakeStaffPort
) -> None:
    type_number(screen, NUMBER)
    with qtbot.waitSignal(screen.failed, timeout=SIGNAL_MS):
        type_pin(screen, "271828")
    assert screen.message.text() == "The staff number or the PIN is wrong."
    assert screen.step is Step.PIN and screen.pin_length == 0
    with qtbot.waitSignal(screen.signed_in, timeout=SIGNAL_MS):
        type_pin(screen, PIN)
    assert port.calls[-1] == ("sign_in", NUMBER, PIN)


def test_a_number_nobody_has_looks_like_a_wrong_pin(
    qtbot: QtBot, screen: StaffSignIn, port: FakeStaffPort
) -> None:
    """A passer-by cannot learn which staff numbers exist from the screen."""
    type_number(screen, "999")
    with qtbot.waitSignal(screen.failed, timeout=SIGNAL_MS):
        type_pin(screen, PIN)
    assert port.calls[-1] == ("sign_in", "999", PIN)
    assert screen.message.text() == "The staff number or the PIN is wrong."
    assert screen.step is Step.PIN and screen.pin_length == 0


def test_a_locked_account_says_until_when_in_office_time(
    qtbot: QtBot, screen: StaffSignIn, port: FakeStaffPort
) -> None:
    port.locked = True
    type_number(screen, NUMBER)
    with qtbot.waitSignal(screen.failed, timeout=SIGNAL_MS):
        type_pin(screen, PIN)
    assert screen.message.text() == "Too many wrong PINs. Please try again after 09:15."
    assert screen.step is Step.NUMBER and screen.number_entry.text() == ""


def test_messages_follow_the_screen_language(
    qtbot: QtBot, screen: StaffSignIn, port: FakeStaffPort, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, str]] = []

    def describe(error: Exception, language: str, timezone: str) -> str:
        asked.append((type(error).__name__, language))
        return f"[{language}]"

    monkeypatch.setattr("ui.staff.sign_in.describe_card_error", describe)
    port.locked = True
    type_number(screen, NUMBER)
    screen.retranslate(Tr("id"))
    with qtbot.waitSignal(screen.failed, timeout=SIGNAL_MS):
        type_pin(screen, PIN)
    assert asked == [("StaffLockedOut", "id")] and screen.message.text() == "[id]"


def test_a_badge_picks_the_member_but_the_pin_is_still_asked(
    qtbot: QtBot, screen: StaffSignIn, port: FakeStaffPort
) -> None:
    with (
        qtbot.assertNotEmitted(screen.signed_in),
        qtbot.waitSignal(screen.identified, timeout=SIGNAL_MS),
    ):
        screen.card_tapped(BADGE)
    assert screen.step is Step.PIN
    assert screen.prompt.text() == "Siti Aminah: type your 6-digit PIN"
    with qtbot.waitSignal(screen.signed_in, timeout=SIGNAL_MS):
        type_pin(screen, PIN)
    assert port.calls == [("identify_staff", BADGE), ("sign_in_with_badge", BADGE, PIN)]


def test_a_citizens_card_is_not_a_staff_card_and_shows_nothing_of_them(
    qtbot: QtBot, screen: StaffSignIn, port: FakeStaffPort
) -> None:
    with qtbot.waitSignal(screen.identified, timeout=SIGNAL_MS):
        assert screen.take_card(HOLDER_CARD)
    assert port.calls == [("identify_staff", HOLDER_CARD)]  # the citizen's record stays sealed
    assert screen.message.text() == "This card is not a staff card."
    assert screen.step is Step.NUMBER
    shown = " ".join(label.text() for label in (screen.title, screen.prompt, screen.message))
    assert "Budi" not in shown and "3273" not in shown


def test_cancel_forgets_the_half_typed_pin(
    qtbot: QtBot, screen: StaffSignIn, port: FakeStaffPort
) -> None:
    type_number(screen, NUMBER)
    type_pin(screen, "482")
    with qtbot.waitSignal(screen.cancelled, timeout=SIGNAL_MS):
        screen.cancel_button.click()
    assert screen.step is Step.NUMBER and screen.pin_length == 0
    assert screen.number_entry.text() == "" and port.calls == []


def test_the_relay_brings_a_readers_tag_to_the_gui_thread(qtbot: QtBot) -> None:
    received: list[tuple[str, bool]] = []
    owner = QObject()
    relay = ReaderRelay(
        lambda tag: received.append((tag, threading.current_thread() is threading.main_thread())),
        owner,
    )
    reader = threading.Thread(target=relay.deliver, args=(BADGE,), name="card reader")
    with qtbot.waitSignal(relay.received, timeout=SIGNAL_MS):
        reader.start()
    reader.join()
    assert received == [(BADGE, True)]


def test_signing_in_on_the_real_registry(qtbot: QtBot, tmp_path: Path) -> None:
    engine = create_engine_for(f"sqlite:///{tmp_path / 'staff.db'}")
    upgrade(engine)
    registry = CardRegistry(session_factory(engine), OfficeKeys.generate(), SystemClock())
    registry.add_staff("7", "Joko", StaffRole.TECHNICIAN, "731904", badge_tag=BADGE)
    screen = make_screen(qtbot, registry)
    try:
        with qtbot.waitSignal(screen.identified, timeout=SIGNAL_MS):
            screen.card_tapped(BADGE.lower())
        with qtbot.waitSignal(screen.failed, timeout=SIGNAL_MS):
            type_pin(screen, "731905")
        assert screen.message.text().startswith("Wrong PIN. 4 more tries")
        with qtbot.waitSignal(screen.signed_in, timeout=SIGNAL_MS) as signed:
            type_pin(screen, "731904")
        assert signed.args[0].staff_number == "7"
        assert signed.args[0].role is StaffRole.TECHNICIAN
    finally:
        screen.wait_for_done()
        engine.dispose()
