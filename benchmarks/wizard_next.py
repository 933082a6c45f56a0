"""Time from tapping Next to the next question painted, for the largest service.

The kiosk window runs the real catalogue and the real wizard (storing is not needed:
the form is never finalised). Baseline: a bare QStackedWidget switching between two
plain QWidget pages of the same shape (title, hint, keypad, Back, Next) in the kiosk's
stylesheet, measured the same way: from the tap on Next (a synthesised mouse click, on
both sides), to `painted`: the pending layout requests handled, and the window painted
into a pixmap with grab(), which paints every widget. (grab() leaves a choice list
shown after another kind of answer at its smallest height, where the screen itself
shows it whole; painted with repaint() instead, the kiosk measured 2.2 ms, not 2.4, so
grab() flatters nothing.) Before each tap the event loop
runs, as it does between a person's taps: the kiosk works out the answer given while
the person looks for Next (`Wizard.rehearse`), as it does at a real kiosk.

The baseline's median is over 50 switches between its two pages (only its first
switch paints a page for the first time, which leaves the median alone); the kiosk's
ratio is taken over the forms after the first (every Next of each, the last one to
the summary included). The first form after start is printed too: it pays one-off
costs (fonts' glyphs drawn at a new size, each widget's first paint). Target: at
most 2x, and below 50 ms, both for the later forms; the first form below 50 ms.

The head start has a price, paid while the person types: each key on the keypad
now also works the answer out. It is printed as the time from a key's tap until the
event loop is idle again, against a bare keypad that only shows the digit, in the
same later forms. Target: below 50 ms a key (a person taps a few keys a second).
Run: python -m benchmarks.wizard_next
"""

from __future__ import annotations

import os
import statistics
import time
from typing import cast

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.applications.types import Receipt, StatusView
from kiosk.catalogue.model import FieldType, ServiceDefinition
from kiosk.catalogue.shipped import shipped_definitions
from kiosk.clock import SystemClock
from kiosk.wizard import Wizard
from ui.contracts import UiOptions
from ui.guided.keypad import key_name
from ui.guided.letters import key_taps
from ui.theme import palette_for, stylesheet
from ui.window import KioskWindow

TARGET_RATIO, TARGET_MS = 2.0, 50.0
FORMS = 3  # the first form after start, then two more by the next citizens
KEY_TIMES: list[float] = []  # each keypad tap until the event loop is idle again
KEYED = {
    FieldType.NIK: "3273011708850001",
    FieldType.KK_NUMBER: "3273011505100003",
    FieldType.PHONE: "081234567890",
    FieldType.INTEGER: "2",
    FieldType.DECIMAL: "3,2",
}


class CatalogueOnly:
    """The services port with the real catalogue and wizard; nothing is stored."""

    def __init__(self) -> None:
        self.definitions = shipped_definitions()

    def catalogue(self) -> list[ServiceDefinition]:
        return list(self.definitions.values())

    def start(self, service_id: str, language: str, assisted: bool) -> Wizard:
        return Wizard(self.definitions[service_id], language, SystemClock(), assisted)

    def finalise(self, wizard: Wizard) -> Receipt:
        raise NotImplementedError("the benchmark never finalises")

    def status(self, tracking_code: str) -> StatusView:
        raise NotImplementedError("the benchmark looks nothing up")


class NoQueue:
    def lines(self) -> list[object]:
        return []

    def issue_ticket(self, *args: object, **kwargs: object) -> object:
        raise NotImplementedError


def painted(widget: QWidget) -> None:
    """Lay out what changed (without it grab() paints the old layout), then paint all."""
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    widget.grab()


def tap(window: KioskWindow, name: str) -> None:
    button = window.page(window.current_screen).findChild(QPushButton, name)
    assert button is not None, name
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def answer(window: KioskWindow) -> str:
    """Give the open question a valid answer; returns the button that moves on."""
    assert window.guided is not None and window.guided.wizard is not None
    step = window.guided.wizard.current
    assert step is not None
    if step.proposed_from_nik:
        return "confirm_proposal"
    if step.type in KEYED:
        for symbol in KEYED[step.type]:
            started = time.perf_counter()
            tap(window, key_name(symbol))
            QApplication.processEvents()  # the answer worked out ahead, then painted
            KEY_TIMES.append(time.perf_counter() - started)
    elif step.type is FieldType.DATE:
        tap(window, f"day_{window.guided.wizard.today.day}")  # today's month and year shown
    elif step.type in (FieldType.SELECT_ONE, FieldType.SELECT_MULTIPLE):
        tap(window, f"choice_{step.choices[0].value}")
    elif step.type is FieldType.TEXT:
        for key in key_taps("Budi Santoso"):  # on the letter keypad
            tap(window, key)
    elif step.type is FieldType.ACKNOWLEDGE:
        tap(window, "acknowledge")
    return "next"


def one_form(app: QApplication, window: KioskWindow, service_id: str) -> list[float]:
    """From home, through every question of `service_id` to its summary; then the
    form is abandoned (as the idle timeout does) and the window is home again."""
    tap(window, "guided_services")
    page = window.page("guided_services")
    while page.findChild(QPushButton, f"guided_{service_id}") is None:
        app.processEvents()
    tap(window, f"guided_{service_id}")
    times: list[float] = []
    while window.current_screen == "question":
        button = answer(window)
        app.processEvents()  # the event loop turns between a person's taps
        started = time.perf_counter()
        tap(window, button)
        painted(window)
        times.append(time.perf_counter() - started)
    assert window.guided is not None and window.current_screen == "summary"
    window.guided.form.abandon()
    app.processEvents()
    return times


def kiosk_next_times(app: QApplication) -> list[list[float]]:
    """Each form's Next times, the first form after start first."""
    services = CatalogueOnly()
    largest = max(services.definitions.values(), key=lambda d: len(d.fields))
    options = UiOptions("Kantor Desa", fullscreen=False, voice_enabled=False)
    window = KioskWindow(NoQueue(), options, services=services)  # type: ignore[arg-type]
    window.show_kiosk()
    window.refresh_lines()
    forms = [one_form(app, window, largest.id) for _ in range(FORMS)]
    del KEY_TIMES[: len(KEY_TIMES) // FORMS]  # the first form's keys: one-off costs
    window.shutdown()
    print(f"service: {largest.id} ({len(forms[0])} questions), {FORMS} forms")
    return forms


def bare_page(stack: QStackedWidget, title: str) -> QWidget:
    """A question-shaped page of plain widgets: title, hint, a keypad, Back and Next
    (which shows the other page)."""
    page = QWidget(stack)
    layout = QVBoxLayout(page)
    layout.addWidget(QLabel(title))
    layout.addWidget(QLabel("Lihat di Kartu Keluarga bila belum punya KTP."))
    keys = QGridLayout()
    for index, key in enumerate("123456789 0<"):
        keys.addWidget(QPushButton(key), index // 3, index % 3)
    layout.addLayout(keys)
    layout.addWidget(QPushButton("Kembali"))
    next_button = QPushButton("Lanjut")
    next_button.setObjectName("next")
    next_button.clicked.connect(lambda: stack.setCurrentIndex(1 - stack.currentIndex()))
    layout.addWidget(next_button)
    return page


def bare_key_times(rounds: int) -> list[float]:
    """A bare keypad whose keys only add their digit to a label, measured as the
    kiosk's keys are: from the tap until the event loop is idle again."""
    page = QWidget()
    page.setStyleSheet(stylesheet(palette_for(False)))
    layout = QVBoxLayout(page)
    shown = QLabel("")
    layout.addWidget(shown)
    keys = QGridLayout()
    buttons = []
    for index, key in enumerate("1234567890"):
        button = QPushButton(key)
        button.clicked.connect(lambda _on=False, k=key: shown.setText(shown.text()[-15:] + k))
        keys.addWidget(button, index // 3, index % 3)
        buttons.append(button)
    layout.addLayout(keys)
    page.resize(1280, 800)
    page.show()
    times = []
    for index in range(rounds):
        QApplication.processEvents()
        started = time.perf_counter()
        QTest.mouseClick(buttons[index % len(buttons)], Qt.MouseButton.LeftButton)
        QApplication.processEvents()
        times.append(time.perf_counter() - started)
    return times


def bare_switch_times(rounds: int) -> list[float]:
    stack = QStackedWidget()
    stack.setStyleSheet(stylesheet(palette_for(False)))  # the kiosk's own look
    for text in ("Nomor Induk Kependudukan (NIK)", "Nomor HP yang bisa dihubungi"):
        stack.addWidget(bare_page(stack, text))
    stack.resize(1280, 800)
    stack.show()
    times = []
    for _ in range(rounds):
        page = stack.currentWidget()
        assert page is not None
        next_button = page.findChild(QPushButton, "next")
        assert next_button is not None
        QApplication.processEvents()  # as on the kiosk's side
        started = time.perf_counter()
        QTest.mouseClick(next_button, Qt.MouseButton.LeftButton)
        painted(stack)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    app = cast(QApplication, QApplication.instance() or QApplication([]))
    first, *later = kiosk_next_times(app)
    kiosk = statistics.median([t for form in later for t in form]) * 1000
    cold, slowest = statistics.median(first) * 1000, max(first) * 1000
    bare = statistics.median(bare_switch_times(50)) * 1000
    print(f"bare page switch: {bare:.2f} ms; kiosk Next -> next question: {kiosk:.2f} ms")
    print(
        f"ratio {kiosk / bare:.2f} (target <= {TARGET_RATIO}), absolute {kiosk:.1f} ms "
        f"(target < {TARGET_MS:.0f} ms)"
    )
    print(
        f"first form after start: median {cold:.2f} ms (ratio {cold / bare:.2f}), "
        f"slowest {slowest:.1f} ms (target < {TARGET_MS:.0f} ms)"
    )
    key = statistics.median(KEY_TIMES) * 1000
    bare_key = statistics.median(bare_key_times(100)) * 1000
    print(
        f"keypad tap, answer worked out ahead: median {key:.2f} ms, slowest "
        f"{max(KEY_TIMES) * 1000:.1f} ms; bare keypad {bare_key:.2f} ms "
        f"(ratio {key / bare_key:.2f}; target < {TARGET_MS:.0f} ms a key)"
    )


if __name__ == "__main__":
    main()
