"""The real OS keyring (gnome-keyring's Secret Service in CI, via scripts/with-keyring)."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.cli.office_keys import open_office_keys
from kiosk.cli.secrets import KeyringSecretStore
from kiosk.cli.wiring import open_database
from kiosk.config import ConfigError, load_settings
from kiosk.config.settings import DatabaseSettings
from kiosk.security.guard import KeysRefused
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


def test_a_technicians_command_never_creates_the_keys(tmp_path: Path) -> None:
    settings = load_settings(None, {"KIOSK_CONFIG": os.devnull})
    database = open_database(
        replace(settings, database=DatabaseSettings(f"sqlite:///{tmp_path}/k.db"))
    )
    empty = MemorySecretStore()
    with pytest.raises(KeysRefused, match="kiosk keys init"):
        open_office_keys(settings, database.sessions, store=empty)
    assert empty.values == {}
    made = open_office_keys(settings, database.sessions, create=True, store=empty)
    assert open_office_keys(settings, database.sessions, store=empty) == made


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


def test_a_copy_of_the_headless_keyring_opens_with_no_password_written_anywhere(
    tmp_path: Path,
) -> None:
    """with-keyring used to unlock with a password written in this repository, so a copy
    of its keyring folder opened every key. Now the password is random and never kept:
    the copy, tried with that old password, stays locked."""
    real_keyring_or_skip()
    script = Path(__file__).resolve().parents[3] / "scripts" / "with-keyring"
    copy = tmp_path / "copy"
    store_and_copy = (
        "import keyring, os, shutil; "
        "keyring.set_password('anjungan', 'probe', 'rahasia-probe-4821'); "
        "shutil.copytree(os.environ['XDG_DATA_HOME'], os.environ['COPY_TO'])"
    )
    env = {name: value for name, value in os.environ.items() if name not in WITH_KEYRING_STATE}
    env.update(ANJUNGAN_PRIVATE_KEYRING="1", COPY_TO=str(copy))
    made = subprocess.run(
        [str(script), sys.executable, "-c", store_and_copy],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert made.returncode == 0, made.stderr[-2000:]
    files = [path for path in copy.rglob("*") if path.is_file()]
    assert files and not any(b"rahasia-probe-4821" in path.read_bytes() for path in files)
    old_password_then_read = (
        f"export XDG_DATA_HOME={copy}; "
        "printf anjungan-session | gnome-keyring-daemon --unlock --components=secrets "
        ">/dev/null 2>&1; "
        f'{sys.executable} -c "import keyring; '
        "print(keyring.get_password('anjungan', 'probe'))\""
    )
    opened = subprocess.run(
        ["dbus-run-session", "--", "bash", "-c", old_password_then_read],
        env={k: v for k, v in env.items() if not k.startswith("DBUS_")},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "rahasia-probe-4821" not in opened.stdout
    assert "KeyringLocked" in opened.stderr
