"""Reading the screens aloud: Qt TextToSpeech with an offline voice, silent when there is none."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Protocol

from num2words import num2words
from PySide6.QtCore import QLocale, QObject, QThread, Signal, Slot
from PySide6.QtTextToSpeech import QTextToSpeech

from ui.recordings import RecordingPlayer

log = logging.getLogger(__name__)

PREFERRED_ENGINE = "speechd"  # speech-dispatcher, with espeak-ng's Indonesian voice
TEST_ENGINES = frozenset({"mock"})  # Qt's test plugin: never chosen for real speech
# espeak-ng has no Javanese voice: Javanese screens are read by the Indonesian one.
LOCALES = {"id": "id_ID", "en": "en_US", "jv": "id_ID"}
NUMBER = re.compile(r"\d+(?:,\d+)?")
MAX_SPOKEN_AS_NUMBER = 9  # longer digit runs are read one digit at a time
DECIMAL_WORD = {"id": "koma", "en": "point"}


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


def _num2words_language(language: str) -> str:
    return language if language in ("id", "en") else "id"


class _Speaker(QObject):
    """Owns the Qt engine on the voice's own thread: connecting to speech-dispatcher
    can block (a hung server never answers), and the GUI thread never waits on it."""

    state_changed = Signal(object)  # QTextToSpeech.State
    voice_chosen = Signal(str, str)  # the engine's locale name and voice name

    def __init__(self, engine_name: str | None) -> None:
        super().__init__()
        self._engine_name = engine_name
        self._speech: QTextToSpeech | None = None
        self._tried = False
        self._language = ""
        self._error_logged = False
        self._missing_logged: set[str] = set()  # languages already warned about

    @Slot(str, str)
    def speak(self, text: str, language: str) -> None:
        speech = self._engine()
        if speech is None:
            return
        if language != self._language:
            self._language = language
            self._choose_voice(speech, language)
        speech.stop()
        speech.say(text)

    def _choose_voice(self, speech: QTextToSpeech, language: str) -> None:
        if not _choose_locale(speech, language) and language not in self._missing_logged:
            self._missing_logged.add(language)  # once: every screen would log it again
            log.warning(
                "text-to-speech engine %s has no %s voice for language %s: "
                "its voice %s (%s) reads it instead",
                speech.engine(),
                _wanted_locale(language).name(),
                language,
                speech.voice().name(),
                speech.locale().name(),
            )
        self.voice_chosen.emit(speech.locale().name(), speech.voice().name())

    @Slot()
    def stop(self) -> None:
        if self._speech is not None:
            self._speech.stop()

    @Slot()
    def finish(self) -> None:
        """Queued after everything asked before it, so nothing asked is dropped."""
        thread = self.thread()
        if thread is not None:
            thread.quit()

    def _engine(self) -> QTextToSpeech | None:
        if not self._tried:  # once: no engine now means none for this run
            self._tried = True
            self._speech = _create_engine(self._engine_name, self)
            if self._speech is not None:
                self._speech.stateChanged.connect(self._on_state)
                self._speech.errorOccurred.connect(self._on_error)
        return self._speech

    def _on_state(self, state: QTextToSpeech.State) -> None:
        self.state_changed.emit(state)

    def _on_error(self, reason: QTextToSpeech.ErrorReason, _message: str) -> None:
        if not self._error_logged:  # once: a broken speech server would flood the log
            self._error_logged = True
            log.warning("text-to-speech error: %s", reason.name)


class Voice(QObject):
    """Says texts in the screen's language; `enabled` False (or no engine) keeps it silent.

    The engine lives on a thread of its own, started on the first `say`, so a window
    that never speaks starts nothing. Subclasses (tests) override `_speak` to record
    what would be said. Call `shutdown` before the application quits.
    """

    state_changed = Signal(object)  # the engine's QTextToSpeech.State, on the GUI thread
    voice_chosen = Signal(str, str)  # locale name, voice name: read after a change of language
    recording_started = Signal(str)  # the recorded file now playing
    recording_ended = Signal()
    _say = Signal(str, str)  # text, language: to the voice thread
    _stop = Signal()
    _finish = Signal()

    def __init__(
        self,
        enabled: bool = True,
        language: str = "id",
        engine: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._enabled = enabled
        self._language = language
        self._engine_name = engine
        self._thread: QThread | None = None
        self._speaker: _Speaker | None = None
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
            self._stop.emit()

    def _on_recording_ended(self) -> None:
        self.recording_ended.emit()
        if self._after:
            self.say(self._after)

    def _on_recording_failed(self, _path: str) -> None:
        self.say(self._instead)

    def shutdown(self, msecs: int = 2_000) -> bool:
        """Silence the voice and stop its thread; True when it ended in time (else it is
        terminated).

        Called once the event loop has returned (the kiosk closing), so nothing here may
        wait for it: the recording stops before this returns, and the engine is told to
        stop on its own thread, ahead of the thread's end.
        """
        self.recordings.stop_now()
        thread, self._thread = self._thread, None
        if thread is None:
            return True
        self._stop.emit()  # speech in progress ends now, not when the engine is deleted
        self._finish.emit()
        if thread.wait(msecs):
            return True
        log.warning("the voice thread did not stop: text-to-speech is not answering")
        thread.terminate()  # blocked in the speech server's socket; the kiosk is closing
        thread.wait(msecs)
        return False

    def _speak(self, text: str) -> None:
        self._start_thread()
        self._say.emit(text, self._language)

    def _start_thread(self) -> None:
        if self._thread is not None:
            return
        self._thread = QThread(self)
        self._thread.setObjectName("voice")
        self._speaker = _Speaker(self._engine_name)
        self._speaker.moveToThread(self._thread)
        self._say.connect(self._speaker.speak)
        self._stop.connect(self._speaker.stop)
        self._finish.connect(self._speaker.finish)
        self._speaker.state_changed.connect(self.state_changed)
        self._speaker.voice_chosen.connect(self.voice_chosen)
        self._thread.finished.connect(self._speaker.deleteLater)
        self._thread.start()


def _create_engine(name: str | None, parent: QObject) -> QTextToSpeech | None:
    name = name or choose_engine()
    if name is None:
        log.warning("no text-to-speech engine: the kiosk stays silent")
        return None
    try:
        speech = QTextToSpeech(name, parent)
    except Exception as error:  # a broken plugin must never stop the kiosk
        log.warning("text-to-speech engine %s failed: %s", name, type(error).__name__)
        return None
    if speech.state() == QTextToSpeech.State.Error:
        log.warning("text-to-speech engine %s: %s", name, speech.errorReason().name)
        speech.deleteLater()
        return None
    return speech


def choose_engine() -> str | None:
    """speech-dispatcher when present, else any real engine Qt offers, else None."""
    engines = [name for name in QTextToSpeech.availableEngines() if name not in TEST_ENGINES]
    if PREFERRED_ENGINE in engines:
        return PREFERRED_ENGINE
    return engines[0] if engines else None


def _wanted_locale(language: str) -> QLocale:
    return QLocale(LOCALES.get(language, LOCALES["id"]))


def _choose_locale(speech: QTextToSpeech, language: str) -> bool:
    """Set the voice for `language`; False when the engine has none (its voice stays)."""
    wanted = _wanted_locale(language)
    available = speech.availableLocales()
    if wanted in available:
        speech.setLocale(wanted)
        return True
    same_language = [loc for loc in available if loc.language() == wanted.language()]
    if same_language:
        speech.setLocale(same_language[0])
        return True
    return False
