"""The Qt binding itself: a long day at the kiosk must not wear Python's None away.

PySide6 6.12.0 dropped one reference to None on every call that returns nothing; on
Python 3.11 (None is not immortal before 3.12) a kiosk aborted with "deallocating None"
after a few thousand such calls. pyproject.toml excludes that release; this test catches
any other release with the same fault.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_calls_returning_nothing_keep_none_alive(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("Langkah 2 dari 6")
        label.setVisible(False)
    assert sys.getrefcount(None) >= before - 50  # a little noise, never 2000 lost
