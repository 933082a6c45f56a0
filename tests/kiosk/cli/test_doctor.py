"""`kiosk doctor`: every part's findings, ok or a problem with its fix; status 1 on a problem."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from devices.emulator import EmulatedPrinter
from kiosk.cli import doctor
from kiosk.cli import main as cli_main
from kiosk.cli.findings import Finding, not_checked, ok, problem
from kiosk.cli.main import main
from kiosk.db.engine import create_engine_for
from kiosk.db.migrate import head_revision, upgrade
from kiosk.i18n import N_


@pytest.fixture
def environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings of a test kiosk, in English; returns its data folder."""
    for name in ("KIOSK_PRINTER_URL", "KIOSK_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "kiosk.toml").write_text('[ui]\nlanguage = "en"\n')
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "kiosk.toml"))
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def entries(*checks: tuple[str, list[Finding]]) -> tuple[doctor.Entry, ...]:
    return tuple(doctor.Entry(name, name.title(), lambda _s, f=f: f) for name, f in checks)


SPEAKS = ok(
    N_("Indonesian voice"),
    N_("%(voice)s, of the %(module)s module"),
    voice="Indonesian",
    module="espeak-ng",
)
SILENT = problem(
    N_("output module"),
    N_("speech-dispatcher's %(module)s module has no Indonesian voice."),
    N_("Install the Debian package %(package)s: sudo apt-get install %(package)s"),
    module="espeak-ng",
    package="espeak-ng-data",
)


@pytest.mark.usefixtures("environment")
def test_all_ok_exits_0(monkeypatch, capsys):
    monkeypatch.setattr(doctor, "CHECKS", entries(("voice", [SPEAKS])))
    assert main(["doctor"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Voice",
        "  ok           Indonesian voice: Indonesian, of the espeak-ng module",
        "No problems found.",
    ]


@pytest.mark.usefixtures("environment")
def test_a_problem_is_printed_with_its_fix_and_exits_1(monkeypatch, capsys):
    after = not_checked(N_("engine start"), N_("the engine did not start"))
    checks = entries(("voice", [SPEAKS, SILENT, after]), ("printer", [SPEAKS]))
    monkeypatch.setattr(doctor, "CHECKS", checks)
    assert main(["doctor"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "Voice",
        "  ok           Indonesian voice: Indonesian, of the espeak-ng module",
        "  PROBLEM      output module: speech-dispatcher's espeak-ng module has no Indonesian "
        "voice.",
        "               fix: Install the Debian package espeak-ng-data: sudo apt-get install "
        "espeak-ng-data",
        "  not checked  engine start: the engine did not start",
        "Printer",
        "  ok           Indonesian voice: Indonesian, of the espeak-ng module",
        "1 problem.",
    ]


@pytest.mark.usefixtures("environment")
def test_only_the_parts_named_are_checked(monkeypatch, capsys):
    monkeypatch.setattr(doctor, "CHECKS", entries(("voice", [SILENT]), ("printer", [SPEAKS])))
    assert main(["doctor", "printer"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "Printer"


def test_the_parser_knows_every_check_by_name():
    assert tuple(entry.name for entry in doctor.CHECKS) == cli_main.DOCTOR_CHECKS


@pytest.mark.usefixtures("environment")
def test_a_check_that_breaks_is_a_problem_and_the_others_still_run(monkeypatch, capsys):
    def broken(_settings):
        raise RuntimeError("boom")

    checks = (doctor.Entry("voice", "Voice", broken), *entries(("printer", [SPEAKS])))
    monkeypatch.setattr(doctor, "CHECKS", checks)
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert "  PROBLEM      the check itself: it failed: RuntimeError: boom" in out
    assert "Printer\n  ok" in out


def test_the_output_is_in_the_kiosks_language():
    lines = doctor.describe(SILENT, "id").splitlines()
    assert lines[0].split()[0] != "PROBLEM" and "espeak-ng" in lines[0]
    assert "sudo apt-get install espeak-ng-data" in lines[1]
    assert lines[1] != doctor.describe(SILENT, "en").splitlines()[1]


def test_the_printer_check_asks_the_printer(environment, monkeypatch, emulator_url):
    from kiosk.cli.settings_loader import settings_for

    monkeypatch.setenv("KIOSK_PRINTER_URL", emulator_url)
    settings = settings_for(cli_main.build_parser().parse_args(["doctor"]))
    (ready,) = doctor.printer(settings)
    assert (ready.problem, ready.detail_in()) == (False, f"ready at {emulator_url} (80mm)")
    from devices.emulator import get_emulator

    emulator: EmulatedPrinter = get_emulator(emulator_url.removeprefix("emu://"))
    emulator.paper_out()
    (out,) = doctor.printer(settings)
    assert (out.problem, out.detail_in("en")) == (True, "The printer is out of paper.")


@pytest.mark.usefixtures("environment")
def test_a_printer_not_set_up_is_a_problem_with_its_fix(monkeypatch):
    from kiosk.cli.settings_loader import settings_for

    settings = settings_for(cli_main.build_parser().parse_args(["doctor"]))
    (finding,) = doctor.printer(settings)
    assert finding.problem and "printer.url" in finding.detail_in()
    assert "kiosk devices list" in finding.fix_in()


def test_the_database_check_reads_the_schema_and_creates_nothing(environment):
    from kiosk.cli.settings_loader import settings_for

    settings = settings_for(cli_main.build_parser().parse_args(["doctor"]))
    database = Path(str(settings.database.url).removeprefix("sqlite:///"))
    (fresh,) = doctor.database(settings)
    assert not fresh.problem and "not created yet" in fresh.detail_in()
    assert not database.exists()
    engine = create_engine_for(settings.database.url)
    upgrade(engine)
    engine.dispose()
    (current,) = doctor.database(settings)
    assert current.detail_in().endswith(f"schema {head_revision()} (the newest)")


def test_a_database_that_cannot_be_opened_is_a_problem(environment, monkeypatch):
    from kiosk.cli.settings_loader import settings_for

    monkeypatch.setenv("KIOSK_DATABASE_URL", "postgresql://kiosk:secret@127.0.0.1:1/anjungan")
    settings = settings_for(cli_main.build_parser().parse_args(["doctor"]))
    (finding,) = doctor.database(settings)
    assert finding.problem and "cannot be opened" in finding.detail_in()
    assert "secret" not in finding.detail_in()


def test_doctor_as_a_technician_runs_it(environment, tmp_path):
    """The real command in its own process: the real checks, one line per finding."""
    import os

    env = dict(os.environ, KIOSK_PRINTER_URL="emu://doctor")
    done = subprocess.run(
        [sys.executable, "-m", "kiosk.cli.main", "doctor"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = done.stdout.splitlines()
    assert [line for line in lines if not line.startswith(" ")][:3] == [
        "Voice",
        "Printer",
        "Database",
    ]
    assert "receipt printer: ready at emu://doctor (80mm)" in done.stdout
    assert done.returncode == (1 if "PROBLEM" in done.stdout else 0), done.stdout
