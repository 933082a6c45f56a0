"""The code entry says, beside the code, that the receipt's QR code can be held to the
scanner instead, and it is true: a scan there opens the status."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from tests.ui.guided.test_status_screen import CODE, stored  # noqa: F401 (a fixture)
from tests.ui.helpers import tap
from tests.ui.test_tour import button_problems, on_window
from tests.ui.tour import settled
from ui.guided.status import QrSign
from ui.theme import palette_for

HINT = "Or hold the QR code on your receipt to the scanner."


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "hc"])
def test_the_scan_hint_sits_beside_the_code_and_the_keys_still_fit(
    qtbot, make_guided, high_contrast
):
    window = make_guided(language="en", high_contrast=high_contrast)
    tap(qtbot, window, "check_status")
    settled(qtbot)
    page = window.page("status_entry")
    hint = page.findChild(QLabel, "scan_hint")
    code = page.findChild(QLabel, "entry")
    assert hint.isVisible() and hint.text() == HINT
    beside, shown = on_window(hint), on_window(code)
    assert beside.left() > shown.right()  # at its right...
    assert beside.top() < shown.bottom() and shown.top() < beside.bottom()  # ...on its row
    assert button_problems(window) == []
    assert page.minimumSizeHint().height() <= 800
    sign = page.findChild(QrSign)
    image = sign.grab().toImage()
    theme_text = QColor(palette_for(high_contrast).text).rgb()
    inked = sum(
        QColor(image.pixel(x, y)).rgb() == theme_text
        for x in range(image.width())
        for y in range(image.height())
    )
    assert image.width() * image.height() // 5 < inked < image.width() * image.height()


def test_the_hint_is_true_a_scan_on_the_entry_screen_opens_the_status(qtbot, guided, stored):  # noqa: F811
    tap(qtbot, guided, "check_status")
    assert guided.current_screen == "status_entry"
    with qtbot.waitSignal(guided.guided.status_shown, timeout=5_000) as shown:
        guided.on_code_scanned(f"ANJUNGAN:S:{CODE}\r\n")
    assert shown.args[0] == stored
    assert guided.current_screen == "status_result"
