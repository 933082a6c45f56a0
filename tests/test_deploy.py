"""The appliance unit in deploy/: it loads exactly the office keys, from where
`kiosk keys init` writes them, and systemd finds nothing wrong in it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import platformdirs
import pytest

from kiosk.cli.credentials import SUFFIX
from kiosk.config import load_settings
from kiosk.config.schema import OPTIONS_BY_KEY
from kiosk.security.keys import OFFICE_KEY_NAMES

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
UNIT = DEPLOY / "anjungan-kiosk.service"
SITE_CONFIG = Path("/etc/xdg/anjungan/kiosk.toml")  # where `sudo kiosk` finds it too


def settings_of(unit: Path) -> list[tuple[str, str]]:
    pairs = []
    for line in unit.read_text().splitlines():
        if line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            pairs.append((key, value))
    return pairs


def test_the_unit_loads_each_office_key_from_the_default_credentials_folder() -> None:
    folder = OPTIONS_BY_KEY["security.credentials_dir"].default
    loaded = [value for key, value in settings_of(UNIT) if key == "LoadCredentialEncrypted"]
    assert loaded == [f"{name}:{folder}/{name}{SUFFIX}" for name in OFFICE_KEY_NAMES]
    assert ("Environment", f"KIOSK_CONFIG={SITE_CONFIG}") in settings_of(UNIT)
    assert ("UMask", "0077") in settings_of(UNIT)


def test_the_appliance_settings_use_systemd_credentials_and_the_units_data_folder() -> None:
    settings = load_settings(DEPLOY / "kiosk.toml", {})
    assert settings.security.key_store == "systemd-creds"
    assert (
        str(settings.security.credentials_dir)
        == OPTIONS_BY_KEY["security.credentials_dir"].default.__str__()
    )
    writable = [value for key, value in settings_of(UNIT) if key == "ReadWritePaths"]
    assert writable == [str(settings.paths.data_dir)]
    assert platformdirs.site_config_path("anjungan") / "kiosk.toml" == SITE_CONFIG


def test_systemd_finds_nothing_wrong_but_the_compositor_not_installed_here() -> None:
    program = shutil.which("systemd-analyze")
    if program is None:
        pytest.skip("systemd-analyze is not installed")
    done = subprocess.run(
        [program, "verify", str(UNIT)], capture_output=True, text=True, timeout=60, check=False
    )
    problems = [
        line
        for line in (done.stdout + done.stderr).splitlines()
        if line.strip() and "/usr/bin/cage is not executable" not in line
    ]
    assert problems == []
