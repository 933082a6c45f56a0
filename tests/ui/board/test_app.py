"""run_board: the entry point the composition root calls for `ui.role = "display"`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.queue.counter import CounterDesk
from kiosk.queue.desk import QueueDesk
from tests.ui.board.conftest import OFFICE, issue
from tests.ui.board.fakes import SwitchableSource, SwitchableWatcher, TimedVoice
from ui.board.app import run_board
from ui.board.contracts import BoardOptions
from ui.board.window import BoardWindow


def test_run_board_shows_the_board_until_the_application_quits(
    qtbot: Any,
    queue: QueueDesk,
    counter: CounterDesk,
    source: SwitchableSource,
    watcher: SwitchableWatcher,
    voice: TimedVoice,
) -> None:
    issue(queue, "A")
    counter.call_next("1", ["A"], actor="S-01")
    seen: list[str] = []
    poll, give_up = QTimer(), QTimer()

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, BoardWindow) and widget.state is not None and not seen:
                seen.append(widget.call_panel.code.text())
                poll.stop()  # one exit only: a late one would end a later test's wait
                QApplication.exit(0)

    poll.timeout.connect(look)
    poll.start(50)
    give_up.setSingleShot(True)
    give_up.timeout.connect(lambda: QApplication.exit(1))
    give_up.start(20_000)
    options = BoardOptions(OFFICE, fullscreen=False)
    try:
        code = run_board(source, watcher, options, [], voice=voice)
    finally:
        poll.stop()
        give_up.stop()
    assert code == 0
    assert seen[:1] == ["A-001"]
    assert watcher.closed  # the board let go of its watcher
    assert voice.spoken == []  # a call made before it started is shown, not said
