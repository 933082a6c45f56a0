"""Saying calls in turn: which calls are news, a voice that never answers, the chime."""

from __future__ import annotations

import array
import logging
import wave
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtMultimedia import QMediaDevices
from PySide6.QtTextToSpeech import QTextToSpeech

from kiosk.queue.announce import call_sentence
from kiosk.queue.board import Call
from tests.ui.board.fakes import CountingChime, TimedVoice
from ui.board.announcer import Announcer, AnnounceTiming
from ui.board.calls import NewCalls
from ui.board.chime import CHIME_SECONDS, RATE, Chime, write_chime
from ui.voice import Voice

AT = datetime(2024, 5, 6, 2, 0, tzinfo=UTC)


def call(event_id: int, prefix: str = "B", number: int = 1, counter: str = "1") -> Call:
    code = f"{prefix}-{number:03d}"
    return Call(event_id, code, prefix, number, counter, AT, again=False)


def test_the_first_picture_is_old_news_and_later_calls_come_oldest_first() -> None:
    news = NewCalls()
    assert news.take([call(7), call(5)]) == []
    assert news.take([call(9), call(8), call(7)]) == [call(8), call(9)]
    assert news.take([call(9), call(8)]) == []
    assert news.take([]) == []  # a new day: nothing called yet
    assert news.take([call(10)]) == [call(10)]


def test_a_board_started_before_any_call_says_the_first_one() -> None:
    news = NewCalls()
    assert news.take([]) == []
    assert news.take([call(1)]) == [call(1)]


def test_a_voice_that_never_answers_holds_no_call_back(qtbot: Any, caplog: Any) -> None:
    voice = TimedVoice(reports=False)  # takes the text, never says Speaking or Ready
    timing = AnnounceTiming(chime_seconds=0, start_seconds=0.1, sentence_seconds=1, gap_seconds=0)
    announcer = Announcer(voice, None, ("id",), 2, timing)
    with caplog.at_level(logging.WARNING, logger="ui.board.announcer"):
        announcer.announce(call(1, "A", 3, "1"))
        announcer.announce(call(2, "B", 4, "2"))
        qtbot.waitUntil(lambda: not announcer.busy, timeout=10_000)
    first, second = call_sentence("A", 3, "1", "id"), call_sentence("B", 4, "2", "id")
    assert voice.said() == [("id", first), ("id", first), ("id", second), ("id", second)]
    late = [r for r in caplog.records if r.name == "ui.board.announcer"]
    assert len(late) == 1  # said once, not at every sentence


def test_a_voice_in_error_ends_its_sentence(qtbot: Any) -> None:
    voice = TimedVoice(reports=False)
    timing = AnnounceTiming(chime_seconds=0, start_seconds=30, sentence_seconds=30, gap_seconds=0)
    announcer = Announcer(voice, CountingChime(), ("id",), 1, timing)
    announcer.announce(call(1))
    qtbot.waitUntil(lambda: len(voice.spoken) == 1, timeout=5_000)
    voice.state_changed.emit(QTextToSpeech.State.Error)
    qtbot.waitUntil(lambda: not announcer.busy, timeout=5_000)  # long before the 30 s limit


def test_a_switched_off_voice_still_chimes_and_shows(qtbot: Any) -> None:
    voice, chime = TimedVoice(), CountingChime()
    voice.enabled = False
    announcer = Announcer(voice, chime, ("id", "jv"), 2, AnnounceTiming(chime_seconds=0))
    started: list[Call] = []
    announcer.started.connect(started.append)
    announcer.announce(call(1))
    qtbot.waitUntil(lambda: not announcer.busy, timeout=5_000)
    assert started == [call(1)] and chime.plays == 1 and voice.spoken == []


def test_the_chime_is_a_short_soft_falling_pair_of_notes(tmp_path: Path) -> None:
    with wave.open(str(write_chime(tmp_path / "chime.wav"))) as sound:
        assert (sound.getnchannels(), sound.getsampwidth(), sound.getframerate()) == (1, 2, RATE)
        frames = sound.getnframes()
        samples = array.array("h", sound.readframes(frames))
    assert frames / RATE == pytest.approx(CHIME_SECONDS, abs=0.01)
    peak = max(abs(s) for s in samples)
    assert 0.25 * 32_767 < peak <= 0.5 * 32_767  # audible, never harsh or clipped
    half = frames // 2
    assert abs(samples[0]) < 200 and abs(samples[half]) < 200  # each note fades in: no click
    tail = max(abs(s) for s in samples[half - RATE // 50 : half])
    assert tail < peak / 4  # the first note has died away before the second


def test_without_an_audio_output_the_chime_is_skipped_and_said_once(
    qtbot: Any, caplog: Any
) -> None:
    chime = Chime()
    with caplog.at_level(logging.WARNING, logger="ui.board.chime"):
        chime.play()
        chime.play()
    skipped = [r for r in caplog.records if "no audio output" in r.getMessage()]
    assert len(skipped) == (0 if QMediaDevices.audioOutputs() else 1)


class ListeningVoice(Voice):
    """The real voice (its speaker process, Qt's test engine); notes each sentence handed
    to it while the one before was still being spoken."""

    def __init__(self) -> None:
        super().__init__(enabled=True, engine="mock")
        self.texts: list[str] = []
        self.overlaps = 0
        self.speaking = False
        self.state_changed.connect(self._note)

    def _note(self, state: object) -> None:
        self.speaking = state == QTextToSpeech.State.Speaking

    def _speak(self, text: str) -> None:
        self.overlaps += self.speaking
        self.texts.append(text)
        self.speaking = True  # from now until the speaker says Ready
        super()._speak(text)


def test_the_real_voice_says_queued_calls_one_after_the_other(qtbot: Any, caplog: Any) -> None:
    if "mock" not in QTextToSpeech.availableEngines():
        pytest.skip("Qt's mock text-to-speech engine is not installed")
    voice = ListeningVoice()
    timing = AnnounceTiming(chime_seconds=0, start_seconds=20, sentence_seconds=30, gap_seconds=0)
    announcer = Announcer(voice, None, ("id", "jv"), 2, timing)
    try:
        with caplog.at_level(logging.WARNING, logger="ui.board.announcer"):
            announcer.announce(call(1, "A", 3, "1"))
            announcer.announce(call(2, "B", 12, "2"))
            qtbot.waitUntil(lambda: not announcer.busy, timeout=60_000)
    finally:
        announcer.stop()
        assert voice.shutdown(5_000), "the speaker process hung"
    first = [call_sentence("A", 3, "1", "id"), call_sentence("A", 3, "1", "jv")] * 2
    second = [call_sentence("B", 12, "2", "id"), call_sentence("B", 12, "2", "jv")] * 2
    assert voice.texts == first + second
    assert voice.overlaps == 0
    late = [r for r in caplog.records if r.name == "ui.board.announcer"]
    assert late == []  # each sentence ended by the voice's Ready, never by a time limit
