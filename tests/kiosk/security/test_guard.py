"""The key guard: keys made once, checked against the database, never silently replaced."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.applications.store import ApplicationStore
from kiosk.cards import StaffRole
from kiosk.cards.registry import CardRegistry
from kiosk.cli.office_keys import KEY_USES
from kiosk.db.engine import begin_write, create_engine_for, session_factory
from kiosk.security.guard import KeyGuard, KeyProblem, KeysRefused
from kiosk.security.keys import (
    CARD_KEY_NAME,
    DATA_KEY_NAME,
    OFFICE_KEY_NAMES,
    PIN_PEPPER_NAME,
    OfficeKeys,
    check_value,
    key_text,
    new_key,
)
from kiosk.security.models import KeyCheck
from kiosk.security.sealing import Sealer
from tests.helpers.definitions import MALE_NIK, sample_definition
from tests.helpers.secrets import MemorySecretStore
from tests.helpers.stubs import FakeClock
from tests.kiosk.applications.conftest import make_form


def guard(sessions: sessionmaker[Session], store: MemorySecretStore) -> KeyGuard:
    return KeyGuard(sessions, store, KEY_USES, FakeClock(), "the test store")


def store_of(keys: OfficeKeys) -> MemorySecretStore:
    return MemorySecretStore(
        {
            DATA_KEY_NAME: key_text(keys.data),
            CARD_KEY_NAME: key_text(keys.card),
            PIN_PEPPER_NAME: key_text(keys.pin_pepper),
        }
    )


def recorded(sessions: sessionmaker[Session]) -> dict[str, str]:
    with sessions() as session:
        return {row.name: row.check_value for row in session.scalars(select(KeyCheck))}


def store_an_application(sessions: sessionmaker[Session], keys: OfficeKeys) -> str:
    service = ApplicationStore(sessions, Sealer(keys.data), FakeClock(), "Kantor", "Asia/Jakarta")
    return service.finalise(make_form(), sample_definition()).tracking_code


def test_the_first_start_makes_the_keys_once_and_records_their_check_values(
    sessions: sessionmaker[Session],
) -> None:
    store = MemorySecretStore()
    keys = guard(sessions, store).open(create=True)
    assert store.writes == 3 and set(store.values) == set(OFFICE_KEY_NAMES)
    assert recorded(sessions) == {
        DATA_KEY_NAME: check_value(keys.data),
        CARD_KEY_NAME: check_value(keys.card),
        PIN_PEPPER_NAME: check_value(keys.pin_pepper),
    }
    assert guard(sessions, store).open(create=True) == keys  # a restart: the same keys
    assert store.writes == 3
    for key in (keys.data, keys.card, keys.pin_pepper):
        assert key.hex() not in repr(keys) and key_text(key) not in str(recorded(sessions))


def test_a_technicians_command_never_makes_keys(sessions: sessionmaker[Session]) -> None:
    store = MemorySecretStore()
    with pytest.raises(KeysRefused) as refused:
        guard(sessions, store).open()
    assert refused.value.problem is KeyProblem.NOT_CREATED
    assert "kiosk keys init" in str(refused.value)
    assert store.values == {} and recorded(sessions) == {}


def test_an_emptied_keyring_is_refused_and_no_new_key_is_made(
    sessions: sessionmaker[Session],
) -> None:
    keys = guard(sessions, MemorySecretStore()).open(create=True)
    code = store_an_application(sessions, keys)
    empty = MemorySecretStore()
    with pytest.raises(KeysRefused) as refused:
        guard(sessions, empty).open(create=True)
    assert refused.value.problem is KeyProblem.MISSING
    assert refused.value.key_name == DATA_KEY_NAME
    message = str(refused.value)
    assert "1 applications" in message and "kiosk keys import" in message
    assert empty.writes == 0  # never a new key over existing data
    # ... and the application still opens once the key is back.
    service = ApplicationStore(sessions, Sealer(keys.data), FakeClock(), "K", "Asia/Jakarta")
    assert service.receipt(code).masked_nik is not None


def test_a_missing_key_is_refused_even_before_any_data_depends_on_it(
    sessions: sessionmaker[Session],
) -> None:
    """Another PC of the office may already seal with the recorded key right now."""
    guard(sessions, MemorySecretStore()).open(create=True)
    with pytest.raises(KeysRefused) as refused:
        guard(sessions, MemorySecretStore()).open(create=True)
    assert refused.value.problem is KeyProblem.MISSING


@pytest.mark.parametrize("name", OFFICE_KEY_NAMES)
def test_a_different_key_is_refused(sessions: sessionmaker[Session], name: str) -> None:
    keys = guard(sessions, MemorySecretStore()).open(create=True)
    swapped = store_of(keys)
    swapped.values[name] = key_text(new_key())
    with pytest.raises(KeysRefused) as refused:
        guard(sessions, swapped).open(create=True)
    assert (refused.value.key_name, refused.value.problem) == (name, KeyProblem.DIFFERENT)
    assert "--replace" in str(refused.value)


def test_a_damaged_key_is_refused(sessions: sessionmaker[Session]) -> None:
    store = MemorySecretStore({DATA_KEY_NAME: "not base64!"})
    with pytest.raises(KeysRefused) as refused:
        guard(sessions, store).open(create=True)
    assert refused.value.problem is KeyProblem.DAMAGED
    assert store.values == {DATA_KEY_NAME: "not base64!"}


def test_a_database_from_before_the_checks_keeps_the_key_that_opens_its_data(
    sessions: sessionmaker[Session],
) -> None:
    keys = OfficeKeys.generate()
    store_an_application(sessions, keys)  # no check values: as before migration 0005
    assert guard(sessions, store_of(keys)).open(create=True) == keys
    assert recorded(sessions)[DATA_KEY_NAME] == check_value(keys.data)


def test_a_database_from_before_the_checks_refuses_a_key_that_opens_nothing(
    sessions: sessionmaker[Session],
) -> None:
    keys = OfficeKeys.generate()
    store_an_application(sessions, keys)
    wrong = store_of(OfficeKeys.generate())
    with pytest.raises(KeysRefused) as refused:
        guard(sessions, wrong).open(create=True)
    assert (refused.value.key_name, refused.value.problem) == (DATA_KEY_NAME, KeyProblem.DIFFERENT)
    with pytest.raises(KeysRefused) as missing:
        guard(sessions, MemorySecretStore()).open(create=True)
    assert (missing.value.key_name, missing.value.problem) == (DATA_KEY_NAME, KeyProblem.MISSING)
    assert recorded(sessions) == {}


def test_registered_cards_and_staff_pins_need_their_keys(
    sessions: sessionmaker[Session],
) -> None:
    """Before the checks: cards and PINs alone (no application) also forbid a new key."""
    keys = OfficeKeys.generate()
    registry = CardRegistry(sessions, keys, FakeClock())
    registry.add_staff("1001", "Siti", StaffRole.CLERK, "482915", badge_tag="0A1B2C3D4E")
    registry.add_holder("1F00A1B2C3", MALE_NIK, "Budi")
    status = {state.name: state for state in guard(sessions, MemorySecretStore()).status()}
    assert status[CARD_KEY_NAME].data == {"registered cards and staff badges": 2}
    assert status[PIN_PEPPER_NAME].data == {"staff PINs": 1}
    assert status[DATA_KEY_NAME].data == {"citizens' registered cards": 1}
    for name in OFFICE_KEY_NAMES:
        partial = store_of(keys)
        del partial.values[name]
        with pytest.raises(KeysRefused) as refused:
            guard(sessions, partial).open(create=True)
        assert (refused.value.key_name, refused.value.problem) == (name, KeyProblem.MISSING)


def test_an_import_must_fit_the_database(sessions: sessionmaker[Session]) -> None:
    keys = guard(sessions, MemorySecretStore()).open(create=True)
    checker = guard(sessions, MemorySecretStore())
    checker.check_replacement({DATA_KEY_NAME: key_text(keys.data)})  # the right key: fine
    with pytest.raises(KeysRefused) as refused:
        checker.check_replacement({DATA_KEY_NAME: key_text(new_key())})
    assert "nothing was imported" in str(refused.value)


def test_two_processes_starting_at_once_end_with_one_set_of_keys(
    sessions: sessionmaker[Session],
) -> None:
    store = MemorySecretStore()
    results: list[OfficeKeys | Exception] = []
    start = threading.Barrier(4)

    def open_keys() -> None:
        start.wait()
        try:
            results.append(guard(sessions, store).open(create=True))
        except Exception as error:  # collected: the assertion below names it
            results.append(error)

    threads = [threading.Thread(target=open_keys) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(results) == 4 and all(result == results[0] for result in results), results
    assert store.writes == 3


def test_a_technicians_command_records_no_key_the_kiosk_has_not_checked(
    sessions: sessionmaker[Session],
) -> None:
    """A card key cannot be tried on fingerprints: if any command could record the key it
    happens to have (another user's keyring), the right one would be refused after."""
    keys = OfficeKeys.generate()
    CardRegistry(sessions, keys, FakeClock()).add_staff(
        "1001", "Siti", StaffRole.CLERK, "482915", badge_tag="0A1B2C3D4E"
    )
    wrong = store_of(OfficeKeys.generate())
    with pytest.raises(KeysRefused) as refused:
        guard(sessions, wrong).open()
    assert refused.value.problem is KeyProblem.NOT_RECORDED
    assert recorded(sessions) == {}
    assert guard(sessions, store_of(keys)).open(create=True) == keys  # the kiosk's own


class LockProbingStore(MemorySecretStore):
    """A key store that, at every read, checks another kiosk could write the database."""

    def __init__(self, url: str, initial: dict[str, str]) -> None:
        super().__init__(initial)
        self.engine = create_engine_for(url, lock_timeout_ms=50)
        self.blocked = 0

    def get_secret(self, name: str) -> str | None:
        try:
            with session_factory(self.engine)() as session:
                begin_write(session)  # SQLite's BEGIN IMMEDIATE: the write lock
                session.rollback()
        except OperationalError:
            self.blocked += 1
        return super().get_secret(name)


def test_the_key_store_is_read_without_holding_the_database_lock(
    sessions: sessionmaker[Session], db_url: str
) -> None:
    """A TPM2 may take seconds to decrypt; other kiosks must not wait for it."""
    keys = guard(sessions, MemorySecretStore()).open(create=True)
    probing = LockProbingStore(db_url, store_of(keys).values)
    try:
        assert guard(sessions, probing).open() == keys
    finally:
        probing.engine.dispose()
    assert probing.blocked == 0
