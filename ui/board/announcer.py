"""Saying the calls: a chime, then each call twice, one after another, never over each other."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtTextToSpeech import QTextToSpeech

from kiosk.queue.announce import call_sentence
from ui.board.chime import CHIME_SECONDS
from ui.board.contracts import CallView
from ui.voice import Voice

log = logging.getLogger(__name__)

State = QTextToSpeech.State


class ChimePlayer(Protocol):
    def play(self) -> None: ...


@dataclass(frozen=True)
class AnnounceTiming:
    """How long the announcer waits. The voice (ui.voice) says when it speaks and when it
    is Ready again; one that never begins, or never ends, is passed over at the limits,
    so a silent or broken voice holds no call back for long."""

    chime_seconds: float = CHIME_SECONDS + 0.2  # the chime ends before the voice begins
    start_seconds: float = 12.0  # a first sentence may wait for the speech server to start
    sentence_seconds: float = 20.0  # a sentence is some 4 s; this is a broken voice
    gap_seconds: float = 0.6  # a breath between two sentences


def sentences(call: CallView, languages: Sequence[str], repeats: int) -> list[tuple[str, str]]:
    """(language, sentence) in the order said: each round in every language."""
    return [
        (language, call_sentence(call.prefix, call.number, call.counter, language))
        for _ in range(repeats)
        for language in languages
    ]


class Announcer(QObject):
    """Queues calls and says them one at a time through `voice`.

    `started` carries each call as its chime plays (the board highlights it then);
    `idle` says the queue is empty.
    """

    started = Signal(object)  # the CallView now announced
    idle = Signal()

    def __init__(
        self,
        voice: Voice | None,
        chime: ChimePlayer | None,
        languages: Sequence[str] = ("id",),
        repeats: int = 2,
        timing: AnnounceTiming | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._voice, self._chime = voice, chime
        self._languages, self._repeats = tuple(languages), repeats
        self._timing = timing or AnnounceTiming()
        self._calls: deque[CallView] = deque()
        self._sentences: deque[tuple[str, str]] = deque()
        self._busy = False
        self._speaking = False  # a sentence was handed to the voice, not yet over
        self._begun = False  # the voice said it began that sentence
        self._slow_logged = False
        self._then: Callable[[], None] = self._next_call  # what `_step` runs next
        self._step = self._timer(lambda: self._then())
        self._limit = self._timer(self._on_limit)
        if voice is not None:
            voice.state_changed.connect(self._on_state)

    @property
    def busy(self) -> bool:
        return self._busy

    def announce(self, call: CallView) -> None:
        self._calls.append(call)
        if not self._busy:
            self._next_call()

    def stop(self) -> None:
        """Forget what is queued and silence the voice (the board is closing)."""
        self._calls.clear()
        self._sentences.clear()
        self._step.stop()
        self._limit.stop()
        self._busy = self._speaking = False
        if self._voice is not None:
            self._voice.stop()

    def _next_call(self) -> None:
        if not self._calls:
            self._busy = False
            self.idle.emit()
            return
        self._busy = True
        call = self._calls.popleft()
        self.started.emit(call)
        if self._voice is not None and self._voice.enabled:
            self._sentences.extend(sentences(call, self._languages, self._repeats))
        if self._chime is not None:
            self._chime.play()
            self._after(self._timing.chime_seconds, self._next_sentence)
        else:
            self._next_sentence()

    def _next_sentence(self) -> None:
        if not self._sentences or self._voice is None:
            self._after(self._timing.gap_seconds if self._calls else 0, self._next_call)
            return
        language, text = self._sentences.popleft()
        self._speaking, self._begun = True, False
        self._limit.start(round(self._timing.start_seconds * 1000))
        self._voice.set_language(language)
        self._voice.say(text)

    def _on_state(self, state: object) -> None:
        if not self._speaking:
            return
        if state == State.Error or (state == State.Ready and self._begun):
            self._sentence_over()
        elif state != State.Ready and not self._begun:
            self._begun = True
            self._limit.start(round(self._timing.sentence_seconds * 1000))

    def _on_limit(self) -> None:
        if self._speaking:
            if not self._slow_logged:  # once: a silent voice would say so at every call
                self._slow_logged = True
                log.warning("the voice did not finish a call in time: the next one goes on")
            self._sentence_over()

    def _sentence_over(self) -> None:
        self._speaking = False
        self._limit.stop()
        self._after(self._timing.gap_seconds, self._next_sentence)

    def _timer(self, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(slot)
        return timer

    def _after(self, seconds: float, then: Callable[[], None]) -> None:
        self._then = then
        self._step.start(round(seconds * 1000))
