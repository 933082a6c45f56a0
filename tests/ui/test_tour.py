"""Every screen of the tour (tests/ui/tour.py) at 1280 x 800, in both themes: no button
clipped, none overlapping another, none smaller than 44 x 44 px.

With ANJUNGAN_SCREENSHOTS=<folder> each stop is also saved as a PNG there (what
`scripts/screenshots` does under a real X server), so anyone can look at what a citizen
sees.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QWidget

from tests.ui import test_staff_window as staff_window
from tests.ui.conftest import WindowFactory
from tests.ui.tour import walk, walk_staff
from ui.window import KioskWindow

PANEL = QRect(0, 0, 1280, 800)
SMALLEST = 44  # px, WCAG 2.5.5's target size; the kiosk's own are twice that
# Guided screens whose last row is cut in larger text (issue 12; ui/guided is laid out by
# its own owners): the status entry's QR hint wraps to three lines and pushes the code
# keypad's last row 4 px under the navigation row.
TOO_TALL_IN_LARGER_TEXT: set[str] = set()


def on_window(widget: QWidget) -> QRect:
    return QRect(widget.mapTo(widget.window(), widget.rect().topLeft()), widget.size())


def visible_rect(widget: QWidget, scrolled: bool = False) -> QRect:
    """The part of `widget` its parents let show, in window coordinates; with
    `scrolled`, a scroll area's viewport does not count (scrolling brings it in)."""
    shown = on_window(widget)
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if scrolled and isinstance(parent.parentWidget(), QAbstractScrollArea):
            return shown  # the scroll area's viewport: the rest is reached by scrolling
        shown = shown.intersected(on_window(parent))
        parent = parent.parentWidget()
    return shown.intersected(PANEL)


def button_problems(window: KioskWindow) -> list[str]:
    page = window.page(window.current_screen)
    buttons = [b for b in page.findChildren(QAbstractButton) if b.isVisibleTo(window)]
    problems = []
    for button in buttons:
        name = button.objectName() or button.text()
        where = on_window(button)
        if where.width() < SMALLEST or where.height() < SMALLEST:
            problems.append(f"{name} is {where.width()}x{where.height()} px")
        if visible_rect(button, scrolled=True) != where:
            problems.append(f"{name} is clipped ({where} shows only {visible_rect(button)})")
    for index, first in enumerate(buttons):
        for second in buttons[index + 1 :]:
            if first.isAncestorOf(second) or second.isAncestorOf(first):
                continue
            if visible_rect(first).intersects(visible_rect(second)):
                problems.append(f"{first.objectName()} overlaps {second.objectName()}")
    return problems


staff_port = staff_window.staff_port
documents_port = staff_window.documents_port
make_staffed = staff_window.make_staffed


@pytest.mark.parametrize(
    ("theme", "high_contrast", "larger_text"),
    [("normal", False, False), ("high-contrast", True, False), ("larger-text", False, True)],
    ids=["normal", "high-contrast", "larger-text"],
)
def test_every_button_on_every_screen_is_whole_apart_and_big_enough(
    qtbot, make_staffed: WindowFactory, theme: str, high_contrast: bool, larger_text: bool
) -> None:
    window = make_staffed(high_contrast=high_contrast)
    window.set_larger_text(larger_text)  # each citizen of the walk chooses it (tour.py)
    folder = os.environ.get("ANJUNGAN_SCREENSHOTS")
    found: dict[str, list[str]] = {}

    def visit(name: str, shown: KioskWindow) -> None:
        problems = button_problems(shown)
        if problems:
            found[name] = problems
        if folder:
            target = Path(folder) / theme
            target.mkdir(parents=True, exist_ok=True)
            shown.grab().save(str(target / f"{len(list(target.iterdir())):03d}-{name}.png"))

    stops = walk(qtbot, window, visit) + walk_staff(qtbot, window, visit)
    assert len(stops) > 50  # every shipped service, question by question
    if larger_text:  # known and reported; each must still fail, so a fix removes it here
        known = {name: found.pop(name) for name in TOO_TALL_IN_LARGER_TEXT if name in found}
        assert set(known) == TOO_TALL_IN_LARGER_TEXT, "fixed: take it off TOO_TALL_..."
    assert not found, "\n".join(f"{name}: {'; '.join(p)}" for name, p in found.items())
