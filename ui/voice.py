"""Reading the screens aloud: Qt TextToSpeech in a process of its own, silent when there is none."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Protocol

from num2words import num2words
from PySide6.QtCore import QObject, Signal
from PySide6.QtTextToSpeech import QTextToSpeech

from kiosk.queue.announce import number_words, spoken_letters
from ui.recordings import RecordingPlayer
from ui.speaker import choose_locale as _choose_locale  # noqa: F401 (tests use it here)
from ui.speaker_process import SpeakerProcess, SpeakerTiming

log = logging.getLogger(__name__)

PREFERRED_ENGINE = "speechd"  # speech-dispatcher, with espeak-ng's Indonesian voice
TEST_ENGINES = frozenset({"mock"})  # Qt's test plugin: never chosen for real speech
NUMBER = re.compile(r"\d+(?:,\d+)?")
MAX_SPOKEN_AS_NUMBER = 9  # longer digit runs are read one digit at a time
DECIMAL_WORD = {"id": "koma", "en": "point"}
ASCII_DIGITS = frozenset("0123456789")


class VoiceProblem(Protocol):
    """Why the voice cannot speak, as the start-up check found it (kiosk.cli.voice_check):
    the part that failed, named in the screen's language, for the staff notice."""

    def what_in(self, language: str) -> str: ...


def spoken_number(value: int, language: str) -> str:
    """`value` in words: 6 -> "enam" in Indonesian, "six" in English."""
    return str(num2words(value, lang=_num2words_language(language)))


def speakable(text: str, language: str) -> str:
    """`text` with its numbers in words, so that a voice reads them naturally.

    "Langkah 2 dari 6" becomes "Langkah dua dari enam"; "2,5" becomes "dua koma
    lima"; numbers with a leading zero or many digits (a phone number, a NIK) are
    read digit by digit.
    """

    def words(match: re.Match[str]) -> str:
        whole, _, fraction = match.group().partition(",")
        if fraction:
            return f"{words_for(whole)} {DECIMAL_WORD.get(language, 'koma')} {digits(fraction)}"
        return words_for(whole)

    def words_for(number: str) -> str:
        if len(number) > MAX_SPOKEN_AS_NUMBER or (len(number) > 1 and number.startswith("0")):
            return digits(number)
        return spoken_number(int(number), language)

    def digits(number: str) -> str:
        return " ".join(spoken_number(int(digit), language) for digit in number)

    return NUMBER.sub(words, text)


def spoken_code(code: str, language: str) -> str:
    """A tracking code symbol by symbol, digits in words: "K, tujuh, Q, M, dua, ..."."""
    symbols = [s for s in code if s.isalnum()]
    return ", ".join(spoken_number(int(s), language) if s.isdigit() else s for s in symbols)


def spoken_ticket(prefix: str, number: int, language: str) -> str:
    """A queue ticket in the words the waiting-room board calls it (kiosk.queue.announce):
    the line's letters, then the number without its printed zeros. "B-001" is "be
    satu", never "B nol nol satu"; in Basa Jawa the number is krama ("be setunggal")."""
    letters = [
        number_words(int(symbol), language)
        if symbol in ASCII_DIGITS
        else spoken_letters(symbol, language)
        for symbol in prefix
        if symbol in ASCII_DIGITS or symbol.isalpha()
    ]
    try:
        said = number_words(number, language)
    except ValueError:  # beyond the Javanese words (9999): no line gets that far
        said = spoken_number(number, language)
    return " ".join([*letters, said])


def _num2words_language(language: str) -> str:
    return language if language in ("id", "en") else "id"


class Voice(QObject):
    """Says texts in the screen's language; `enabled` False (or no engine) keeps it silent.

    The engine runs in a speaker process (ui.speaker), started on the first `say`, so a
    window that never speaks starts nothing, and a speech server that hangs or dies
    leaves the kiosk working: silent, logged once, and speaking again once a later
    process gets answers (`timing` says when). Subclasses (tests) override `_speak` to
    record what would be said. Call `shutdown` before the application quits.
    """

    state_changed = Signal(object)  # the engine's QTextToSpeech.State, on the GUI thread
    voice_chosen = Signal(str, str)  # locale name, voice name: read after a change of language
    recording_started = Signal(str)  # the recorded file now playing
    recording_ended = Signal()

    def __init__(
        self,
        enabled: bool = True,
        language: str = "id",
        engine: str | None = None,
        parent: QObject | None = None,
        timing: SpeakerTiming | None = None,
    ) -> None:
        super().__init__(parent)
        self._enabled = enabled
        self._language = language
        self._engine_name = engine
        self._timing = timing or SpeakerTiming()
        self._speaker: SpeakerProcess | None = None
        self._no_engine = False  # none found: none for this run
        self._after = ""  # read once the recording has played
        self._instead = ""  # read if the recording cannot play
        self.recordings = RecordingPlayer(self)
        self.recordings.started.connect(self.recording_started)
        self.recordings.ended.connect(self._on_recording_ended)
        self.recordings.failed.connect(self._on_recording_failed)

    @property
    def enabled(self) -> bool:
        return self._enabled

    @enabled.setter
    def enabled(self, on: bool) -> None:
        if not on:
            self.stop()
        self._enabled = on

    @property
    def language(self) -> str:
        return self._language

    def set_language(self, language: str) -> None:
        self._language = language

    def say(self, text: str) -> None:
        """Read `text` aloud, interrupting whatever is being read or played."""
        self.recordings.stop()
        if self._enabled and text.strip():
            self._speak(speakable(text, self._language))

    def play(self, recording: Path | None, instead: str, after: str = "") -> None:
        """Play `recording`, then read `after` (a proposal, an error).

        Without a recording, or when it is missing or cannot play, `instead` is read:
        the whole text, `after` included (a warning is logged for a file that should
        have played).
        """
        if not self._enabled:
            return
        if recording is None or not recording.is_file():
            if recording is not None:
                log.warning("recording %s is missing: the text is read", recording.name)
            self.say(instead)
            return
        self.stop()
        self._instead, self._after = instead, after
        self.recordings.play(recording)

    def stop(self) -> None:
        self.recordings.stop()
        if self._speaker is not None:
            self._speaker.stop()

    def _on_recording_ended(self) -> None:
        self.recording_ended.emit()
        if self._after:
            self.say(self._after)

    def _on_recording_failed(self, _path: str) -> None:
        self.say(self._instead)

    def shutdown(self, msecs: int = 1_000) -> bool:
        """Silence the voice and end its speaker process; True when it ended by itself
        within `msecs` (else it is killed: this never waits longer).

        Called once the event loop has returned (the kiosk closing), so nothing here may
        wait for it: the recording stops before this returns.
        """
        self.recordings.stop_now()
        speaker, self._speaker = self._speaker, None
        return speaker is None or speaker.shutdown(msecs)

    def _speak(self, text: str) -> None:
        speaker = self._speaker or self._start_speaker()
        if speaker is not None:
            speaker.say(text, self._language)

    def _start_speaker(self) -> SpeakerProcess | None:
        if self._no_engine:
            return None
        engine = self._engine_name or choose_engine()
        if engine is None:
            self._no_engine = True  # once: no engine now means none for this run
            log.warning("no text-to-speech engine: the kiosk stays silent")
            return None
        self._speaker = SpeakerProcess(engine, self._timing, self)
        self._speaker.state_changed.connect(self.state_changed)
        self._speaker.voice_chosen.connect(self.voice_chosen)
        return self._speaker


def choose_engine() -> str | None:
    """speech-dispatcher when present, else any real engine Qt offers, else None.

    Safe on the GUI thread: Qt reads its plugins' metadata and asks no speech server.
    """
    engines = [name for name in QTextToSpeech.availableEngines() if name not in TEST_ENGINES]
    if PREFERRED_ENGINE in engines:
        return PREFERRED_ENGINE
    return engines[0] if engines else None
