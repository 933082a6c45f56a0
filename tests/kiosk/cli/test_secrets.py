"""The real OS keyring (gnome-keyring's Secret Service in CI, via scripts/with-keyring)."""

from __future__ import annotations

import os
import uuid

import pytest

from kiosk.cli.secrets import KeyringSecretStore, existing_sealer
from kiosk.config import ConfigError, load_settings
from kiosk.security.sealing import Sealer
from tests.helpers.secrets import MemorySecretStore, real_keyring_or_skip


def test_secrets_round_trip_through_the_os_keyring() -> None:
    store = real_keyring_or_skip()
    name = f"test-{uuid.uuid4()}"
    assert store.get_secret(name) is None
    store.set_secret(name, "rahasia")
    assert store.get_secret(name) == "rahasia"
    assert "SecretService" in store.backend_name


def test_the_fail_backend_is_refused() -> None:
    settings = load_settings(
        None,
        {
            "KIOSK_CONFIG": os.devnull,
            "KIOSK_SECURITY_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        },
    )
    with pytest.raises(ConfigError, match="no usable OS keyring"):
        KeyringSecretStore(settings)


def test_an_unknown_backend_names_the_setting() -> None:
    settings = load_settings(
        None, {"KIOSK_CONFIG": os.devnull, "KIOSK_SECURITY_KEYRING_BACKEND": "no.such.Keyring"}
    )
    with pytest.raises(ConfigError, match=r"security\.keyring_backend"):
        KeyringSecretStore(settings)


def test_a_technicians_command_never_creates_the_data_key() -> None:
    settings = load_settings(None, {"KIOSK_CONFIG": os.devnull})
    empty = MemorySecretStore()
    with pytest.raises(ConfigError, match="holds no data key yet"):
        existing_sealer(settings, empty)
    assert empty.values == {}
    Sealer(empty).ensure_key()  # what `kiosk run` does on its first start
    sealed = Sealer(empty).seal({"nik": "x"}, "id-1")
    assert existing_sealer(settings, empty).unseal(sealed, "id-1") == {"nik": "x"}
