"""Full garbage collections only when nobody is at the kiosk (ui.memory)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from tests.ui.conftest import WindowFactory
from ui import memory
from ui.memory import QuietCollector, settle


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


@pytest.fixture(autouse=True)
def unfrozen_afterwards() -> Iterator[None]:
    yield
    gc.unfreeze()  # later tests see the collector as they expect it


def test_settle_collects_old_garbage_and_freezes_what_lives() -> None:
    first, second = Node(), Node()
    first.other, second.other = second, first
    alive = weakref.ref(first)
    gc.freeze()  # as an earlier settle() left it: the cycle is out of the collector's view
    del first, second  # now it is garbage, kept only by its own cycle
    gc.collect()
    assert alive() is not None  # the usual collections do not see frozen objects
    settle()
    assert alive() is None
    assert gc.get_freeze_count() > 0  # the survivors, frozen again


@pytest.mark.parametrize(
    ("at_start", "quiet_ms", "settles"),
    [(True, 60_000, True), (False, 60_000, False)],
)
def test_it_settles_only_at_the_start_screen_and_only_when_untouched(
    qtbot: QtBot, at_start: bool, quiet_ms: int, settles: bool
) -> None:
    parent = QObject()
    quiet = QuietCollector(lambda: at_start, lambda: quiet_ms, parent, after_ms=20)
    quiet.soon()
    assert quiet.armed
    qtbot.waitUntil(lambda: not quiet.armed, timeout=2000)
    assert quiet.settled == (1 if settles else 0)


def test_a_touch_at_the_start_screen_puts_it_off_until_quiet(qtbot: QtBot) -> None:
    untouched = [5]  # ms since the last touch, as the idle watcher reports it
    parent = QObject()
    quiet = QuietCollector(lambda: True, lambda: untouched[0], parent, after_ms=40)
    quiet.soon()
    qtbot.wait(80)
    assert quiet.settled == 0 and quiet.armed  # waiting out the rest of the quiet
    untouched[0] = 60_000
    qtbot.waitUntil(lambda: quiet.settled == 1, timeout=2000)


def test_the_window_settles_when_left_alone_at_the_start_screen(
    qtbot: QtBot, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(memory, "QUIET_MS", 50)
    window = make_window()
    qtbot.waitUntil(lambda: window.quiet.settled == 1, timeout=3000)  # at start-up
    window.show_screen("line")
    window.quiet.soon()
    qtbot.wait(200)
    assert window.quiet.settled == 1  # someone is choosing a line: no pause now
    window.go_home()
    assert window.quiet.armed
    qtbot.waitUntil(lambda: window.quiet.settled == 2, timeout=3000)
