"""Recorded questions: a service may ship an audio file per field and language."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import (
    Q_ARG,
    QCoreApplication,
    QEvent,
    QGenericArgumentHolder,
    QMetaObject,
    QObject,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

log = logging.getLogger(__name__)


class RecordingPlayer(QObject):
    """Plays one file at a time with QtMultimedia, on the GUI thread (it never blocks:
    decoding and output run on Qt's own threads). The media player is made on the first
    `play`, so a kiosk without recordings never loads a multimedia backend.

    `play` and `stop` reach the player through the event loop, never by a direct call:
    a direct call holds Python's lock while the player waits for its own threads, and
    one of them (the FFmpeg backend, ending a stream) may be waiting for Python's lock
    in turn. That froze the screen twice in tests. From the event loop the call runs
    with Python's lock free.

    Being queued, a new file's `setSource` runs a turn after `play`: until then the
    player still has the previous file, and its late signals (its end, an error) would
    be taken for the new one's. The handlers act only on a signal from the player while
    its source is the file `source` names now.
    """

    started = Signal(str)  # the file now playing
    ended = Signal()  # played to its end
    failed = Signal(str)  # the file could not be played

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._player: QMediaPlayer | None = None
        self._playing: Path | None = None

    @property
    def source(self) -> Path | None:
        """The file being played (None when nothing plays)."""
        return self._playing

    @property
    def media_player(self) -> QMediaPlayer:
        if self._player is None:
            self._player = QMediaPlayer(self)
            self._player.setAudioOutput(QAudioOutput(self._player))
            self._player.mediaStatusChanged.connect(self._on_status)
            self._player.playbackStateChanged.connect(self._on_state)
            self._player.errorOccurred.connect(self._on_error)
        return self._player

    def play(self, path: Path) -> None:
        self._playing = path
        source = QUrl.fromLocalFile(str(path))
        self._invoke("setSource", Q_ARG(QUrl, source))
        self._invoke("play")

    def stop(self) -> None:
        if self._playing is not None:
            self._playing = None
            self._invoke("stop")

    def stop_now(self) -> None:
        """`stop`, carried out before returning, even when no event loop runs any more
        (the application is quitting): the calls queued for the player are delivered
        here, with Python's lock free as in the event loop."""
        self.stop()
        if self._player is not None:
            QCoreApplication.sendPostedEvents(self._player, QEvent.Type.MetaCall)

    def _invoke(self, slot: str, *arguments: QGenericArgumentHolder) -> None:
        """Call the player's `slot` on the next turn of the event loop (see above)."""
        queued = Qt.ConnectionType.QueuedConnection
        QMetaObject.invokeMethod(self.media_player, slot, queued, *arguments)

    def _current(self) -> Path | None:
        """The file playing, when the player's signal is about it (else None: nothing
        plays, or the signal is a late one from the file before, still the source)."""
        path = self._playing
        if path is None or self._player is None:
            return None
        if self._player.source() != QUrl.fromLocalFile(str(path)):
            return None
        return path

    def _on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        path = self._current()
        if state == QMediaPlayer.PlaybackState.PlayingState and path is not None:
            self.started.emit(str(path))

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if self._current() is None:
            return
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            self._playing = None
            self.ended.emit()
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self._fail("cannot be decoded")

    def _on_error(self, error: QMediaPlayer.Error, _message: str) -> None:
        if self._current() is not None:
            self._fail(error.name)

    def _fail(self, reason: str) -> None:
        path, self._playing = self._playing, None
        if path is not None:  # once per file: InvalidMedia and an error may both come
            log.warning("recording %s did not play (%s)", path.name, reason)
            self.failed.emit(str(path))
