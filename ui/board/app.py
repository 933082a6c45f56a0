"""Start the waiting-room board: the one entry point the composition root calls."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from ui.board.chime import Chime
from ui.board.contracts import BoardOptions, BoardSource, ChangeWatcher
from ui.board.window import BoardWindow
from ui.theme import FONT_FAMILY
from ui.voice import Voice

WINDOWED_SIZE = (1366, 768)


def run_board(
    source: BoardSource,
    watcher: ChangeWatcher,
    options: BoardOptions,
    argv: list[str],
    voice: Voice | None = None,
) -> int:
    """Show the board and run the Qt event loop until it quits; returns its exit code.

    `source` is a kiosk.queue.board.BoardReader and `watcher` kiosk.queue.signals'
    watcher_for(engine); the board closes the watcher when it ends. Without `voice`,
    the offline voice (ui.voice.Voice) speaks, in its own process.
    """
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    previous_font = app.font()
    app.setFont(QFont(FONT_FAMILY))
    speaker = voice or Voice(enabled=options.voice_enabled)
    window = BoardWindow(source, watcher, options, speaker, Chime())
    if options.fullscreen:
        window.setCursor(Qt.CursorShape.BlankCursor)  # a television: no pointer on it
        window.showFullScreen()
    else:
        window.resize(*WINDOWED_SIZE)
        window.show()
    window.start()
    try:
        return app.exec()
    finally:
        window.shutdown()
        if voice is None:
            speaker.shutdown()
        window.deleteLater()
        app.setFont(previous_font)  # the application may host other windows afterwards
