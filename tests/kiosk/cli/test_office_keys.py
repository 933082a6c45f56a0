"""The composition root's key work: the way back from a lost PIN pepper, key files only of
keys that fit, the machine's settings file for `sudo kiosk`."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest

from kiosk.cards import StaffRole, WrongPin
from kiosk.cards.registry import CardRegistry
from kiosk.cli import key_commands
from kiosk.cli.office_keys import open_office_keys, replace_lost_pepper
from kiosk.cli.wiring import open_database
from kiosk.config import Settings, load_settings
from kiosk.errors import KioskError
from kiosk.security.guard import KeysRefused
from kiosk.security.key_transfer import KeyTransferError
from kiosk.security.keys import DATA_KEY_NAME, PIN_PEPPER_NAME, key_text, new_key
from tests.helpers.secrets import MemorySecretStore
from tests.helpers.stubs import FakeClock


def test_a_lost_pin_pepper_clears_every_pin_and_staff_sign_in_again_once_set(
    settings: Settings,
) -> None:
    store = MemorySecretStore()
    sessions = open_database(settings).sessions
    keys = open_office_keys(settings, sessions, create=True, store=store)
    CardRegistry(sessions, keys, FakeClock()).add_staff("1001", "Siti", StaffRole.CLERK, "482915")
    with pytest.raises(KioskError, match="fits this database"):
        replace_lost_pepper(settings, sessions, store)  # nothing lost: refused

    del store.values[PIN_PEPPER_NAME]  # the key store lost it; no key file holds it
    with pytest.raises(KeysRefused):
        open_office_keys(settings, sessions, create=True, store=store)
    assert replace_lost_pepper(settings, sessions, store) == ["1001"]

    renewed = open_office_keys(settings, sessions, store=store)
    assert renewed.pin_pepper != keys.pin_pepper and renewed.data == keys.data
    registry = CardRegistry(sessions, renewed, FakeClock())
    with pytest.raises(WrongPin):
        registry.sign_in("1001", "482915")  # the old PIN is gone with its pepper
    registry.set_pin("1001", "731904")
    assert registry.sign_in("1001", "731904").staff_number == "1001"


def test_the_machines_settings_file_is_read_when_the_user_has_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An appliance's unit and a technician's `sudo kiosk` read one file."""
    site = tmp_path / "etc-xdg"
    (site / "anjungan").mkdir(parents=True)
    (site / "anjungan" / "kiosk.toml").write_text('[office]\nname = "Desa Dari Mesin"\n')
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(site))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home-config"))
    settings = load_settings(None, {})
    assert settings.office.name == "Desa Dari Mesin"
    assert settings.source == site / "anjungan" / "kiosk.toml"
    own = tmp_path / "home-config" / "anjungan"
    own.mkdir(parents=True)
    (own / "kiosk.toml").write_text('[office]\nname = "Desa Sendiri"\n')
    assert load_settings(None, {}).office.name == "Desa Sendiri"  # the user's own wins


def test_a_key_file_is_never_made_of_keys_that_do_not_fit(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = MemorySecretStore()
    open_office_keys(settings, open_database(settings).sessions, create=True, store=store)
    store.values[DATA_KEY_NAME] = key_text(new_key())  # the store's key was swapped
    monkeypatch.setattr(key_commands, "key_store", lambda _settings: store)
    monkeypatch.setenv("KIOSK_CONFIG", os.devnull)
    monkeypatch.setenv("KIOSK_DATABASE_URL", settings.database.url)
    target = tmp_path / "kunci.json"
    args = argparse.Namespace(config=None, file=target, passphrase_stdin=True)
    with pytest.raises(KeyTransferError, match=f"{DATA_KEY_NAME} does not fit"):
        key_commands.export_keys(args)
    assert not target.exists()
