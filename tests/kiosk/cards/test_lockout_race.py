"""Wrong PINs typed at several kiosks at once still lock the account after exactly five."""

from __future__ import annotations

import threading
from collections import Counter

from sqlalchemy.orm import Session, sessionmaker

from kiosk.cards import StaffLockedOut, WrongPin
from kiosk.cards.registry import MAX_FAILED_ATTEMPTS, CardRegistry
from tests.kiosk.cards.test_registry import events

WRONG_PIN = "271828"
TRIES = 12


def wrong_pins_at_once(registry: CardRegistry, number: str) -> Counter[str]:
    """TRIES sign-ins with a wrong PIN, released together; what each one answered."""
    start = threading.Barrier(TRIES)
    answers: Counter[str] = Counter()
    lock = threading.Lock()

    def attempt() -> None:
        start.wait()
        try:
            registry.sign_in(number, WRONG_PIN)
        except (WrongPin, StaffLockedOut) as error:
            with lock:
                answers[type(error).__name__] += 1

    threads = [threading.Thread(target=attempt) for _ in range(TRIES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return answers


def assert_locked_after_exactly_five(
    answers: Counter[str], sessions: sessionmaker[Session], number: str
) -> None:
    assert answers == {
        "WrongPin": MAX_FAILED_ATTEMPTS - 1,
        "StaffLockedOut": TRIES - MAX_FAILED_ATTEMPTS + 1,
    }
    kinds = Counter(kind for kind, staff in events(sessions) if staff == number)
    assert kinds["wrong_pin"] == MAX_FAILED_ATTEMPTS and kinds["locked_out"] == 1


def test_concurrent_wrong_pins_on_sqlite(
    registry: CardRegistry, clerk: str, sessions: sessionmaker[Session]
) -> None:
    assert_locked_after_exactly_five(wrong_pins_at_once(registry, clerk), sessions, clerk)
