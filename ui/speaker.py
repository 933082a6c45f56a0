"""The text-to-speech engine in a process of its own, run by the kiosk's voice (ui.voice).

Qt's speech-dispatcher plugin blocks inside native calls while the server does not answer
(spd_open waits for its first reply without a deadline), and PySide6 keeps Python's lock
through those calls: on any thread of the kiosk that froze every other thread, the GUI's
too. Here it can only freeze this process, which the kiosk kills and starts again later.

The kiosk writes one JSON object a line to stdin: {"do": "say", "text", "language"} or
{"do": "stop"}; end of input stops the speech and the program. It answers on stdout, one
JSON object a line: "ready" once the engine is up, "done" after each request, "state",
"voice" (after a change of language), "missing_voice", and "failed" (then it ends).
Only the standard library and PySide6 are imported: the program runs by its path.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import signal
import sys
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QSocketNotifier
from PySide6.QtTextToSpeech import QTextToSpeech

# espeak-ng has no Javanese voice: Javanese screens are read by the Indonesian one.
LOCALES = {"id": "id_ID", "en": "en_US", "jv": "id_ID"}
PR_SET_PDEATHSIG = 1  # prctl(2): a signal for this process when its parent ends
MAX_REQUEST_BYTES = 1 << 20  # a longer line is no request of the kiosk's: it is dropped


def wanted_locale(language: str) -> QLocale:
    return QLocale(LOCALES.get(language, LOCALES["id"]))


def choose_locale(speech: QTextToSpeech, language: str) -> bool:
    """Set the voice for `language`; False when the engine has none (its voice stays)."""
    wanted = wanted_locale(language)
    available = speech.availableLocales()
    if wanted in available:
        speech.setLocale(wanted)
        return True
    same_language = [loc for loc in available if loc.language() == wanted.language()]
    if same_language:
        speech.setLocale(same_language[0])
        return True
    return False


class Answers:
    """What this program says to the kiosk, on a descriptor of its own: anything a
    library prints to stdout goes to stderr instead, and cannot garble an answer."""

    def __init__(self) -> None:
        self._fd = os.dup(sys.stdout.fileno())
        os.dup2(sys.stderr.fileno(), sys.stdout.fileno())

    def send(self, event: str, **fields: Any) -> None:
        line = json.dumps({"event": event, **fields}) + "\n"
        os.write(self._fd, line.encode())


class Speaker(QObject):
    """Reads the kiosk's requests and drives one QTextToSpeech engine."""

    def __init__(self, speech: QTextToSpeech, answers: Answers) -> None:
        super().__init__()
        self._speech, self._answers = speech, answers
        self._language = ""
        self._pending = b""  # a request's beginning, its end not yet read
        self._overlong = False  # dropping a line too long to be a request
        self._notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._read)
        speech.stateChanged.connect(self._on_state)

    def _read(self) -> None:
        chunk = os.read(sys.stdin.fileno(), 65_536)
        if not chunk:  # the kiosk is closing, or gone
            self._notifier.setEnabled(False)
            self._speech.stop()
            QCoreApplication.quit()
            return
        *lines, self._pending = (self._pending + chunk).split(b"\n")
        for line in lines:
            if self._overlong:
                self._overlong = False  # the end of a line too long to be a request
            else:
                self._handle(line)
            self._answers.send("done")
        if len(self._pending) > MAX_REQUEST_BYTES:
            self._pending, self._overlong = b"", True

    def _handle(self, line: bytes) -> None:
        try:
            request = json.loads(line)
        except (ValueError, RecursionError):  # not the kiosk's: dropped
            return
        if not isinstance(request, dict):
            return
        if request.get("do") == "stop":
            self._speech.stop()
        elif request.get("do") == "say":
            text, language = request.get("text"), request.get("language")
            if isinstance(text, str) and isinstance(language, str):
                self._say(text, language)

    def _say(self, text: str, language: str) -> None:
        if language != self._language:
            self._language = language
            self._choose_voice(language)
        self._speech.stop()
        self._speech.say(text)

    def _choose_voice(self, language: str) -> None:
        speech = self._speech
        if not choose_locale(speech, language):
            self._answers.send(
                "missing_voice",
                language=language,
                wanted=wanted_locale(language).name(),
                voice=speech.voice().name(),
                voice_locale=speech.locale().name(),
            )
        self._answers.send("voice", locale=speech.locale().name(), name=speech.voice().name())

    def _on_state(self, state: QTextToSpeech.State) -> None:
        self._answers.send("state", state=state.name)
        if state == QTextToSpeech.State.Error:  # a server gone away: the kiosk starts anew
            self._answers.send("failed", reason=self._speech.errorReason().name)
            QCoreApplication.exit(1)


def end_with_parent(parent: int) -> None:
    """A kiosk killed outright takes this process with it, even one stuck in the engine."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it ended before prctl
        os._exit(1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", required=True, help="a Qt TextToSpeech engine")
    parser.add_argument("--parent", type=int, required=True, help="the kiosk's process id")
    arguments = parser.parse_args(argv)
    end_with_parent(arguments.parent)
    answers = Answers()
    application = QCoreApplication([sys.argv[0]])
    speech = QTextToSpeech(arguments.engine)  # may block for good: the kiosk kills us then
    if speech.engine() != arguments.engine or speech.state() == QTextToSpeech.State.Error:
        answers.send("failed", reason=speech.errorReason().name)
        return 1
    speaker = Speaker(speech, answers)
    answers.send("ready")
    code = application.exec()
    del speaker
    return code


if __name__ == "__main__":
    sys.exit(main())
