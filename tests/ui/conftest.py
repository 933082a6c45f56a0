"""Qt offscreen, a fake queue, and a kiosk window wired to it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta, timezone
from typing import Any

import pytest

from tests.ui.fakes import FakeQueue, FakeServices, RecordingVoice
from tests.ui.helpers import wait_for_start_up_lines
from ui.contracts import UiOptions
from ui.window import KioskWindow

WindowFactory = Callable[..., KioskWindow]
WIB = timezone(timedelta(hours=7), "WIB")


@pytest.fixture
def fake_queue() -> Iterator[FakeQueue]:
    queue = FakeQueue()
    yield queue
    queue.release()


@pytest.fixture
def options() -> UiOptions:
    return UiOptions(office_name="Kantor Desa Sukamaju", fullscreen=False)


def shown_windows(
    qtbot: Any,
    options: UiOptions,
    build: Callable[[UiOptions], KioskWindow],
    release: Callable[[], None],
    lines_held: Callable[[], bool] = lambda: False,
) -> Iterator[WindowFactory]:
    """A factory of shown kiosk windows (keyword arguments replace fields of `options`),
    each with its start-up line list arrived unless `lines_held`; `release` unblocks the
    fakes before pytest-qt closes a window (which waits for its background calls), and
    every window must shut down cleanly at the end."""
    windows: list[KioskWindow] = []

    def make(**changes: Any) -> KioskWindow:
        kiosk = build(replace(options, **changes))
        qtbot.addWidget(kiosk, before_close_func=lambda _kiosk: release())
        kiosk.resize(1280, 800)
        kiosk.show()
        qtbot.waitExposed(kiosk)
        windows.append(kiosk)
        if not lines_held():
            wait_for_start_up_lines(qtbot, kiosk)
        return kiosk

    yield make
    release()
    for kiosk in windows:
        assert kiosk.shutdown(5_000), "a call was still running"


def held(queue: FakeQueue) -> bool:
    return queue.lines_held


@pytest.fixture
def make_window(qtbot, fake_queue: FakeQueue, options: UiOptions) -> Iterator[WindowFactory]:
    """Build a shown kiosk window; keyword arguments replace fields of `options`. Its
    voice records what it would say (every ticket screen speaks): no speaker process."""

    def build(chosen: UiOptions) -> KioskWindow:
        return KioskWindow(fake_queue, chosen, voice=RecordingVoice(enabled=chosen.voice_on))

    yield from shown_windows(
        qtbot, options, build, fake_queue.release, lambda: fake_queue.lines_held
    )


@pytest.fixture
def window(make_window: WindowFactory) -> KioskWindow:
    return make_window()


# -- guided services (tests/ui/fake_services.py) ------------------------------


@pytest.fixture
def fake_services() -> Iterator[FakeServices]:
    services = FakeServices()
    yield services
    services.release()


@pytest.fixture
def make_guided(
    qtbot, fake_queue: FakeQueue, fake_services: FakeServices, options: UiOptions
) -> Iterator[WindowFactory]:
    """A shown kiosk window with guided services and a RecordingVoice (`window.voice`),
    enabled as the role says; keyword arguments replace fields of `options`."""

    def build(chosen: UiOptions) -> KioskWindow:
        voice = RecordingVoice(enabled=chosen.voice_on)
        return KioskWindow(fake_queue, chosen, fake_services, voice)

    def release() -> None:
        fake_queue.release()
        fake_services.release()

    yield from shown_windows(qtbot, options, build, release, lambda: held(fake_queue))


@pytest.fixture
def guided(make_guided: WindowFactory) -> KioskWindow:
    return make_guided()
