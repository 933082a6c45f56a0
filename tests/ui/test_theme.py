"""Big enough to touch and to read, in both palettes, measured on the shown widgets."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QFontInfo, QFontMetrics
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from kiosk.printers import PrinterProblem, PrinterUnavailable
from kiosk.queue.errors import QueueBusy
from tests.ui.guided_steps import (
    agree_and_finish,
    current_step,
    fill_questions,
    give_valid_answer,
    next_step,
    open_service,
    read_summary,
    type_keys,
)
from tests.ui.helpers import tap, tap_until_printing
from ui.guided.style import guided_stylesheet
from ui.theme import (
    HIGH_CONTRAST,
    LARGER_TEXT_SCALE,
    NORMAL,
    NUMBER_FONT_PX,
    scale_fonts,
    stylesheet,
)

MIN_TOUCH_PX = 72
MIN_TEXT_PX = 24
MIN_NUMBER_PX = 96
SCREEN_HEIGHT_PX = 800  # the kiosk's 1280 x 800 panel: nothing may need more


def font_px(widget: QWidget) -> int:
    widget.ensurePolished()
    return QFontInfo(widget.font()).pixelSize()


def check_screen(window) -> None:
    page = window.page(window.current_screen)
    buttons = [b for b in page.findChildren(QPushButton) if b.isVisible()]
    labels = [label for label in page.findChildren(QLabel) if label.isVisible() and label.text()]
    assert buttons or window.current_screen in ("printing", "finishing")
    assert page.minimumSizeHint().height() <= SCREEN_HEIGHT_PX, window.current_screen
    for button in buttons:
        assert button.height() >= MIN_TOUCH_PX, (window.current_screen, button.objectName())
        if button.text():
            assert font_px(button) >= MIN_TEXT_PX, button.objectName()
    for label in labels:
        assert font_px(label) >= MIN_TEXT_PX, (window.current_screen, label.text())


def visit_every_screen(qtbot, window, fake_queue):
    """Yield on each screen in turn, reaching it through the real buttons (the next
    person after "finish" keeps the text size of the first)."""
    larger_text = window.larger_text
    yield  # home
    tap(qtbot, window, "take_number")
    yield  # service
    tap(qtbot, window, "line_A")
    yield  # priority
    gate = fake_queue.hold()
    tap(qtbot, window, "priority_none")
    yield  # confirm
    tap(qtbot, window, "print_ticket")
    yield  # printing
    with qtbot.waitSignal(window.ticket_issued, timeout=5_000):
        gate.set()
    yield  # done
    tap(qtbot, window, "finish")
    window.set_larger_text(larger_text)
    fake_queue.gate = None
    fake_queue.fail_with = PrinterUnavailable(PrinterProblem.COVER_OPEN)
    with qtbot.waitSignal(window.print_failed, timeout=5_000):
        tap_until_printing(qtbot, window, "A", "none")
    yield  # printer_problem
    tap(qtbot, window, "back_to_start")
    fake_queue.fail_with = RuntimeError("boom")
    with qtbot.waitSignal(window.print_failed, timeout=5_000):
        tap_until_printing(qtbot, window, "A", "none")
    yield  # error


@pytest.mark.parametrize(
    ("high_contrast", "larger_text"),
    [(False, False), (True, False), (False, True)],
    ids=["normal", "high-contrast", "larger-text"],
)
def test_every_screen_has_big_targets_and_big_text(
    qtbot, window, fake_queue, high_contrast, larger_text
):
    window.set_high_contrast(high_contrast)
    window.set_larger_text(larger_text)  # and every ticket screen still fits the panel
    seen = []
    for _ in visit_every_screen(qtbot, window, fake_queue):
        seen.append(window.current_screen)
        check_screen(window)
    assert seen == [
        "home",
        "line",
        "priority",
        "ticket_confirm",
        "printing",
        "done",
        "printer_problem",
        "error",
    ]


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_the_loading_screen_has_big_targets_and_big_text(
    qtbot, make_window, fake_queue, high_contrast
):
    fake_queue.hold_services()
    window = make_window(high_contrast=high_contrast)
    tap(qtbot, window, "take_number")
    assert window.current_screen == "loading"
    check_screen(window)


def test_the_ticket_number_is_very_large(qtbot, window):
    with qtbot.waitSignal(window.ticket_issued, timeout=5_000):
        tap_until_printing(qtbot, window, "B", "none")
    number = window.page("done").findChild(QLabel, "ticket_number")
    assert font_px(number) >= MIN_NUMBER_PX
    assert number.height() >= MIN_NUMBER_PX


def test_the_contrast_button_switches_the_palette_at_run_time(qtbot, window):
    assert window.styleSheet() == stylesheet(NORMAL)
    tap(qtbot, window, "high_contrast")
    assert window.high_contrast
    assert window.styleSheet() == stylesheet(HIGH_CONTRAST)
    assert "#FFFF00" in window.styleSheet()
    tap(qtbot, window, "high_contrast")
    assert window.styleSheet() == stylesheet(NORMAL)


def visit_every_guided_screen(qtbot, window, fake_services):
    """Yield on each guided screen and each kind of answer widget, via the real buttons."""
    yield  # home, with the guided buttons
    open_service(qtbot, window, "surat-keterangan-kelahiran")
    tap(qtbot, window, "back")
    yield  # guided_services
    tap(qtbot, window, "guided_surat-keterangan-kelahiran")
    yield  # service_intro
    tap(qtbot, window, "start")
    kinds: set[str] = set()
    while window.current_screen == "question":
        step = current_step(window)
        kind = "staff_hint" if step.staff_hint and "staff_hint" not in kinds else step.type
        if kind not in kinds:
            kinds.add(kind)
            yield  # the question with this kind of answer (keypad, choices, text, date)
        give_valid_answer(qtbot, window, step)
        next_step(qtbot, window, step)
    assert {"nik", "text", "select_one", "date", "decimal"} <= kinds
    assert ("staff_hint" in kinds) == window.guided.wizard.assisted
    yield  # summary
    read_summary(qtbot, window)
    tap(qtbot, window, "next")
    yield  # consent
    gate = fake_services.hold()
    tap(qtbot, window, "agree")
    yield  # finishing
    with qtbot.waitSignal(window.guided.submitted, timeout=5_000):
        gate.set()
    yield  # submitted
    tap(qtbot, window, "finish")
    tap(qtbot, window, "check_status")
    type_keys(qtbot, window, next(iter(fake_services.stored)).replace("-", ""))
    yield  # status_entry
    with qtbot.waitSignal(window.guided.status_shown, timeout=5_000):
        tap(qtbot, window, "check_status")
    yield  # status_result
    tap(qtbot, window, "finish")
    open_service(qtbot, window, "surat-keterangan-usaha")
    window.guided.ask_still_there("question")
    yield  # still_there
    tap(qtbot, window, "resume")
    fill_questions(qtbot, window)
    fake_services.fail_with = QueueBusy("busy")
    read_summary(qtbot, window)
    tap(qtbot, window, "next")
    with qtbot.waitSignal(window.guided.finalise_failed, timeout=5_000):
        tap(qtbot, window, "agree")
    yield  # submission_problem


@pytest.mark.parametrize("role", ["kiosk", "counter"])
@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_every_guided_screen_has_big_targets_and_big_text(
    qtbot, make_guided, fake_services, high_contrast, role
):
    window = make_guided(high_contrast=high_contrast, role=role)
    seen = []
    for _ in visit_every_guided_screen(qtbot, window, fake_services):
        seen.append(window.current_screen)
        check_screen(window)
    assert seen[:3] == ["home", "guided_services", "service_intro"]
    assert seen[-8:] == [
        "summary",
        "consent",
        "finishing",
        "submitted",
        "status_entry",
        "status_result",
        "still_there",
        "submission_problem",
    ]


def test_the_tracking_code_is_very_large(qtbot, guided):
    open_service(qtbot, guided, "surat-keterangan-domisili")
    fill_questions(qtbot, guided)
    agree_and_finish(qtbot, guided)
    code = guided.page("submitted").findChild(QLabel, "tracking_code")
    assert font_px(code) >= MIN_NUMBER_PX
    assert QFontMetrics(code.font()).horizontalAdvance(code.text()) <= code.width()  # one line


def test_the_guided_screens_follow_the_contrast_switch(qtbot, guided):
    question = guided.page("question")
    assert question.styleSheet() == guided_stylesheet(NORMAL)
    tap(qtbot, guided, "high_contrast")
    assert question.styleSheet() == guided_stylesheet(HIGH_CONTRAST)
    assert guided.page("status_entry").styleSheet() == guided_stylesheet(HIGH_CONTRAST)


def test_larger_text_scales_every_font_size_up_to_large_enough() -> None:
    sheet = "QLabel { font-size: 28px; } QPushButton { font-size:44px; } X { font-size: 160px; }"
    assert scale_fonts(sheet, LARGER_TEXT_SCALE) == (
        "QLabel { font-size: 35px; } QPushButton { font-size: 55px; } X { font-size: 160px; }"
    )
    assert scale_fonts(sheet, 1.0) is sheet
    whole = scale_fonts(stylesheet(NORMAL), LARGER_TEXT_SCALE)
    sizes = [int(px) for px in re.findall(r"font-size: (\d+)px", whole)]
    assert min(sizes) >= round(24 * LARGER_TEXT_SCALE) and NUMBER_FONT_PX in sizes
    assert scale_fonts("min-height: 96px; padding: 8px 32px;", 2.0) == (
        "min-height: 96px; padding: 8px 32px;"  # targets keep their size: only text grows
    )
