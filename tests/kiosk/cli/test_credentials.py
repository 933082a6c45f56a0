"""The office keys as systemd credentials: the real `systemd-creds`, with a host secret of
the test's own (``$SYSTEMD_CREDENTIAL_SECRET``), so "another machine" is another secret.

This machine has no TPM2 chip, so the credentials are sealed with the host secret alone
(``--with-key=auto`` picks it); on a kiosk with a TPM2 the same code adds the chip.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.cli.credentials import (
    CREDENTIALS_DIRECTORY_ENV,
    CredentialUnavailable,
    SystemdCredsSecretStore,
)

NAME = "anjungan-data-key-v1"
VALUE = "c2VjcmV0LWtleS1tYXRlcmlhbC1mb3ItdGVzdHMtMDAwMDA="


def systemd_creds_or_skip() -> str:
    """The real systemd-creds; scripts/bootstrap installs it, so in CI it must be there."""
    program = shutil.which("systemd-creds")
    if program is None:
        if os.environ.get("CI"):
            pytest.fail("systemd-creds is missing: scripts/bootstrap installs `systemd`")
        pytest.skip("systemd-creds is not installed")
    return program


def machine(tmp_path: Path, name: str) -> dict[str, str]:
    """The environment of a machine whose host secret is its own file."""
    return {**os.environ, "SYSTEMD_CREDENTIAL_SECRET": str(tmp_path / f"{name}.secret")}


@pytest.fixture
def store(tmp_path: Path) -> SystemdCredsSecretStore:
    systemd_creds_or_skip()
    return SystemdCredsSecretStore(tmp_path / "credstore", environ=machine(tmp_path, "kiosk"))


def test_a_key_written_here_opens_here_and_is_not_in_the_file(
    store: SystemdCredsSecretStore, tmp_path: Path
) -> None:
    assert store.get_secret(NAME) is None
    store.set_secret(NAME, VALUE)
    path = store.path_of(NAME)
    assert path.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "credstore").stat().st_mode & 0o777 == 0o700
    assert VALUE.encode() not in path.read_bytes()
    assert store.get_secret(NAME) == VALUE
    assert [p.name for p in (tmp_path / "credstore").iterdir()] == [f"{NAME}.cred"]


def test_another_machine_cannot_open_it(store: SystemdCredsSecretStore, tmp_path: Path) -> None:
    store.set_secret(NAME, VALUE)
    other = machine(tmp_path, "another-machine")
    SystemdCredsSecretStore(tmp_path / "its-own", environ=other).set_secret(NAME, "its own")
    assert Path(other["SYSTEMD_CREDENTIAL_SECRET"]).exists()  # that machine has its secret
    elsewhere = SystemdCredsSecretStore(tmp_path / "credstore", environ=other)
    with pytest.raises(CredentialUnavailable, match="only on the machine that made it"):
        elsewhere.get_secret(NAME)


def test_a_credential_renamed_to_another_key_does_not_open(
    store: SystemdCredsSecretStore,
) -> None:
    store.set_secret(NAME, VALUE)
    os.replace(store.path_of(NAME), store.path_of("anjungan-card-key-v1"))
    with pytest.raises(CredentialUnavailable):
        store.get_secret("anjungan-card-key-v1")


def test_another_user_cannot_open_it(store: SystemdCredsSecretStore, tmp_path: Path) -> None:
    """The host secret is readable by root only; the kiosk's own user gets its keys from
    the service manager ($CREDENTIALS_DIRECTORY), never by decrypting them itself."""
    if os.geteuid() != 0:
        pytest.skip("needs root to run a command as another user")
    store.set_secret(NAME, VALUE)
    tmp_path.chmod(0o755)
    store.path_of(NAME).chmod(0o644)  # even a readable credential file opens nothing
    (tmp_path / "credstore").chmod(0o755)
    nobody = pwd.getpwnam("nobody")
    environment = machine(tmp_path, "kiosk")
    done = subprocess.run(
        [systemd_creds_or_skip(), "decrypt", f"--name={NAME}", str(store.path_of(NAME)), "-"],
        env=environment,
        user=nobody.pw_uid,
        group=nobody.pw_gid,
        extra_groups=[],
        capture_output=True,
        timeout=30,
        check=False,
    )
    assert done.returncode != 0 and VALUE.encode() not in done.stdout
    assert b"Permission denied" in done.stderr


def test_keys_loaded_by_the_service_manager_are_read_without_decrypting(
    tmp_path: Path,
) -> None:
    """Simulated: systemd's LoadCredentialEncrypted= (no service manager runs in the
    tests) decrypts into $CREDENTIALS_DIRECTORY; the store reads that and never runs
    systemd-creds (here a program that does not exist)."""
    loaded = tmp_path / "run-credentials"
    loaded.mkdir(mode=0o700)
    (loaded / NAME).write_text(VALUE)
    store = SystemdCredsSecretStore(
        tmp_path / "credstore",
        program=str(tmp_path / "no-such-program"),
        environ={CREDENTIALS_DIRECTORY_ENV: str(loaded)},
    )
    assert store.get_secret(NAME) == VALUE
    assert store.get_secret("anjungan-card-key-v1") is None  # neither loaded nor on disk


def test_without_systemd_creds_the_message_names_the_package(tmp_path: Path) -> None:
    store = SystemdCredsSecretStore(
        tmp_path / "credstore", program=str(tmp_path / "no-such-program"), environ={}
    )
    with pytest.raises(CredentialUnavailable, match="Debian package: systemd"):
        store.set_secret(NAME, VALUE)
    assert not store.path_of(NAME).exists()


def test_a_replaced_key_is_kept_beside_the_new_one(store: SystemdCredsSecretStore) -> None:
    """`kiosk keys import --replace` of the wrong file must not be the end of the right key."""
    store.set_secret(NAME, VALUE)
    store.set_secret(NAME, "dGhlIG5ldyBrZXk=")
    assert store.get_secret(NAME) == "dGhlIG5ldyBrZXk="
    kept = [p for p in store.path_of(NAME).parent.iterdir() if ".replaced-" in p.name]
    assert len(kept) == 1 and kept[0].stat().st_mode & 0o777 == 0o600
    os.replace(kept[0], store.path_of(NAME))  # what a technician does to go back
    assert store.get_secret(NAME) == VALUE
