"""The chime before a call: a soft two-note "ding-dong", synthesised once, played by QSoundEffect.

No sound file ships: the notes are computed (stdlib `wave`) into a private folder
made for this run, so nobody can swap the file for another. Without an audio
output the chime is skipped, and that is logged once.
"""

from __future__ import annotations

import array
import logging
import math
import sys
import tempfile
import wave
from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

log = logging.getLogger(__name__)

RATE = 22_050  # samples a second: plenty for two soft notes
NOTES = (659.25, 523.25)  # E5 then C5: the falling "ding-dong" of a public address
NOTE_SECONDS = 0.65
LOUDNESS = 0.45  # of full scale: never harsh, never clipped
OVERTONES = ((1.0, 1.0), (2.0, 0.35), (3.0, 0.12))  # a bell-like tone, not a beep
DECAY = 4.5  # per second: each note fades as a struck bell does
ATTACK_SECONDS = 0.01  # a short fade in: no click
CHIME_SECONDS = NOTE_SECONDS * len(NOTES)


def chime_samples() -> array.array[int]:
    """The chime as 16-bit mono samples."""
    weight = sum(level for _, level in OVERTONES)
    per_note = round(NOTE_SECONDS * RATE)
    samples = array.array("h")
    for pitch in NOTES:
        for i in range(per_note):
            t = i / RATE
            envelope = min(1.0, t / ATTACK_SECONDS) * math.exp(-DECAY * t)
            tone = sum(level * math.sin(2 * math.pi * pitch * k * t) for k, level in OVERTONES)
            samples.append(round(32_767 * LOUDNESS * envelope * tone / weight))
    return samples


def write_chime(path: Path) -> Path:
    """The chime as a WAV file at `path` (16-bit little-endian mono)."""
    samples = chime_samples()
    if sys.byteorder == "big":
        samples.byteswap()
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(samples.tobytes())
    return path


class Chime(QObject):
    """Plays the chime; the file is made and loaded on the first call."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._effect: QSoundEffect | None = None
        self._silent = False  # no audio output, or the sound failed: logged once
        self._folder: tempfile.TemporaryDirectory[str] | None = None  # removed with us

    def play(self) -> None:
        effect = self._effect or self._load()
        if effect is not None:
            effect.play()

    def _load(self) -> QSoundEffect | None:
        if self._silent:
            return None
        if not QMediaDevices.audioOutputs():
            self._go_silent("no audio output: the board's chime is skipped")
            return None
        self._folder = tempfile.TemporaryDirectory(prefix="anjungan-chime-")  # 0700, fresh
        folder = Path(self._folder.name)
        effect = QSoundEffect(self)
        effect.statusChanged.connect(self._on_status)
        effect.setSource(QUrl.fromLocalFile(str(write_chime(folder / "chime.wav"))))
        self._effect = effect
        return effect

    def _on_status(self) -> None:
        if self._effect is not None and self._effect.status() == QSoundEffect.Status.Error:
            self._effect = None
            self._go_silent("the board's chime cannot play: it is skipped")

    def _go_silent(self, why: str) -> None:
        if not self._silent:
            self._silent = True
            log.warning(why)
