"""A speech backend that hangs or dies: the kiosk works on, silent, logged once for the
technician (never the text), and speaks again once the backend answers.

The server is tests/kiosk/cli/fake_speechd.py in `held` mode, reached by Qt's real
speech-dispatcher plugin and libspeechd through SPEECHD_ADDRESS, as the kiosk would.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtTextToSpeech import QTextToSpeech

from ui import speaker_process
from ui.voice import SpeakerTiming, Voice

ROOT = Path(__file__).parents[2]
FAKE = ROOT / "tests" / "kiosk" / "cli" / "fake_speechd.py"
SPEAKER = ROOT / "ui" / "speaker.py"
QUICK = SpeakerTiming(start_seconds=2, answer_seconds=2, first_pause_seconds=0.3)
TEXT = "Langkah 1 dari 6. Nomor Induk Kependudukan 3273011708850001"
SPOKEN_WORDS = ("Langkah", "satu", "Nomor", "3273011708850001", "tiga")


@dataclass
class FakeServer:
    """The fake speech-dispatcher: held (no answer) while `hold` exists."""

    process: subprocess.Popen[bytes]
    hold: Path
    record: Path

    def answer(self) -> None:
        self.hold.unlink(missing_ok=True)

    def clients(self) -> int:
        path = self.record / "clients"
        return len(path.read_text().splitlines()) if path.exists() else 0


@pytest.fixture
def speech_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., FakeServer]]:
    """Starts fake servers on one socket (a later one replaces a killed one); all are
    killed at the end."""
    socket_path = tmp_path / "speechd.sock"
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{socket_path}")
    # Qt's plugin starts in the system's language and fails without a voice for it.
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    started: list[FakeServer] = []

    def start(held: bool = True) -> FakeServer:
        record, hold = tmp_path / f"server{len(started)}", tmp_path / "hold"
        record.mkdir()
        if held:
            hold.touch()
        socket_path.unlink(missing_ok=True)
        env = os.environ | {
            "FAKE_SPEECHD": "held",
            "FAKE_SPEECHD_HOLD": str(hold),
            "FAKE_SPEECHD_RECORD": str(record),
            "FAKE_VOICES": "Indonesian/id,English (America)/en-US",
        }
        arguments = ["--socket-path", str(socket_path), "--log-dir", str(record)]
        process = subprocess.Popen([sys.executable, str(FAKE), *arguments], env=env)
        started.append(FakeServer(process, hold, record))
        deadline = time.monotonic() + 10
        while not socket_path.exists():
            assert time.monotonic() < deadline, "the fake speech server did not start"
            time.sleep(0.02)
        return started[-1]

    yield start
    for server in started:
        server.process.kill()
        server.process.wait(10)


@pytest.fixture
def logged(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    with caplog.at_level(logging.DEBUG, logger="ui"):
        yield caplog


def speaker_pids() -> list[int]:
    """This process's speaker processes (ui/speaker.py), from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            command = (stat.parent / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if parent == os.getpid() and str(SPEAKER).encode() in command:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")


def warnings(caplog: pytest.LogCaptureFixture, words: str) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.WARNING and words in r.getMessage()
    ]


def assert_no_text_logged(caplog: pytest.LogCaptureFixture) -> None:
    for record in caplog.records:
        message = record.getMessage()
        assert not any(word in message for word in SPOKEN_WORDS), message


def heard(engine: str, language: str = "id") -> tuple[Voice, list[QTextToSpeech.State]]:
    """A voice (quick to give up and to try again) and the states its engine reports."""
    voice = Voice(language=language, engine=engine, timing=QUICK)
    states: list[QTextToSpeech.State] = []
    voice.state_changed.connect(states.append)
    return voice, states


def failed(caplog: pytest.LogCaptureFixture) -> bool:
    return bool(warnings(caplog, "text-to-speech failed"))


def keep_saying(qtbot, voice: Voice, every_ms: int = 200) -> QTimer:
    """The citizen moving on from screen to screen: a text to read every `every_ms`."""
    timer = QTimer()
    timer.timeout.connect(lambda: voice.say(TEXT))
    timer.start(every_ms)
    return timer


# -- the window --------------------------------------------------------------


def test_a_server_that_never_answers_leaves_the_window_working(speech_server):
    """The real window, in a process of its own: frozen, it would hang this run."""
    speech_server(held=True)
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "tests.ui.hung_voice_kiosk"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-3_000:]
    report = json.loads(done.stdout.decode().splitlines()[-1])
    assert report["screen"] == "question"
    assert report["opened_seconds"] < 10, report
    assert report["largest_gap_seconds"] < 3, report  # frozen, the gap never ends
    assert report["close_seconds"] < 3, report
    silence = [m for m in report["log"] if "text-to-speech failed" in m]
    assert silence == [
        "text-to-speech failed (no answer within 3 s): the kiosk stays silent, and tries "
        "again on the next screen after 60 s"
    ]
    assert not [m for m in report["log"] if any(w in m for w in SPOKEN_WORDS)]


# -- silence, logged once ----------------------------------------------------


def test_a_silent_server_is_logged_once_without_the_text(qtbot, speech_server, logged):
    server = speech_server(held=True)
    timing = SpeakerTiming(start_seconds=1, first_pause_seconds=0.2, longest_pause_seconds=0.4)
    voice = Voice(language="id", engine="speechd", timing=timing)
    timer = keep_saying(qtbot, voice)
    try:
        qtbot.waitUntil(lambda: server.clients() >= 3, timeout=30_000)  # two tries again
        qtbot.waitUntil(lambda: "still failing" in logged.text, timeout=30_000)
    finally:
        timer.stop()
        voice.shutdown()
    assert len(warnings(logged, "text-to-speech failed")) == 1
    assert_no_text_logged(logged)
    assert speaker_pids() == []


def test_the_voice_comes_back_when_the_server_answers(qtbot, speech_server, logged):
    server = speech_server(held=True)
    voice, states = heard("speechd")
    timer = keep_saying(qtbot, voice)
    try:
        qtbot.waitUntil(lambda: failed(logged), timeout=30_000)
        assert QTextToSpeech.State.Speaking not in states
        server.answer()
        qtbot.waitUntil(lambda: QTextToSpeech.State.Speaking in states, timeout=30_000)
    finally:
        timer.stop()
        assert voice.shutdown(5_000), "the speaker did not stop"
    assert warnings(logged, "works again") == ["text-to-speech works again: the kiosk speaks"]
    assert_no_text_logged(logged)


def test_a_server_that_hangs_mid_run_is_logged_once_while_it_is_tried_again(
    qtbot, speech_server, logged
):
    """Connected, then no answer to what it is asked: each try connects, and fails."""
    server = speech_server(held=False)
    voice, states = heard("speechd")
    timer = keep_saying(qtbot, voice)
    try:
        qtbot.waitUntil(lambda: QTextToSpeech.State.Speaking in states, timeout=30_000)
        server.hold.touch()
        qtbot.waitUntil(lambda: failed(logged), timeout=30_000)
        tried = server.clients()
        qtbot.waitUntil(lambda: server.clients() >= tried + 2, timeout=30_000)
        server.answer()
        qtbot.waitUntil(lambda: bool(warnings(logged, "works again")), timeout=30_000)
    finally:
        timer.stop()
        voice.shutdown(5_000)
    (silence,) = warnings(logged, "text-to-speech failed")
    assert silence.startswith("text-to-speech failed (no answer within 2 s)")
    assert len(warnings(logged, "works again")) == 1
    assert_no_text_logged(logged)


def test_a_server_that_dies_silences_the_voice_until_another_answers(qtbot, speech_server, logged):
    first = speech_server(held=False)
    voice, states = heard("speechd")
    timer = keep_saying(qtbot, voice)
    try:
        qtbot.waitUntil(lambda: QTextToSpeech.State.Speaking in states, timeout=30_000)
        first.process.send_signal(signal.SIGKILL)
        qtbot.waitUntil(lambda: failed(logged), timeout=30_000)
        states.clear()
        speech_server(held=False)
        qtbot.waitUntil(lambda: QTextToSpeech.State.Speaking in states, timeout=30_000)
    finally:
        timer.stop()
        voice.shutdown(5_000)
    assert len(warnings(logged, "text-to-speech failed")) == 1
    assert len(warnings(logged, "works again")) == 1
    assert_no_text_logged(logged)


def test_a_crashed_speaker_process_is_started_again(qtbot, logged):
    if "mock" not in QTextToSpeech.availableEngines():
        pytest.skip("Qt's mock text-to-speech engine is not installed")
    voice, states = heard("mock", "en")
    try:
        voice.say(TEXT * 5)
        qtbot.waitUntil(lambda: QTextToSpeech.State.Speaking in states, timeout=30_000)
        (pid,) = speaker_pids()
        os.kill(pid, signal.SIGKILL)
        qtbot.waitUntil(lambda: failed(logged), timeout=10_000)
        assert warnings(logged, "its process crashed")
        states.clear()
        timer = keep_saying(qtbot, voice)
        qtbot.waitUntil(lambda: QTextToSpeech.State.Speaking in states, timeout=30_000)
        timer.stop()
        assert speaker_pids() not in ([], [pid])
    finally:
        voice.shutdown(5_000)


# -- closing -----------------------------------------------------------------


def test_closing_while_the_server_hangs_takes_at_most_a_couple_of_seconds(
    qtbot, speech_server, logged
):
    server = speech_server(held=True)
    patient = SpeakerTiming(start_seconds=600)  # not yet declared silent when closing
    voice = Voice(language="id", engine="speechd", timing=patient)
    voice.say(TEXT)
    qtbot.waitUntil(lambda: server.clients() == 1, timeout=30_000)  # stuck in spd_open
    (pid,) = speaker_pids()
    started = time.monotonic()
    assert not voice.shutdown(), "it cannot have stopped by itself"
    assert time.monotonic() - started < 3  # 1 s for it to stop, then killed
    assert not alive(pid)
    assert warnings(logged, "did not stop within 1000 ms")
    assert_no_text_logged(logged)


def test_the_speaker_process_ends_with_the_kiosk(tmp_path, speech_server):
    """A kiosk killed outright takes its speaker with it, even one stuck in the engine."""
    server = speech_server(held=True)
    kiosk = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import os, subprocess, sys, time\n"
            f"p = subprocess.Popen([sys.executable, {str(SPEAKER)!r}, '--engine', 'speechd',"
            " '--parent', str(os.getpid())], stdin=subprocess.PIPE)\n"
            "print(p.pid, flush=True)\n"
            "time.sleep(600)\n",
        ],
        stdout=subprocess.PIPE,
    )
    assert kiosk.stdout is not None
    pid = int(kiosk.stdout.readline())
    deadline = time.monotonic() + 30
    while server.clients() == 0:
        assert time.monotonic() < deadline, "the speaker never reached the server"
        time.sleep(0.02)
    kiosk.kill()
    kiosk.wait(10)
    deadline = time.monotonic() + 10
    while alive(pid):
        assert time.monotonic() < deadline, "the speaker outlived its kiosk"
        time.sleep(0.02)


# -- garbage -----------------------------------------------------------------


def test_the_speaker_program_shrugs_off_garbage():
    if "mock" not in QTextToSpeech.availableEngines():
        pytest.skip("Qt's mock text-to-speech engine is not installed")
    arguments = [str(SPEAKER), "--engine", "mock", "--parent", str(os.getpid())]
    speaker = subprocess.Popen(
        [sys.executable, *arguments], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    garbage = [
        b"not json",
        b"[1, 2]",
        b'{"do": "say", "text": 5, "language": null}',
        b'{"do": "format the disk"}',
        b"\xff\xfe\x00",
        b"[" * 100_000,  # deeper than the parser goes
        b"x" * (3 << 20),  # a line longer than any request
        b'{"do": "say", "text": "halo", "language": "en"}',
    ]
    out, _ = speaker.communicate(b"\n".join(garbage) + b"\n", timeout=60)
    events = [json.loads(line)["event"] for line in out.splitlines()]
    assert speaker.returncode == 0
    assert events[0] == "ready"
    assert events.count("done") == len(garbage)  # each line is answered, if only so
    assert "voice" in events and "state" in events  # the last one was read


def test_garbage_from_the_speaker_process_silences_the_voice(qtbot, tmp_path, monkeypatch, logged):
    impostor = tmp_path / "impostor.py"
    impostor.write_text(
        "import sys, time\n"
        'sys.stdout.write(\'{"event": "state", "state": "Nonsense"}\\n\')\n'
        "sys.stdout.write('{\"event\": [1]}\\nnot json\\n' + '[' * 100000 + '\\n')\n"
        "sys.stdout.write('x' * 200000)\n"
        "sys.stdout.flush()\n"
        "time.sleep(60)\n"
    )
    monkeypatch.setattr(speaker_process, "PROGRAM", impostor)
    voice, states = heard("mock")
    voice.say(TEXT)
    qtbot.waitUntil(lambda: failed(logged), timeout=10_000)
    assert warnings(logged, "not the speaker's")
    assert states == []
    assert voice.shutdown()
