"""The board's stand-ins: a voice that takes time to speak and says when it is done (no audio
here), a chime that counts, and switches that make the real reader and watcher fail."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from PySide6.QtCore import QTimer
from PySide6.QtTextToSpeech import QTextToSpeech

from kiosk.queue.board import BoardReader, BoardState
from kiosk.queue.signals import QueueWatcher
from ui.voice import Voice

State = QTextToSpeech.State


@dataclass
class Spoken:
    language: str
    text: str
    began: float  # monotonic
    ended: float | None = None


class TimedVoice(Voice):
    """Speaks nothing; takes `speak_ms` per sentence and reports Speaking, then Ready, as
    the speaker process does. A sentence begun while another is spoken counts as an
    overlap (the real voice would cut the first one off)."""

    def __init__(self, speak_ms: int = 60, reports: bool = True) -> None:
        super().__init__(enabled=True)
        self.speak_ms, self.reports = speak_ms, reports
        self.spoken: list[Spoken] = []
        self.overlaps = 0
        self._talking: Spoken | None = None

    def _speak(self, text: str) -> None:
        if self._talking is not None:
            self.overlaps += 1
        self._talking = Spoken(self.language, text, time.monotonic())
        self.spoken.append(self._talking)
        if self.reports:
            QTimer.singleShot(0, lambda: self.state_changed.emit(State.Speaking))
            QTimer.singleShot(self.speak_ms, self._done)

    def _done(self) -> None:
        if self._talking is not None:
            self._talking.ended = time.monotonic()
        self._talking = None
        self.state_changed.emit(State.Ready)

    def said(self) -> list[tuple[str, str]]:
        return [(s.language, s.text) for s in self.spoken]


@dataclass
class CountingChime:
    plays: int = 0

    def play(self) -> None:
        self.plays += 1


@dataclass
class SwitchableSource:
    """The real BoardReader; `down` makes it fail as a lost database would, `gate` holds
    reads back (calls then arrive together)."""

    reader: BoardReader
    down: bool = False
    gate: threading.Event | None = None
    threads: set[str] = field(default_factory=set)
    reads: int = 0

    def read(self) -> BoardState:
        self.threads.add(threading.current_thread().name)
        if self.gate is not None and not self.gate.wait(timeout=20):
            raise TimeoutError("the test never opened the gate")
        if self.down:
            raise ConnectionError("the queue database cannot be reached")
        state = self.reader.read()
        self.reads += 1
        return state

    def release(self) -> None:
        if self.gate is not None:
            self.gate.set()


@dataclass
class SwitchableWatcher:
    """The real watcher; `down` makes it raise ConnectionError, as when the server is gone."""

    watcher: QueueWatcher
    down: bool = False
    closed: bool = False

    def wait(self, timeout: float) -> bool:
        if self.down:
            raise ConnectionError("the queue database cannot be reached")
        return self.watcher.wait(timeout)

    def close(self) -> None:
        self.closed = True
        self.watcher.close()
