"""An unattended kiosk's data folder and key store, copied to another machine, reveal no
citizen data (docs/key-protection.md). The keys are real systemd credentials; "another
machine" is another host secret ($SYSTEMD_CREDENTIAL_SECRET), as no TPM2 is here."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.applications.store import ApplicationStore
from kiosk.cli.credentials import SystemdCredsSecretStore
from kiosk.cli.office_keys import open_office_keys
from kiosk.cli.wiring import open_database
from kiosk.config import load_settings
from kiosk.security.sealing import Sealer
from tests.helpers.cli import kiosk
from tests.helpers.definitions import sample_definition
from tests.helpers.stubs import FakeClock
from tests.kiosk.applications.conftest import make_form
from tests.kiosk.applications.test_no_plaintext import planted_name, planted_nik
from tests.kiosk.cli.test_credentials import systemd_creds_or_skip

CARD_TAG = "1F00A1B2C3"


def kiosk_environment(root: Path, machine: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(
        KIOSK_CONFIG=os.devnull,
        KIOSK_DATA_DIR=str(root / "data"),
        KIOSK_DATABASE_URL=f"sqlite:///{root / 'data' / 'anjungan.db'}",
        KIOSK_SECURITY_KEY_STORE="systemd-creds",
        KIOSK_SECURITY_CREDENTIALS_DIR=str(root / "credstore"),
        SYSTEMD_CREDENTIAL_SECRET=str(root.parent / f"{machine}.secret"),
    )
    return env


@pytest.fixture
def kiosk_pc(tmp_path: Path) -> tuple[dict[str, str], str, str, str]:
    """A kiosk with systemd-credential keys, one citizen's card and one application."""
    systemd_creds_or_skip()
    env = kiosk_environment(tmp_path / "kiosk", "kiosk-machine")
    (tmp_path / "kiosk" / "data").mkdir(parents=True, mode=0o700)  # the kiosk user's home
    initialised = kiosk(env, "keys", "init")
    assert initialised.returncode == 0, initialised.stderr
    nik, name = planted_nik(), planted_name()
    added = kiosk(
        env,
        "cards",
        "add-holder",
        "--tag",
        CARD_TAG,
        "--name",
        name,
        "--nik-stdin",
        stdin=f"{nik}\n",
    )
    assert added.returncode == 0, added.stderr
    settings = load_settings(None, env)
    database = open_database(settings)
    store = SystemdCredsSecretStore(settings.security.credentials_dir, environ=env)
    keys = open_office_keys(settings, database.sessions, store=store)
    service = ApplicationStore(
        database.sessions, Sealer(keys.data), FakeClock(), "Kantor", "Asia/Jakarta"
    )
    code = service.finalise(make_form(nik=nik, name=name), sample_definition()).tracking_code
    database.engine.dispose()
    return env, code, nik, name


def test_a_copy_on_another_machine_reveals_no_citizen_data(
    kiosk_pc: tuple[dict[str, str], str, str, str], tmp_path: Path
) -> None:
    env, code, nik, name = kiosk_pc
    status = kiosk(env, "keys", "status")
    assert status.returncode == 0 and "NO" not in status.stdout, status.stdout
    assert kiosk(env, "cards", "count").stdout.strip().endswith("1")

    thief = tmp_path / "thief"
    for folder in ("data", "credstore"):
        shutil.copytree(tmp_path / "kiosk" / folder, thief / folder)
    copied = [path for path in thief.rglob("*") if path.is_file()]
    assert any(path.name == "anjungan.db" for path in copied)
    for needle in (nik, name, CARD_TAG):
        assert not any(needle.encode() in path.read_bytes() for path in copied), needle

    elsewhere = kiosk_environment(thief, "thief-machine")
    subprocess.run(  # that machine has a host secret of its own
        ["systemd-creds", "encrypt", "--name=x", "-", str(tmp_path / "x.cred")],
        input=b"x",
        env=elsewhere,
        check=True,
        capture_output=True,
    )
    out = thief / "proof.pdf"
    opened = kiosk(elsewhere, "documents", "proof", code, "--out", str(out))
    assert opened.returncode == 1 and "only on the machine that made it" in opened.stderr
    assert not out.exists()
    listed = kiosk(elsewhere, "cards", "count")
    assert listed.returncode == 1


def test_the_same_copy_with_the_kiosks_own_machine_key_opens(
    kiosk_pc: tuple[dict[str, str], str, str, str], tmp_path: Path
) -> None:
    """Guard for the test above: the copy is complete, only the machine is missing."""
    _env, code, _nik, _name = kiosk_pc
    restored = tmp_path / "restored"
    for folder in ("data", "credstore"):
        shutil.copytree(tmp_path / "kiosk" / folder, restored / folder)
    same_machine = kiosk_environment(restored, "kiosk-machine")
    out = restored / "proof.pdf"
    opened = kiosk(same_machine, "documents", "proof", code, "--out", str(out))
    assert opened.returncode == 0, opened.stderr
    assert out.read_bytes().startswith(b"%PDF")


def test_as_root_keys_never_go_to_a_database_of_roots_own(tmp_path: Path) -> None:
    """`sudo kiosk keys import --replace FILE` without the kiosk's settings used to check
    the file against a new, empty database of root's and replace the kiosk's keys."""
    systemd_creds_or_skip()
    if os.geteuid() != 0:
        pytest.skip("a check of what root may do")
    env = kiosk_environment(tmp_path / "not-the-kiosk", "kiosk-machine")
    refused = kiosk(env, "keys", "init")
    assert refused.returncode == 1 and "does not exist" in refused.stderr
    assert not (tmp_path / "not-the-kiosk").exists()
