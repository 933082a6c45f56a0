"""The appliance unit in deploy/: it loads exactly the office keys, from where
`kiosk keys init` writes them, and systemd finds nothing wrong in it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.cli.credentials import SUFFIX
from kiosk.config.schema import OPTIONS_BY_KEY
from kiosk.security.keys import OFFICE_KEY_NAMES

UNIT = Path(__file__).resolve().parents[1] / "deploy" / "anjungan-kiosk.service"


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
    assert ("Environment", "KIOSK_SECURITY_KEY_STORE=systemd-creds") in settings_of(UNIT)
    assert ("UMask", "0077") in settings_of(UNIT)


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
