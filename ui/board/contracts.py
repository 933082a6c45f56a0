"""What the board needs from the core: its picture, news of a change, and how it behaves."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from ui.queue_views import LineView

# kiosk.queue.board's dataclasses live beside its queries (sqlalchemy), which the screens
# may not import: the board reads them through these shapes, which they satisfy.


class CallView(Protocol):
    """One call of a number to a loket (kiosk.queue.board.Call)."""

    @property
    def event_id(self) -> int: ...  # grows with every call: the board speaks each once
    @property
    def code(self) -> str: ...
    @property
    def prefix(self) -> str: ...
    @property
    def number(self) -> int: ...
    @property
    def counter(self) -> str: ...
    @property
    def again(self) -> bool: ...  # a recall or a resume


class BoardPicture(Protocol):
    """What the waiting room sees at one moment (kiosk.queue.board.BoardState)."""

    @property
    def day(self) -> date: ...  # the office's business day
    @property
    def serving(self) -> Mapping[str, str]: ...  # loket -> the code there now
    @property
    def calls(self) -> Sequence[CallView]: ...  # newest first
    @property
    def lines(self) -> Sequence[LineView]: ...
    @property
    def read_at(self) -> datetime: ...  # aware: shown when the database stops answering


class BoardSource(Protocol):
    """The board's picture (kiosk.queue.board.BoardReader); `read` queries the database,
    so the board calls it off the GUI thread."""

    def read(self) -> BoardPicture: ...


class ChangeWatcher(Protocol):
    """News that the queue changed (kiosk.queue.signals.QueueWatcher).

    `wait` blocks up to `timeout` seconds: True when something changed; raises
    ConnectionError when the database cannot be reached. It runs on a thread of its own.
    """

    def wait(self, timeout: float) -> bool: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class BoardOptions:
    """How the board looks and speaks.

    `languages` are the call's languages in the order they are said ("id" alone, or
    "id" then "jv"); each call is said `repeats` times over. The seconds may be
    fractions (tests use short ones).
    """

    office_name: str
    language: str = "id"  # the board's written words
    timezone: str = "Asia/Jakarta"  # the office's: the clock and "last updated"
    high_contrast: bool = False
    fullscreen: bool = True
    languages: tuple[str, ...] = ("id",)
    repeats: int = 2
    voice_enabled: bool = True
    chime_enabled: bool = True
    highlight_seconds: float = 12.0  # a new call stays highlighted this long
    retry_seconds: float = 5.0  # while the database does not answer, ask again this often
    refresh_seconds: float = 30.0  # read anyway, in case a change went unnoticed
