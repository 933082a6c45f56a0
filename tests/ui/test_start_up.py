"""The start screen comes up without the heavy parts: they are built after it shows.

benchmarks/startup.py measures the time; this test only guards which modules the first
screen needs, so that an import added at the top of a ui module does not quietly slow
every start-up of the kiosk."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtWidgets import QPushButton

from tests.ui.documents.test_screen import FakeDocuments
from tests.ui.fakes import FakeQueue, FakeServices, FakeStaffPort
from ui.contracts import UiOptions
from ui.window import KioskWindow

HEAVY = (
    "celpy",  # CEL expressions of the service definitions
    "sqlalchemy",
    "serial",
    "stdnum",
    "num2words",
    "cryptography",
    "PySide6.QtMultimedia",
    "PySide6.QtTextToSpeech",
    "kiosk.wizard",
    "ui.guided.flow",
    "ui.staff.flow",
)

FIRST_SCREEN = """
import sys
from PySide6.QtWidgets import QApplication
from ui.app import run_kiosk  # what `kiosk run` imports before the window
from ui.contracts import UiOptions
from ui.window import KioskWindow

class NoQueue:
    def lines(self):
        return []

app = QApplication([])
window = KioskWindow(NoQueue(), UiOptions("Kantor", fullscreen=False), object(),
                     staff=object(), documents=object())
window.show()  # no turn of the event loop yet: the later parts are not built
print(" ".join(sorted(name for name in sys.argv[1:] if name in sys.modules)))
"""


def test_the_first_screen_imports_none_of_the_heavy_parts() -> None:
    result = subprocess.run(
        [sys.executable, "-c", FIRST_SCREEN, *HEAVY],
        capture_output=True,
        text=True,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", **_environ()},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == []


def test_the_later_parts_are_built_on_the_next_turns(
    qtbot, fake_queue: FakeQueue, fake_services: FakeServices
) -> None:
    window = KioskWindow(
        fake_queue,
        UiOptions("Kantor", fullscreen=False),
        fake_services,
        staff=FakeStaffPort(),
        documents=FakeDocuments(),
    )
    qtbot.addWidget(window, before_close_func=lambda _w: fake_services.release())
    assert not window.later_parts_built  # not at construction
    window.show()
    qtbot.waitUntil(lambda: window.later_parts_built)
    names = [screen.name for screen in window.stack.screens()]
    assert {"guided_services", "question", "staff_sign_in", "documents"} <= set(names)
    assert window.shutdown(5_000)


def _environ() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}


def test_before_the_parts_are_built_the_home_buttons_still_work(
    qtbot, fake_queue: FakeQueue, fake_services: FakeServices
) -> None:
    """A tap in the very first turns builds what it needs on the spot."""
    window = KioskWindow(
        fake_queue, UiOptions("Kantor", fullscreen=False), fake_services, staff=FakeStaffPort()
    )
    qtbot.addWidget(window, before_close_func=lambda _w: fake_services.release())
    assert not window.later_parts_built
    window.set_language("en")  # changed before the guided screens exist
    window.home.guided_button.click()
    assert window.current_screen == "guided_services"
    english = window.stack.current.findChild(QPushButton, "back").text()
    assert english == "Back"  # translated, in the language chosen before it was built
    window.home.staff_requested.emit()  # a badge tap or a held office name (test_home)
    assert window.current_screen == "staff_sign_in"
    assert window.shutdown(5_000)
