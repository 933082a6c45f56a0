"""Recorded questions: a field's audio file plays instead of the synthesised question;
errors are still read by the text-to-speech voice; a missing or broken file falls back.

This machine has no sound card: Qt's FFmpeg backend still decodes the file and runs its
clock (the position reaches the end and EndOfMedia comes), but nothing is heard.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import struct
import wave
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtMultimedia import QMediaPlayer

from kiosk.catalogue.model import ServiceDefinition
from tests.ui.fakes import shipped_services
from tests.ui.guided_steps import NIK, open_service, type_keys
from tests.ui.helpers import tap
from ui.recordings import RecordingPlayer
from ui.voice import Voice, _choose_locale

SERVICE = "surat-keterangan-domisili"
RATE = 16_000
NIK_QUESTION = "Langkah satu dari empat belas. Nomor Induk Kependudukan (NIK). "


def write_tone(path: Path, seconds: float = 0.3) -> Path:
    """A real, small WAV file: a 440 Hz tone, 16-bit mono."""
    frames = b"".join(
        struct.pack("<h", round(8_000 * math.sin(2 * math.pi * 440 * i / RATE)))
        for i in range(round(RATE * seconds))
    )
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)
    return path


def with_audio(
    definition: ServiceDefinition, audio: dict[str, dict[str, str]]
) -> ServiceDefinition:
    fields = tuple(
        dataclasses.replace(f, audio=audio[f.name]) if f.name in audio else f
        for f in definition.fields
    )
    return dataclasses.replace(definition, fields=fields)


@pytest.fixture
def recorded(tmp_path, fake_services, make_guided):
    """The domisili service with a recording of its NIK question in Indonesian, and a
    name question whose recording is declared but missing."""
    write_tone(tmp_path / "nik-id.wav")
    audio = {"nik": {"id": "nik-id.wav"}, "nama": {"id": "nama-id.wav"}}
    fake_services.definitions = {SERVICE: with_audio(shipped_services()[SERVICE], audio)}
    return make_guided(recordings_dir=tmp_path)


def test_the_recording_plays_instead_of_the_synthesised_question(qtbot, recorded, tmp_path):
    voice = recorded.voice
    with qtbot.waitSignal(voice.recording_started, timeout=10_000) as started:
        open_service(qtbot, recorded, SERVICE)
    player = voice.recordings.media_player
    assert started.args == [str(tmp_path / "nik-id.wav")]
    assert player.source().toLocalFile() == str(tmp_path / "nik-id.wav")
    assert player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
    with qtbot.waitSignal(voice.recording_ended, timeout=10_000):
        pass
    assert player.mediaStatus() == QMediaPlayer.MediaStatus.EndOfMedia
    assert player.position() >= 250  # played through (0.3 s), not skipped
    assert voice.spoken == []  # nothing synthesised: no proposal, no problem


def test_errors_are_still_spoken_and_listen_replays_the_recording(qtbot, recorded):
    voice = recorded.voice
    with qtbot.waitSignal(voice.recording_started, timeout=10_000):
        open_service(qtbot, recorded, SERVICE)
    tap(qtbot, recorded, "next")  # no answer
    assert voice.spoken == ["Mohon jawab pertanyaan ini."]
    assert voice.recordings.source is None  # the error interrupted the recording
    with qtbot.waitSignal(voice.recording_started, timeout=10_000):
        tap(qtbot, recorded, "speak")


def test_a_missing_recording_is_read_by_the_voice_with_a_warning(qtbot, recorded, caplog):
    voice = recorded.voice
    with qtbot.waitSignal(voice.recording_started, timeout=10_000):
        open_service(qtbot, recorded, SERVICE)
    type_keys(qtbot, recorded, NIK)
    with caplog.at_level(logging.WARNING, logger="ui.voice"):
        tap(qtbot, recorded, "next")
    assert voice.spoken[-1].startswith("Langkah dua dari empat belas. Nama lengkap")
    assert "recording nama-id.wav is missing: the text is read" in caplog.messages


def test_a_broken_recording_falls_back_to_the_voice(qtbot, recorded, tmp_path, caplog):
    (tmp_path / "nik-id.wav").write_bytes(b"RIFF not really a wave file")
    voice = recorded.voice
    with (
        caplog.at_level(logging.WARNING, logger="ui.recordings"),
        qtbot.waitSignal(voice.recordings.failed, timeout=10_000),
    ):
        open_service(qtbot, recorded, SERVICE)
    assert voice.spoken == [NIK_QUESTION + "enam belas angka pada KTP-el Anda."]
    assert any(m.startswith("recording nik-id.wav did not play") for m in caplog.messages)


def test_another_language_without_a_recording_is_read(qtbot, recorded):
    recorded.set_language("en")
    open_service(qtbot, recorded, SERVICE)
    assert recorded.voice.spoken[-1].startswith("Step one of fourteen.")
    assert recorded.voice.recordings.source is None


class FakeSpeech:
    """The two calls `_choose_locale` makes on a QTextToSpeech."""

    def __init__(self) -> None:
        self.chosen: QLocale | None = None

    def availableLocales(self) -> list[QLocale]:
        return [QLocale("en_US"), QLocale("id_ID")]

    def setLocale(self, locale: QLocale) -> None:
        self.chosen = locale


def test_javanese_screens_are_read_by_the_indonesian_voice():
    speech = FakeSpeech()
    _choose_locale(speech, "jv")  # type: ignore[arg-type]
    assert speech.chosen == QLocale("id_ID")


def test_the_player_is_driven_from_the_event_loop_never_by_a_direct_call(qtbot, tmp_path):
    # A direct call holds Python's lock while QtMultimedia waits for its threads, and an
    # FFmpeg thread ending a stream waited for that lock: the screen froze (seen twice).
    recordings = RecordingPlayer()
    tone = write_tone(tmp_path / "tone.wav")
    player = recordings.media_player
    recordings.play(tone)
    assert player.source().isEmpty()  # not yet: queued for the next turn
    with qtbot.waitSignal(recordings.started, timeout=10_000):
        pass
    assert player.source().toLocalFile() == str(tone)
    recordings.stop()
    assert player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
    qtbot.waitUntil(lambda: player.playbackState() == QMediaPlayer.PlaybackState.StoppedState)
    recordings.deleteLater()


def test_a_late_signal_from_the_file_before_is_not_taken_for_the_new_one(qtbot, tmp_path):
    # `play` queues the new source: until it is set, the player still has the old file,
    # and that file's late end or error must not end (or fail) the new recording.
    recordings = RecordingPlayer()
    first = write_tone(tmp_path / "first.wav")
    second = write_tone(tmp_path / "second.wav")
    player = recordings.media_player
    with qtbot.waitSignal(recordings.started, timeout=10_000):
        recordings.play(first)
    seen: list[str] = []
    recordings.started.connect(lambda path: seen.append(f"started {Path(path).name}"))
    recordings.ended.connect(lambda: seen.append("ended"))
    recordings.failed.connect(lambda path: seen.append(f"failed {Path(path).name}"))
    recordings.play(second)
    assert player.source().toLocalFile() == str(first)  # the new source is still queued
    player.mediaStatusChanged.emit(QMediaPlayer.MediaStatus.EndOfMedia)
    player.mediaStatusChanged.emit(QMediaPlayer.MediaStatus.InvalidMedia)
    player.errorOccurred.emit(QMediaPlayer.Error.ResourceError, "late")
    player.playbackStateChanged.emit(QMediaPlayer.PlaybackState.PlayingState)
    assert (seen, recordings.source) == ([], second)
    with qtbot.waitSignal(recordings.ended, timeout=10_000):
        pass  # the second file plays through, reported as itself
    assert seen == ["started second.wav", "ended"]
    recordings.deleteLater()


def test_the_voice_stops_a_recording_at_shutdown_without_the_event_loop(qtbot, tmp_path):
    # The window shuts the voice down after the event loop has returned: a stop queued
    # for the loop would never run, and the recording would play on.
    voice = Voice(enabled=True)
    tone = write_tone(tmp_path / "tone.wav", seconds=5)
    with qtbot.waitSignal(voice.recording_started, timeout=10_000):
        voice.play(tone, instead="")
    player = voice.recordings.media_player
    assert player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
    assert voice.shutdown()
    assert player.playbackState() == QMediaPlayer.PlaybackState.StoppedState
    assert voice.recordings.source is None
    voice.deleteLater()
