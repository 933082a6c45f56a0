"""The kiosk's side of the speaker process (ui/speaker.py): it starts it, writes it what to
say and never waits for it; one that does not answer in time is killed, the voice stays
silent for a while, and a later request starts a new one."""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QProcess, QTimer, Signal, Slot
from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger("ui.voice")  # one logger for the voice, whichever part speaks

PROGRAM = Path(__file__).with_name("speaker.py")
MAX_ANSWER_BYTES = 1 << 16  # more unread without a line's end: not our speaker talking
KILLED_WAIT_MS = 1_000  # a killed process is gone at once, unless the kernel holds it


@dataclass(frozen=True)
class SpeakerTiming:
    """How long the voice waits for the speaker process, and how long it stays silent.

    `start_seconds` covers starting Python and Qt and the engine's first connection (a
    speech-dispatcher started on demand); `answer_seconds` each later request. After a
    failure the voice stays silent `first_pause_seconds`, doubled at each failure in a
    row up to `longest_pause_seconds`, then the next request starts a new process.
    """

    start_seconds: float = 10.0
    answer_seconds: float = 5.0
    first_pause_seconds: float = 10.0
    longest_pause_seconds: float = 300.0


class SpeakerProcess(QObject):
    """One speaker process at a time; every call returns at once (writes are buffered)."""

    state_changed = Signal(object)  # QTextToSpeech.State
    voice_chosen = Signal(str, str)  # locale name, voice name

    def __init__(self, engine: str, timing: SpeakerTiming, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine, self._timing = engine, timing
        self._process: QProcess | None = None
        self._closing: QProcess | None = None  # the process `shutdown` waits for
        self._dying: list[QProcess] = []  # killed, not yet seen to end
        self._warm = False  # the process has answered a first request: it works
        self._unanswered = 0  # requests written (the start counts as one) not yet answered
        self._waiting_since = 0.0  # monotonic: the last answer, or the request before it
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._check_answers)
        self._silent_until = 0.0
        self._pause = timing.first_pause_seconds
        self._outage = False  # a silence was logged and no process has answered since
        self._missing_logged: set[str] = set()  # languages already warned about
        self._handlers: dict[str, Callable[[dict[str, Any]], None]] = {
            "ready": self._on_ready,
            "done": self._on_done,
            "state": self._on_state,
            "voice": self._on_voice,
            "missing_voice": self._on_missing_voice,
            "failed": self._on_failed,
        }

    def say(self, text: str, language: str) -> None:
        if self._running():
            self._request({"do": "say", "text": text, "language": language})

    def stop(self) -> None:
        if self._process is not None:
            self._request({"do": "stop"})

    def shutdown(self, msecs: int) -> bool:
        """Stop the speech and the process within `msecs` (it is killed after that);
        True when it ended by itself. Waits on the GUI thread, but never longer."""
        process, self._process = self._process, None
        self._watchdog.stop()
        self._bury(KILLED_WAIT_MS)
        if process is None:
            return True
        process.write(b'{"do": "stop"}\n')
        process.closeWriteChannel()  # the end of input ends it
        self._closing = process  # its last state (Ready: speech stopped) is news
        running = process.state() != QProcess.ProcessState.NotRunning
        ended = not running or process.waitForFinished(msecs)
        self._on_output()
        self._closing = None
        if not ended:
            level = logging.DEBUG if self._outage else logging.WARNING  # said already
            log.log(level, "text-to-speech did not stop within %d ms: its process is killed", msecs)
        self._let_go(process)
        self._bury(KILLED_WAIT_MS)
        return ended

    # -- the process -----------------------------------------------------------

    def _running(self) -> bool:
        """The process, started now if needed; False while the voice rests."""
        if self._process is not None:
            return True
        if time.monotonic() < self._silent_until:  # resting after a failure
            return False
        process = QProcess(self)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        process.readyReadStandardOutput.connect(self._on_output)
        process.finished.connect(self._on_finished)
        process.errorOccurred.connect(self._on_error)
        arguments = ["-I", str(PROGRAM), "--engine", self._engine, "--parent", str(os.getpid())]
        self._process, self._warm = process, False
        self._unanswered = 0
        self._expect_answer()
        process.start(sys.executable, arguments)
        return True

    def _let_go(self, process: QProcess) -> None:
        """No more news from `process`: it is killed (if still running) and buried later."""
        process.readyReadStandardOutput.disconnect(self._on_output)
        process.finished.disconnect(self._on_finished)
        process.errorOccurred.disconnect(self._on_error)
        if process.state() != QProcess.ProcessState.NotRunning:
            process.kill()
        self._dying.append(process)

    def _bury(self, wait_ms: int = 0) -> None:
        """Delete the killed processes that have ended (a QProcess deleted while its
        process runs waits for it); waits up to `wait_ms` for each that has not."""
        for process in list(self._dying):
            if process.state() != QProcess.ProcessState.NotRunning and wait_ms:
                process.waitForFinished(wait_ms)
            if process.state() == QProcess.ProcessState.NotRunning:
                self._dying.remove(process)
                process.deleteLater()

    def _request(self, request: dict[str, str]) -> None:
        assert self._process is not None
        self._process.write(json.dumps(request).encode() + b"\n")
        self._expect_answer()

    def _expect_answer(self) -> None:
        if self._unanswered == 0:
            self._waiting_since = time.monotonic()
        self._unanswered += 1
        if not self._watchdog.isActive():
            self._arm_watchdog()

    def _limit(self) -> float:
        """Starting counts until the first request is answered: its first choice of a
        voice starts speech-dispatcher's output module, slow on a busy machine."""
        return self._timing.answer_seconds if self._warm else self._timing.start_seconds

    def _arm_watchdog(self) -> None:
        limit = self._limit()
        left = self._waiting_since + limit - time.monotonic()
        self._watchdog.start(max(0, round(left * 1000)))

    def _check_answers(self) -> None:
        if self._unanswered == 0 or self._process is None:
            return
        limit = self._limit()
        if time.monotonic() - self._waiting_since < limit:
            self._arm_watchdog()  # an answer came meanwhile: wait for the next one
            return
        self._fail(f"no answer within {limit:g} s")

    def _answered(self) -> None:
        self._unanswered = max(0, self._unanswered - 1)
        self._waiting_since = time.monotonic()
        if self._unanswered == 0:
            self._watchdog.stop()

    # -- what it says ----------------------------------------------------------

    @Slot()
    def _on_output(self) -> None:
        """Lines from the current process (or the one closing): a killed one has no say."""
        process = self._process or self._closing
        if process is None:
            return
        while process.canReadLine():
            self._handle(bytes(process.readLine().data()))
            if process is not (self._process or self._closing):
                return  # the line failed it
        if process is self._process and process.bytesAvailable() > MAX_ANSWER_BYTES:
            self._fail("an answer that is not the speaker's")

    def _handle(self, line: bytes) -> None:
        try:
            answer = json.loads(line)
        except (ValueError, RecursionError):  # not the speaker's words
            return
        handler = self._handlers.get(str(answer.get("event"))) if isinstance(answer, dict) else None
        if handler is not None:
            handler(answer)

    def _on_ready(self, _answer: dict[str, Any]) -> None:
        self._answered()  # connected; working only once a request is answered

    def _on_done(self, _answer: dict[str, Any]) -> None:
        self._answered()
        if self._warm:
            return
        self._warm = True
        self._pause = self._timing.first_pause_seconds
        if self._outage:
            self._outage = False
            log.warning("text-to-speech works again: the kiosk speaks")

    def _on_state(self, answer: dict[str, Any]) -> None:
        state = QTextToSpeech.State.__members__.get(str(answer.get("state")))
        if state is not None:
            self.state_changed.emit(state)

    def _on_voice(self, answer: dict[str, Any]) -> None:
        self.voice_chosen.emit(str(answer.get("locale", "")), str(answer.get("name", "")))

    def _on_missing_voice(self, answer: dict[str, Any]) -> None:
        language = str(answer.get("language", ""))
        if language in self._missing_logged:
            return  # once: every screen would log it again
        self._missing_logged.add(language)
        log.warning(
            "text-to-speech engine %s has no %s voice for language %s: "
            "its voice %s (%s) reads it instead",
            self._engine,
            answer.get("wanted"),
            language,
            answer.get("voice"),
            answer.get("voice_locale"),
        )

    def _on_failed(self, answer: dict[str, Any]) -> None:
        reason = QTextToSpeech.ErrorReason.__members__.get(str(answer.get("reason")))
        self._fail(f"engine {self._engine} failed: {reason.name if reason else 'unknown'}")

    # -- failures --------------------------------------------------------------

    @Slot(int, QProcess.ExitStatus)
    def _on_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        if self._process is not None:  # the closing one ends as it should
            crashed = status == QProcess.ExitStatus.CrashExit
            self._fail("its process crashed" if crashed else f"its process ended ({code})")

    @Slot(QProcess.ProcessError)
    def _on_error(self, error: QProcess.ProcessError) -> None:
        if self._process is not None and error == QProcess.ProcessError.FailedToStart:
            self._fail("its process could not start")

    def _fail(self, reason: str) -> None:
        """Silence for a pause: the process is killed, requests are dropped meanwhile."""
        process, self._process = self._process, None
        self._watchdog.stop()
        self._unanswered = 0
        if process is not None:
            self._let_go(process)
        self._bury()
        pause, self._silent_until = self._pause, time.monotonic() + self._pause
        self._pause = min(self._pause * 2, self._timing.longest_pause_seconds)
        if self._outage:
            log.debug("text-to-speech still failing (%s): next try after %g s", reason, pause)
            return
        self._outage = True
        log.warning(
            "text-to-speech failed (%s): the kiosk stays silent, and tries again on the "
            "next screen after %g s",
            reason,
            pause,
        )
