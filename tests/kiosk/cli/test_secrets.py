"""The real OS keyring (gnome-keyring's Secret Service in CI, via scripts/with-keyring)."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from kiosk.cli.secrets import KeyringSecretStore, existing_sealer
from kiosk.config import ConfigError, load_settings
from kiosk.security.sealing import Sealer
from tests.helpers.secrets import MemorySecretStore, real_keyring_or_skip

# What scripts/with-keyring sets for itself (the private session, its keyring folder).
WITH_KEYRING_STATE = {"ANJUNGAN_PRIVATE_KEYRING", "ANJUNGAN_IN_KEYRING_SESSION", "XDG_DATA_HOME"}


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


def test_with_keyring_gives_a_machine_without_a_desktop_an_unlocked_keyring() -> None:
    # How `scripts/demo` starts the kiosk on a headless machine: no session bus, no
    # ANJUNGAN_PRIVATE_KEYRING. The script must start one, and unlock its keyring.
    real_keyring_or_skip()  # the tools it needs (dbus-run-session, gnome-keyring)
    script = Path(__file__).resolve().parents[3] / "scripts" / "with-keyring"
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in WITH_KEYRING_STATE and not name.startswith("DBUS_")
    }
    round_trip = (
        "import keyring, uuid; name = str(uuid.uuid4()); "
        "keyring.set_password('anjungan-test', name, 'rahasia'); "
        "print(keyring.get_password('anjungan-test', name))"
    )
    done = subprocess.run(
        [str(script), sys.executable, "-c", round_trip],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "rahasia"
