"""A kiosk that notices idleness quickly, for the guided screens' timeout tests."""

from __future__ import annotations

import pytest

IDLE = {"idle_timeout_seconds": 0.3, "still_there_seconds": 0.4}


@pytest.fixture
def idle_english(qapp, make_guided):
    """In English; touches restart the idle timer, as ui.app installs it."""
    window = make_guided(language="en", **IDLE)
    qapp.installEventFilter(window.idle_watcher)
    yield window
    qapp.removeEventFilter(window.idle_watcher)
