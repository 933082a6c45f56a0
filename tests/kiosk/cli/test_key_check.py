"""`kiosk doctor keys`: each office key against the database, the fix named when not."""

from __future__ import annotations

import pytest

from kiosk.cards import StaffRole
from kiosk.cards.registry import CardRegistry
from kiosk.cli.key_check import check_keys
from kiosk.cli.office_keys import open_office_keys
from kiosk.cli.wiring import open_database
from kiosk.config import Settings
from kiosk.security.keys import (
    CARD_KEY_NAME,
    DATA_KEY_NAME,
    PIN_PEPPER_NAME,
    OfficeKeys,
    key_text,
    new_key,
)
from tests.helpers.secrets import MemorySecretStore
from tests.helpers.stubs import FakeClock


def use_store(monkeypatch: pytest.MonkeyPatch, store: MemorySecretStore) -> None:
    monkeypatch.setattr("kiosk.cli.secrets.key_store", lambda _settings: store)


def lines(settings: Settings) -> list[tuple[str, str, str]]:
    return [(f.what, f.outcome.value, f.detail_in()) for f in check_keys(settings)]


def test_no_database_yet_is_not_checked(settings: Settings) -> None:
    assert [f.outcome.value for f in check_keys(settings)] == ["not checked"]


def test_matching_keys_are_ok_and_a_lost_one_names_the_fix(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = MemorySecretStore()
    database = open_database(settings)
    open_office_keys(settings, database.sessions, create=True, store=store)
    database.engine.dispose()
    use_store(monkeypatch, store)
    found = lines(settings)
    assert [(what, outcome) for what, outcome, _ in found[1:]] == [
        (DATA_KEY_NAME, "ok"),
        (CARD_KEY_NAME, "ok"),
        (PIN_PEPPER_NAME, "ok"),
    ]

    del store.values[CARD_KEY_NAME]
    store.values[DATA_KEY_NAME] = key_text(new_key())
    found_after = check_keys(settings)
    data, card = found_after[1], found_after[2]
    assert data.problem and "is not the key" in data.detail_in()
    assert card.problem and "missing from the key store" in card.detail_in()
    assert "kiosk keys import FILE" in card.fix_in()
    assert not found_after[3].problem


def test_a_key_not_yet_recorded_is_not_called_missing(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database from before the check values, with staff: the keys are in the store."""
    keys = OfficeKeys.generate()
    database = open_database(settings)
    CardRegistry(database.sessions, keys, FakeClock()).add_staff(
        "1001", "Siti", StaffRole.CLERK, "482915"
    )
    database.engine.dispose()
    store = MemorySecretStore(
        {
            DATA_KEY_NAME: key_text(keys.data),
            CARD_KEY_NAME: key_text(keys.card),
            PIN_PEPPER_NAME: key_text(keys.pin_pepper),
        }
    )
    use_store(monkeypatch, store)
    pepper = check_keys(settings)[3]
    assert (pepper.what, pepper.problem) == (PIN_PEPPER_NAME, False)
    assert "recorded at the kiosk's next start" in pepper.detail_in()
