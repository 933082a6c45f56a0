"""The `kiosk` command keeps its data to its user: umask 0077, a data folder 0700 and a
database 0600, whatever the umask it was started with."""

from __future__ import annotations

import argparse
import logging
import os
import stat
from pathlib import Path

import pytest

from kiosk.cli import main as cli_main
from kiosk.cli.main import main


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("own_settings")
def test_commands_run_under_a_private_umask(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever a command or its children create (a socket, a ticket file, the SQLite
    companions) is its user's only."""
    seen: list[int] = []

    def handler(_args: argparse.Namespace) -> int:
        seen.append(os.umask(0o077))
        return 0

    monkeypatch.setattr(cli_main, "resolve_handler", lambda _name: handler)
    os.umask(0o022)
    assert main(["config", "show"]) == 0
    assert seen == [0o077]


@pytest.mark.parametrize("umask", [0o022, 0o000], ids=["umask-022", "umask-000"])
def test_the_data_folder_and_database_are_private_whatever_the_umask(
    own_settings: Path, umask: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.umask(umask)
    monkeypatch.setattr(os, "umask", lambda _mask: umask)  # as if main could not set it
    assert main(["db", "upgrade"]) == 0
    assert mode(own_settings) == 0o700
    assert mode(own_settings / "anjungan.db") == 0o600


def test_an_open_data_folder_is_tightened_at_start(
    own_settings: Path, caplog: pytest.LogCaptureFixture
) -> None:
    own_settings.mkdir(mode=0o755)
    own_settings.chmod(0o755)
    with caplog.at_level(logging.WARNING):
        assert main(["config", "show"]) == 0
    assert mode(own_settings) == 0o700
    assert f"{own_settings} was open to others (mode 0755); now 0700" in caplog.text
