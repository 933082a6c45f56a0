"""Card and staff errors in plain words; the lockout's end in office time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kiosk.cards import StaffLockedOut, UnknownCard, WeakPin, WrongPin
from kiosk.cards.messages import describe_card_error
from kiosk.catalogue.errors import InvalidAnswer
from kiosk.catalogue.validators import NIK_LENGTH


def test_wrong_pin_says_how_many_tries_are_left() -> None:
    assert describe_card_error(WrongPin(1), "en") == (
        "Wrong PIN. 1 more try before the account is locked."
    )
    assert "3 more tries" in describe_card_error(WrongPin(3), "en")


def test_the_lockout_end_is_shown_in_office_time() -> None:
    until = datetime(2024, 5, 6, 2, 15, tzinfo=UTC)  # 09:15 WIB, 11:15 WIT
    assert describe_card_error(StaffLockedOut(until), "en").endswith("after 09:15.")
    assert "11:15" in describe_card_error(StaffLockedOut(until), "en", "Asia/Jayapura")


@pytest.mark.parametrize("reason", [WeakPin.ALL_SAME, WeakPin.SEQUENCE, WeakPin.NOT_SIX_DIGITS])
def test_each_weak_pin_reason_has_its_own_sentence(reason: str) -> None:
    texts = {describe_card_error(WeakPin(r), "en") for r in (WeakPin.ALL_SAME, WeakPin.SEQUENCE)}
    assert len(texts) == 2
    assert "PIN" in describe_card_error(WeakPin(reason), "en")


def test_other_errors() -> None:
    assert describe_card_error(UnknownCard(), "en") == (
        "This card is not registered at this office."
    )
    nik_problem = describe_card_error(InvalidAnswer(NIK_LENGTH), "en")
    assert nik_problem == InvalidAnswer(NIK_LENGTH).text("en") and nik_problem
