"""The panels show what the database says as plain text, lokets in their natural order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt

from kiosk.queue.board import BoardState, Call, LineWaiting
from tests.ui.board.conftest import OFFICE
from ui.board.contracts import BoardOptions
from ui.board.panels import CallPanel, ElidedLabel, WaitingPanel
from ui.board.window import BoardWindow
from ui.i18n import Tr

AT = datetime(2024, 5, 6, 2, 0, tzinfo=UTC)
MARKUP = '<img src="file:///etc/passwd"><h1>Loud</h1>'


class StillSource:
    """A picture that never changes (the panels' own behaviour, no database needed)."""

    def __init__(self, state: BoardState) -> None:
        self.state = state

    def read(self) -> BoardState:
        return self.state


class NoWatcher:
    def wait(self, timeout: float) -> bool:
        return False

    def close(self) -> None: ...


def test_names_with_markup_are_shown_as_written(qtbot: Any) -> None:
    panel = WaitingPanel(Tr("en"))
    qtbot.addWidget(panel)
    panel.resize(1800, 300)
    panel.show()
    panel.show_lines([LineWaiting("X", "X", {"id": MARKUP}, 2)])
    (name,) = panel.findChildren(ElidedLabel)
    qtbot.waitUntil(lambda: name.text() != "", timeout=5_000)
    assert name.textFormat() == Qt.TextFormat.PlainText
    assert name.text() == MARKUP  # the characters themselves, not an image and a heading
    assert panel.counts["X"].text() == "2 people"


def test_a_call_without_a_loket_name_says_no_loket(qtbot: Any) -> None:
    panel = CallPanel(Tr("en"))
    qtbot.addWidget(panel)
    panel.show_call(Call(1, "A-001", "A", 1, "", AT, again=False))
    assert (panel.code.text(), panel.counter.text()) == ("A-001", "")
    panel.show_call(None)
    assert (panel.code.text(), panel.counter.text()) == ("\N{EM DASH}", "No calls yet")


def test_lokets_are_listed_by_number_then_by_name(qtbot: Any) -> None:
    serving = {"10": "A-003", "2": "A-002", "Umum": "B-001", "1": "A-001"}
    state = BoardState(AT.date(), serving, [], [], AT)
    board = BoardWindow(StillSource(state), NoWatcher(), BoardOptions(OFFICE, fullscreen=False))
    qtbot.addWidget(board, before_close_func=lambda b: b.shutdown())
    board.show_state(state)
    assert list(board.serving.codes) == ["1", "2", "10", "Umum"]
    assert board.serving.codes["Umum"].text() == "B-001"


def test_a_new_day_starts_with_no_lokets_listed(qtbot: Any) -> None:
    today = BoardState(AT.date(), {"3": "A-009"}, [], [], AT)
    board = BoardWindow(StillSource(today), NoWatcher(), BoardOptions(OFFICE, fullscreen=False))
    qtbot.addWidget(board, before_close_func=lambda b: b.shutdown())
    board.show_state(today)
    board.show_state(BoardState(AT.date(), {}, [], [], AT))  # loket 3 finished: still listed
    assert board.serving.codes["3"].text() == "\N{EM DASH}"
    tomorrow = AT + timedelta(days=1)
    board.show_state(BoardState(tomorrow.date(), {}, [], [], tomorrow))
    assert board.serving.codes == {}
