"""The voice check: each way the voice goes silent is named with its fix, in bounded time;
and on this machine, as scripts/bootstrap set it up, the voice can speak."""

from __future__ import annotations

import logging
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.cli import voice_check
from kiosk.cli.findings import Finding, Outcome
from kiosk.cli.voice_check import StartupVoiceCheck, check_voice, first_problem

FAKE = Path(__file__).with_name("fake_speechd.py")

Fake = Callable[..., Path]


@pytest.fixture
def fake_speechd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Fake:
    """Puts a stand-in speech-dispatcher first on PATH; returns where it records its pids."""

    def install(mode: str, voices: str = "") -> Path:
        folder, record = tmp_path / "bin", tmp_path / "record"
        folder.mkdir()
        record.mkdir()
        program = folder / "speech-dispatcher"
        run = f"runpy.run_path({str(FAKE)!r}, run_name='__main__')"
        program.write_text(f"#!{sys.executable}\nimport runpy\n{run}\n")
        program.chmod(0o755)
        monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
        monkeypatch.setenv("FAKE_SPEECHD", mode)
        monkeypatch.setenv("FAKE_VOICES", voices)
        monkeypatch.setenv("FAKE_SPEECHD_RECORD", str(record))
        return record

    return install


def by_name(findings: list[Finding]) -> dict[str, Finding]:
    return {finding.what_in(): finding for finding in findings}


def gone(pid_file: Path) -> bool:
    """Whether the process is dead (a zombie waiting for init counts as dead)."""
    pid = int(pid_file.read_text())
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state in ("Z", "X")


def dies_soon(pid_file: Path, seconds: float = 2.0) -> bool:
    """Whether the process is dead within `seconds`: SIGKILL to an orphaned module lands
    when the kernel next schedules it, which a loaded machine may delay a little."""
    deadline = time.monotonic() + seconds
    while not gone(pid_file):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_a_server_without_output_modules_names_the_package_to_install(fake_speechd):
    fake_speechd("no-modules")
    found = by_name(check_voice())
    engine = found["engine start"]
    assert engine.problem
    assert engine.detail_in() == (
        "speech-dispatcher stopped at start: speechd: No speech output modules were loaded "
        "- aborting..."
    )
    assert engine.fix_in() == (
        "Install the Debian package speech-dispatcher-espeak-ng: "
        "sudo apt-get install speech-dispatcher-espeak-ng"
    )
    assert found["Indonesian voice"].outcome is Outcome.NOT_CHECKED
    assert found["speech-dispatcher"].outcome is Outcome.OK


def test_no_output_module_on_disk_is_a_problem_of_its_own(monkeypatch, tmp_path):
    empty = tmp_path / "speech-dispatcher-modules"
    empty.mkdir()
    (empty / "sd_dummy").touch(mode=0o755)  # says nothing useful: not counted
    monkeypatch.setattr(voice_check, "module_folders", lambda: [empty])
    finding = voice_check.module_finding(voice_check.output_modules())
    assert finding.problem
    assert f"none in {empty}" in finding.detail_in()
    assert "No speech output modules were loaded" in finding.detail_in()
    assert "sudo apt-get install speech-dispatcher-espeak-ng" in finding.fix_in()


def test_a_missing_locale_is_named_as_the_reason(fake_speechd):
    fake_speechd("locale")
    engine = by_name(check_voice())["engine start"]
    assert engine.detail_in() == (
        "speech-dispatcher stopped at start: setlocale: No such file or directory"
    )
    assert "locale-gen" in engine.fix_in()


def test_without_speech_dispatcher_nothing_else_is_tried(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    findings = check_voice()
    assert [f.outcome for f in findings if f.what_in() != "Qt speech engine"] == [
        Outcome.PROBLEM,
        Outcome.NOT_CHECKED,
        Outcome.NOT_CHECKED,
        Outcome.NOT_CHECKED,
    ]
    assert findings[0].fix_in() == (
        "Install the Debian package speech-dispatcher: sudo apt-get install speech-dispatcher"
    )


def test_a_server_that_hangs_is_killed_with_its_modules_in_bounded_time(fake_speechd, monkeypatch):
    record = fake_speechd("hang")
    monkeypatch.setattr(voice_check, "START_SECONDS", 1.0)
    started = time.monotonic()
    engine = by_name(check_voice())["engine start"]
    assert time.monotonic() - started < 8
    assert engine.detail_in() == "speech-dispatcher did not start within 1 seconds: it hangs."
    assert gone(record / "server.pid") and dies_soon(record / "module.pid")


def test_a_server_that_never_answers_is_a_problem_not_a_freeze(fake_speechd, monkeypatch):
    record = fake_speechd("silent")
    monkeypatch.setattr(voice_check, "REPLY_SECONDS", 1.0)
    started = time.monotonic()
    engine = by_name(check_voice())["engine start"]
    assert time.monotonic() - started < 8
    assert engine.detail_in() == (
        "speech-dispatcher started but did not answer: no answer, for 1 seconds"
    )
    assert gone(record / "server.pid")


def test_the_voices_are_asked_of_the_server(fake_speechd):
    fake_speechd("serve", voices="Afrikaans/af,Indonesian/id,Malay/ms")
    found = by_name(check_voice())
    assert found["engine start"].detail_in() == ("speech-dispatcher answers (modules: espeak-ng).")
    voice = found["Indonesian voice"]
    assert (voice.outcome, voice.detail_in()) == (
        Outcome.OK,
        "Indonesian, of the espeak-ng module",
    )


def test_a_server_without_an_indonesian_voice_names_the_voice_data(fake_speechd):
    fake_speechd("serve", voices="Afrikaans/af,Malay/ms")
    voice = by_name(check_voice())["Indonesian voice"]
    assert voice.detail_in() == "speech-dispatcher's espeak-ng module has no Indonesian voice."
    assert voice.fix_in().endswith("sudo apt-get install espeak-ng-data")


def test_findings_read_in_the_technicians_language(fake_speechd):
    fake_speechd("no-modules")
    engine = by_name(check_voice())["engine start"]
    assert engine.what_in("id") != engine.what_in("en")
    assert "speech-dispatcher-espeak-ng" in engine.fix_in("id")
    assert engine.fix_in("id") != engine.fix_in("en")


def test_the_start_up_check_logs_the_fix_and_hands_over_the_problem(fake_speechd, caplog):
    fake_speechd("no-modules")
    handed: list[Finding | None] = []
    done = threading.Event()

    def deliver(problem: Finding | None) -> None:
        handed.append(problem)
        done.set()

    with caplog.at_level(logging.WARNING, logger="kiosk.cli.voice_check"):
        check = StartupVoiceCheck(deliver).start()
        assert done.wait(20)
        check.stop()
    assert len(handed) == 1 and handed[0] is not None
    assert handed[0].what_in() == "engine start"
    assert (
        "the kiosk's voice cannot speak: engine start: speech-dispatcher stopped at start: "
        "speechd: No speech output modules were loaded - aborting... Fix: Install the Debian "
        "package speech-dispatcher-espeak-ng: sudo apt-get install speech-dispatcher-espeak-ng"
    ) in caplog.messages


def test_stopping_the_start_up_check_ends_its_server_at_once(fake_speechd, monkeypatch):
    """The kiosk closing while speech-dispatcher hangs: nothing waits for the deadline."""
    record = fake_speechd("hang")
    monkeypatch.setattr(voice_check, "START_SECONDS", 60.0)
    handed: list[object] = []
    check = StartupVoiceCheck(handed.append).start()
    deadline = time.monotonic() + 20
    while not (record / "module.pid").exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    started = time.monotonic()
    check.stop()
    assert time.monotonic() - started < 2
    assert handed == []  # cancelled: nothing to show
    assert gone(record / "server.pid") and dies_soon(record / "module.pid")


def test_on_this_machine_the_voice_can_speak():
    """What scripts/bootstrap installs gives a voice: the check run as `kiosk run` runs it
    (a real speech-dispatcher, its espeak-ng module, an Indonesian voice)."""
    if shutil.which("speech-dispatcher") is None and not os.environ.get("CI"):
        pytest.skip("speech-dispatcher is not installed (scripts/bootstrap installs it)")
    findings = check_voice()
    problem = first_problem(findings)
    assert problem is None, f"{problem.what_in()}: {problem.detail_in()} Fix: {problem.fix_in()}"
    assert [f.outcome for f in findings] == [Outcome.OK] * 5
