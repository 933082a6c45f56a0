"""The `kiosk` command as a technician runs it: real processes, a pty printer emulator."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.emulator import PtyPrinterProcess
from tests.helpers.cli import kiosk
from tests.helpers.secrets import keys_in_real_keyring


@pytest.fixture
def environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(
        KIOSK_CONFIG=str(tmp_path / "kiosk.toml"),
        KIOSK_DATA_DIR=str(tmp_path / "data"),
        KIOSK_DATABASE_URL=f"sqlite:///{tmp_path / 'data' / 'anjungan.db'}",
    )
    (tmp_path / "kiosk.toml").write_text('[office]\nname = "Kantor Desa Uji"\n')
    return env


@pytest.fixture
def pty_printer(tmp_path: Path) -> Iterator[PtyPrinterProcess]:
    """The emulated printer (simulated hardware) in another process, on a real pty."""
    with PtyPrinterProcess(tmp_path / "ttyPRINTER") as process:
        yield process


@pytest.mark.slow
def test_issue_prints_on_a_pty_printer_and_paper_out_fails_cleanly(
    environment: dict[str, str], pty_printer: PtyPrinterProcess
) -> None:
    environment["KIOSK_PRINTER_URL"] = str(pty_printer.link)
    first = kiosk(environment, "queue", "issue", "A")
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("A-001\t")
    assert any("A-001" in ticket for ticket in pty_printer.tickets())

    pty_printer.command("paper-out")
    failed = kiosk(environment, "queue", "issue", "A")
    assert failed.returncode == 1
    assert "Kertas printer habis." in failed.stderr
    assert "Traceback" not in failed.stderr
    pty_printer.command("paper-ok")

    again = kiosk(environment, "queue", "issue", "A", "--priority")
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("A-002\t"), "the failed print must not use up a number"


@pytest.mark.slow
def test_a_print_failing_mid_ticket_names_the_voided_number(
    environment: dict[str, str], pty_printer: PtyPrinterProcess
) -> None:
    environment["KIOSK_PRINTER_URL"] = str(pty_printer.link)
    assert pty_printer.command("paper-out-after 3") == "ok"  # ready, then out mid-ticket
    failed = kiosk(environment, "queue", "issue", "A")
    assert failed.returncode == 1
    assert "Kertas printer habis. Nomor antrean A-001 dibatalkan" in failed.stderr
    assert "Tidak ada nomor antrean yang terpakai" not in failed.stderr
    assert "Traceback" not in failed.stderr
    assert pty_printer.command("paper-ok") == "ok"

    again = kiosk(environment, "queue", "issue", "A")
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("A-002\t"), "a voided number is never given again"


@pytest.mark.slow
def test_printer_status_and_test_page(
    environment: dict[str, str], pty_printer: PtyPrinterProcess
) -> None:
    environment["KIOSK_PRINTER_URL"] = str(pty_printer.link)
    status = kiosk(environment, "printer", "status")
    assert status.returncode == 0, status.stderr
    assert "state: online" in status.stdout
    page = kiosk(environment, "printer", "test")
    assert page.returncode == 0, page.stderr
    assert any("Test page" in ticket for ticket in pty_printer.tickets())


def test_missing_printer_is_reported_in_plain_words(environment: dict[str, str]) -> None:
    environment["KIOSK_PRINTER_URL"] = "/dev/ttyNOPRINTER"
    result = kiosk(environment, "queue", "issue", "B")
    assert result.returncode == 1
    assert "Printer tidak tersambung." in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_setting_names_the_key_without_a_traceback(
    environment: dict[str, str], tmp_path: Path
) -> None:
    (tmp_path / "kiosk.toml").write_text("[printer]\nbaudrate = 'fast'\n")
    result = kiosk(environment, "printer", "status")
    assert result.returncode == 1
    assert "printer.baudrate" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unset_printer_is_refused_not_emulated(environment: dict[str, str]) -> None:
    result = kiosk(environment, "queue", "issue", "A")
    assert result.returncode == 1
    assert "printer.url" in result.stderr
    assert "A-001" not in result.stdout


def test_unexpected_errors_are_one_line_not_a_traceback(environment: dict[str, str]) -> None:
    environment["KIOSK_DATABASE_URL"] = "sqlite:////proc/nope/anjungan.db"
    environment["KIOSK_PRINTER_URL"] = "emu://cli"
    result = kiosk(environment, "queue", "issue", "A")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "--verbose" in result.stderr


def test_unknown_service_is_refused(environment: dict[str, str]) -> None:
    environment["KIOSK_PRINTER_URL"] = "emu://cli"
    result = kiosk(environment, "queue", "issue", "Z")
    assert result.returncode == 1
    assert "Z" in result.stderr


def test_help_is_written_for_a_technician(environment: dict[str, str]) -> None:
    result = kiosk(environment, "queue", "issue", "--help")
    assert result.returncode == 0
    assert "no number is consumed" in " ".join(result.stdout.split())
    assert "voids its number" in " ".join(result.stdout.split())


def test_keys_export_then_import_through_the_os_keyring(
    environment: dict[str, str], tmp_path: Path
) -> None:
    """Both runs use this machine's real keyring, so the import finds the same keys."""
    keys_in_real_keyring(environment["KIOSK_DATABASE_URL"])  # the kiosk has run once here
    bundle = tmp_path / "kunci.json"
    passphrase = "sawah hijau di lereng\n"
    exported = kiosk_with_input(environment, passphrase, "keys", "export", str(bundle))
    assert exported.returncode == 0, exported.stderr
    assert bundle.stat().st_mode & 0o777 == 0o600
    imported = kiosk_with_input(environment, passphrase, "keys", "import", str(bundle))
    assert imported.returncode == 0, imported.stderr
    assert "already here anjungan-data-key-v1" in imported.stdout
    again = kiosk_with_input(environment, passphrase, "keys", "export", str(bundle))
    assert again.returncode == 1 and "kunci.json already exists" in again.stderr  # kept
    assert "FileExistsError" not in again.stderr  # a sentence, not a Python error
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "elsewhere.json")
    through = kiosk_with_input(environment, passphrase, "keys", "export", str(link))
    assert through.returncode == 1 and "symbolic link" in through.stderr
    assert not (tmp_path / "elsewhere.json").exists()
    wrong = kiosk_with_input(environment, "salah salah salah\n", "keys", "import", str(bundle))
    assert wrong.returncode == 1 and "wrong passphrase" in wrong.stderr


def kiosk_with_input(
    env: dict[str, str], stdin: str, *args: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk.cli.main", *args, "--passphrase-stdin"],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_emulate_send_to_nothing_says_so(environment: dict[str, str], tmp_path: Path) -> None:
    result = kiosk(environment, "emulate", "send", "--control", str(tmp_path / "x"), "card", "1")
    assert result.returncode == 1
    assert "no emulator answers at" in result.stderr
