"""Taps and screens a first-time citizen needs: a queue ticket, and the domisili letter
with and without a registered card.

The real kiosk window and the real shipped catalogue and wizard (storing goes to the
tests' in-memory fake, tests/ui/fakes.py: a SIMULATED office, which does not change
what the citizen taps). A scripted citizen answers every question the way
tests/ui/guided_steps.py does (a name of 11 letters for each text question, the
keypads for numbers, "Benar" for what the NIK proposes) and never taps anything
twice. Counted: every button tap, the letter keypad's keys included (each letter and
each space is one real tap there: capitals without a shift key, a digit after the
"123" key, so the count is exact, not a floor); a card held to the reader as one tap.
Screens: every change of the screen or of the question shown.

Printed beside the figures of the review that opened issue 12 (3 taps for a ticket;
96 taps over 19 screens for domisili without a card). Targets: domisili under 60 taps
without a card and under 35 with one.
Run: python -m benchmarks.first_visit_taps
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from kiosk.catalogue.model import FieldType
from tests.helpers.forms import NIK
from tests.ui.fakes import FakeQueue, FakeServices, RecordingVoice
from ui.contracts import UiOptions
from ui.guided.keypad import key_name
from ui.guided.letters import key_taps
from ui.window import KioskWindow

SERVICE = "surat-keterangan-domisili"
NAME = "Siti Aminah"  # 10 letters and a space: 11 taps on each text question
KEYED = {  # what the keypads take, each key a tap
    FieldType.NIK: NIK,
    FieldType.KK_NUMBER: "3171011505100003",
    FieldType.PHONE: "081234567890",
    FieldType.INTEGER: "2",
    FieldType.DECIMAL: "3,2",
}
REVIEWED = {"ticket": (3, None), "domisili": (96, 19)}
TARGETS = {"domisili": 60, "domisili with a card": 35}


class Citizen:
    """Taps the real window's buttons and counts taps and screens."""

    def __init__(self, window: KioskWindow) -> None:
        self.window = window
        self.taps = 0
        self.screens: list[str] = []

    def look(self) -> None:
        wizard = self.window.guided.wizard if self.window.guided else None
        step = wizard.current.name if wizard and wizard.current else ""
        where = f"{self.window.current_screen}:{step}"
        if not self.screens or self.screens[-1] != where:
            self.screens.append(where)

    def wait_until(self, condition: Callable[[], bool], seconds: float = 10.0) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(f"stuck on {self.window.current_screen}")
            QCoreApplication.processEvents()
            time.sleep(0.005)

    def tap(self, name: str) -> None:
        page = self.window.page(self.window.current_screen)
        self.wait_until(lambda: _shown(page.findChild(QPushButton, name)))
        button = page.findChild(QPushButton, name)
        assert button is not None
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        self.taps += 1
        QCoreApplication.processEvents()
        self.look()

    def type(self, text: str) -> None:
        """Each key of the letter keypad, tapped (`tap` counts them)."""
        for key in key_taps(text):
            self.tap(key)

    def hold_card(self, answers: dict[str, object]) -> None:
        assert self.window.guided is not None
        self.window.guided.prefill(answers)  # what the card reader and registry deliver
        self.taps += 1


def _shown(button: QPushButton | None) -> bool:
    return button is not None and button.isVisible() and button.isEnabled()


def ticket(citizen: Citizen) -> None:
    citizen.tap("take_number")
    citizen.tap("line_B")
    citizen.tap("priority_none")
    citizen.tap("print_ticket")  # the choice is shown before it prints (issue 12)
    citizen.wait_until(lambda: citizen.window.current_screen == "done")
    citizen.look()


def domisili(citizen: Citizen, card: bool) -> None:
    window = citizen.window
    if card:
        citizen.hold_card({"nik": NIK, "nama": NAME})
    citizen.tap("guided_services")
    citizen.tap(f"guided_{SERVICE}")
    citizen.tap("start")  # what to bring, how long: then the first question
    while window.current_screen == "question":
        assert window.guided is not None and window.guided.wizard is not None
        step = window.guided.wizard.current
        assert step is not None
        if step.proposed_from_nik:
            citizen.tap("confirm_proposal")
            continue
        if not step.prefilled_from_card:
            answer(citizen, step.type, step.choices[0].value if step.choices else "")
        citizen.tap("next")
    while not _shown(window.page("summary").findChild(QPushButton, "next")):
        citizen.tap("scroll_more")  # every answer on screen once before Next
    citizen.tap("next")  # summary -> consent
    citizen.tap("agree")
    citizen.wait_until(lambda: window.current_screen == "submitted")
    citizen.look()


def answer(citizen: Citizen, kind: FieldType, first_choice: str) -> None:
    if kind in KEYED:
        for symbol in KEYED[kind]:
            citizen.tap(key_name(symbol))
    elif kind in (FieldType.SELECT_ONE, FieldType.SELECT_MULTIPLE):
        citizen.tap(f"choice_{first_choice}")
    elif kind is FieldType.TEXT:
        citizen.type(NAME)
    elif kind is FieldType.ACKNOWLEDGE:
        citizen.tap("acknowledge")


def visit(run: Callable[[Citizen], None]) -> Citizen:
    queue, services = FakeQueue(), FakeServices()
    window = KioskWindow(
        queue, UiOptions(office_name="Kantor Desa", fullscreen=False), services, RecordingVoice()
    )
    window.resize(1280, 800)
    window.show()
    citizen = Citizen(window)
    citizen.wait_until(lambda: not window.tickets.refreshing)
    citizen.look()
    try:
        run(citizen)
    finally:
        queue.release()
        services.release()
        window.shutdown(5_000)
        window.close()
    return citizen


def main() -> None:
    QApplication.instance() or QApplication([])
    runs = {
        "ticket": visit(ticket),
        "domisili": visit(lambda citizen: domisili(citizen, card=False)),
        "domisili with a card": visit(lambda citizen: domisili(citizen, card=True)),
    }
    print("First visit, scripted citizen (every tap counted, letters on the letter keypad)")
    for name, citizen in runs.items():
        taps, screens = citizen.taps, len(citizen.screens)
        line = f"  {name:22} {taps:3d} taps over {screens:2d} screens"
        reviewed = REVIEWED.get(name)
        if reviewed:
            line += f"   (review: {reviewed[0]} taps"
            line += f" over {reviewed[1]} screens)" if reviewed[1] else ")"
        if name in TARGETS:
            verdict = "met" if taps < TARGETS[name] else "MISSED"
            line += f"   target under {TARGETS[name]}: {verdict}"
        print(line)


if __name__ == "__main__":
    main()
