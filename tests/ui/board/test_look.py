"""The board read from five metres: the called number's size, nothing cut off, both themes."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.queue.counter import CounterDesk
from kiosk.queue.desk import QueueDesk
from tests.ui.board.conftest import BoardFactory, issue
from tests.ui.board.fakes import TimedVoice
from ui.board.window import BoardWindow
from ui.theme import palette_for

SIZES = [(1920, 1080), (1366, 768)]
MIN_CALLED_DIGITS_PX = 120  # on 1080p, from the issue


def uncut(widget: QLabel) -> bool:
    """The label's text is whole: as wide as its room at most, and no ink on its top and
    bottom rows (a line cut by a short label leaves ink there)."""
    image = widget.grab().toImage()
    w, h = image.width(), image.height()
    first = image.pixel(0, 0)
    clear = all(image.pixel(x, y) == first for x in range(w) for y in (0, h - 1))
    fits = widget.fontMetrics().horizontalAdvance(widget.text()) <= widget.contentsRect().width()
    return clear and fits


def colour_at(widget: QWidget, x: int, y: int) -> str:
    return QColor(widget.grab().toImage().pixel(x, y)).name().upper()


@pytest.fixture
def called_board(
    qtbot: Any, make_board: BoardFactory, queue: QueueDesk, counter: CounterDesk
) -> Any:
    issue(queue, "B", "A", "A", "C")
    for loket, line in (("1", "A"), ("2", "B"), ("3", "A")):
        counter.call_next(loket, [line], actor=f"S-0{loket}")

    def make(size: tuple[int, int], high_contrast: bool = False) -> BoardWindow:
        board = make_board(size, high_contrast=high_contrast)
        qtbot.waitUntil(lambda: len(board.serving.codes) == 3, timeout=10_000)
        return board

    return make


def test_the_called_digits_are_at_least_120_px_tall_on_1080p(called_board: Any) -> None:
    board = called_board((1920, 1080))
    code = board.call_panel.code
    assert code.text() == "A-002"
    digits = QFontMetrics(code.font()).tightBoundingRect("0123456789")
    assert digits.height() >= MIN_CALLED_DIGITS_PX
    assert code.height() >= digits.height()
    assert uncut(code)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("high_contrast", [False, True])
def test_every_number_is_whole_at_both_sizes_in_both_themes(
    called_board: Any, size: tuple[int, int], high_contrast: bool
) -> None:
    board = called_board(size, high_contrast)
    labels = [board.call_panel.code, board.call_panel.counter, *board.serving.codes.values()]
    labels += [*board.past.entries, *board.waiting.counts.values(), board.clock, board.office]
    cut = [label.text() for label in labels if not uncut(label)]
    assert cut == []
    palette = palette_for(high_contrast)
    assert colour_at(board, 4, 4) == palette.background.upper()
    panel = board.serving
    assert colour_at(panel, panel.width() - 30, panel.height() - 30) == palette.secondary.upper()


@pytest.mark.parametrize("high_contrast", [False, True])
def test_a_new_call_is_highlighted_for_a_while(
    qtbot: Any,
    called_board: Any,
    queue: QueueDesk,
    counter: CounterDesk,
    voice: TimedVoice,
    high_contrast: bool,
) -> None:
    board = called_board((1366, 768), high_contrast)
    panel = board.call_panel
    palette = palette_for(high_contrast)
    assert not panel.highlighted
    counter.call_next("4", ["C"], actor="S-04")

    qtbot.waitUntil(lambda: panel.highlighted, timeout=10_000)
    assert panel.code.text() == "C-001"
    assert colour_at(panel, panel.width() - 30, panel.height() - 30) == palette.primary.upper()
    qtbot.waitUntil(lambda: len(voice.spoken) == 2, timeout=10_000)
    qtbot.waitUntil(lambda: not panel.highlighted, timeout=10_000)  # calm again, still shown
    assert panel.code.text() == "C-001"
    assert colour_at(panel, panel.width() - 30, panel.height() - 30) == palette.secondary.upper()
