"""The counter's screens at 1280 x 800 in both themes, as the tour checks the kiosk's:
no button clipped, none overlapping another, none too small.

With ANJUNGAN_SCREENSHOTS=<folder> each stop is saved as a PNG there (run it under a
real X server: `xvfb-run -a -s "-screen 0 1280x800x24" ...`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.queue.desk import QueueDesk
from kiosk.queue.types import Priority
from tests.ui.counter.steps import SIGNAL_MS, press, set_up, sign_in
from tests.ui.helpers import tap
from tests.ui.test_tour import button_problems
from tests.ui.tour import settled
from ui.window import KioskWindow


class Reports:
    """Today's report, so that the loket shows every link it can have."""

    def print_today(self, language: str) -> str:
        return "job"


@pytest.mark.parametrize("reports", [Reports()])
@pytest.mark.parametrize(
    ("theme", "high_contrast", "larger_text", "language"),
    [
        ("normal", False, False, "en"),
        ("normal-id", False, False, "id"),
        ("normal-jv", False, False, "jv"),
        ("high-contrast", True, False, "id"),
        ("larger-text", False, True, "id"),
    ],
    ids=["normal", "normal-id", "normal-jv", "high-contrast", "larger-text"],
)
def test_every_counter_screen_is_whole_apart_and_big_enough(
    qtbot,
    make_counter,
    kiosk_desk: QueueDesk,
    theme: str,
    high_contrast: bool,
    larger_text: bool,
    language: str,
) -> None:
    window: KioskWindow = make_counter(high_contrast=high_contrast, language=language)
    window.set_larger_text(larger_text)  # a clerk who chose it at the start screen
    for line, priority in (("A", None), ("B", Priority.ELDERLY), ("B", None), ("C", None)):
        kiosk_desk.issue_ticket(line, priority)
    folder = os.environ.get("ANJUNGAN_SCREENSHOTS")
    found: dict[str, list[str]] = {}
    stops: list[str] = []

    def stop(name: str) -> None:
        settled(qtbot)
        stops.append(name)
        problems = button_problems(window)
        if problems:
            found[name] = problems
        if folder:
            target = Path(folder) / theme
            target.mkdir(parents=True, exist_ok=True)
            window.grab().save(str(target / f"{len(stops):02d}-{name}.png"))

    flow = sign_in(qtbot, window)
    assert not window.larger_text  # a citizen's choice, for their visit only
    qtbot.waitUntil(lambda: bool(flow.setup_screen.line_buttons), timeout=SIGNAL_MS)
    stop("counter-setup")
    set_up(qtbot, window, 2, "ABC")
    stop("counter-free")
    press(qtbot, window, "call")
    stop("counter-called")
    press(qtbot, window, "start")
    tap(qtbot, window, "counter_transfer")
    stop("counter-transfer")
    tap(qtbot, window, "transfer_cancel")
    press(qtbot, window, "hold")
    qtbot.waitUntil(lambda: flow.screen.action_buttons["resume"].isEnabled(), timeout=SIGNAL_MS)
    tap(qtbot, window, "counter_resume")
    stop("counter-resume")

    assert stops and not found, "\n".join(f"{n}: {'; '.join(p)}" for n, p in found.items())
