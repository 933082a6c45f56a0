"""Chosen and pressed states seen at a glance, in both themes: circles for one answer,
boxes for several, and every state at WCAG's 3:1 or better against the one it replaces,
measured on the drawn pixels (and the palette's own colours)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from kiosk.wizard import ChoiceView
from ui.base.screen import make_button
from ui.guided.choices import BOX, CIRCLE, MARK_PX, ChoiceButton, ChoiceList
from ui.guided.style import guided_stylesheet
from ui.theme import HIGH_CONTRAST, NORMAL, Palette, stylesheet

NON_TEXT = 3.0  # WCAG 1.4.11: states and marks against what is next to them
THEMES = pytest.mark.parametrize("palette", [NORMAL, HIGH_CONTRAST], ids=["normal", "hc"])


def luminance(colour: QColor) -> float:
    """WCAG 2's relative luminance of an sRGB colour."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(colour.redF())
        + 0.7152 * linear(colour.greenF())
        + 0.0722 * linear(colour.blueF())
    )


def contrast(one: QColor | str, other: QColor | str) -> float:
    lighter, darker = sorted((luminance(QColor(one)), luminance(QColor(other))), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_formula_gives_wcags_known_ratios():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)


def styled_page(qtbot, palette: Palette, *widgets: QWidget) -> QWidget:
    page = QWidget()
    column = QVBoxLayout(page)
    for widget in widgets:
        column.addWidget(widget)
    page.setStyleSheet(stylesheet(palette) + guided_stylesheet(palette))
    qtbot.addWidget(page)
    page.resize(700, 120 * len(widgets))
    page.show()
    qtbot.waitExposed(page)
    return page


def fill(button: QPushButton) -> QColor:
    """The button's background, inside its border and beside its text."""
    image = button.grab().toImage()
    return QColor(image.pixel(12, image.height() // 2))


@THEMES
def test_a_chosen_answer_stands_out_from_the_others_and_the_page(qtbot, palette):
    choices = ChoiceList([ChoiceView("a", "Satu"), ChoiceView("b", "Dua")], ["a"], False)
    page = styled_page(qtbot, palette, choices)  # noqa: F841 (kept alive)
    chosen, other = choices.buttons["a"], choices.buttons["b"]
    chosen_fill, other_fill = fill(chosen), fill(other)
    assert contrast(chosen_fill, other_fill) >= NON_TEXT
    assert contrast(chosen_fill, palette.background) >= NON_TEXT
    for button, behind in ((chosen, chosen_fill), (other, other_fill)):
        assert contrast(ink(button), behind) >= NON_TEXT, button.objectName()
    # The palette's own colours say the same, whatever the renderer blends.
    assert contrast(palette.primary, palette.secondary) >= NON_TEXT
    assert contrast(palette.primary, palette.background) >= NON_TEXT
    assert contrast(palette.primary_text, palette.primary) >= NON_TEXT
    assert contrast(palette.secondary_text, palette.secondary) >= NON_TEXT


@THEMES
@pytest.mark.parametrize(
    "role", ["", "key", "date_key", "date_part", "primary", "destructive", "answer"]
)
def test_a_pressed_button_is_seen_under_the_finger(qtbot, palette, role):
    button = make_button("pressed", role)
    button.setText("7")
    page = styled_page(qtbot, palette, button)  # noqa: F841 (kept alive)
    at_rest = fill(button)
    button.setDown(True)  # what a finger on it does, until it lifts
    pressed = fill(button)
    assert contrast(pressed, at_rest) >= NON_TEXT, (pressed.name(), at_rest.name())
    if role != "primary":  # a secondary button's press stands out from the page too
        assert contrast(pressed, palette.background) >= NON_TEXT


def mark_image(button: ChoiceButton) -> QImage:
    """The mark as drawn on its button (a grab of the mark alone has no background)."""
    return button.grab().toImage().copy(button.mark.geometry())


def ink(button: ChoiceButton) -> QColor:
    """The colour the mark is drawn in (its most frequent colour unlike its button's)."""
    image = mark_image(button)
    behind = fill(button).rgb()
    counts: dict[int, int] = {}
    for x in range(image.width()):
        for y in range(image.height()):
            rgb = QColor(image.pixel(x, y)).rgb()
            if rgb != behind:
                counts[rgb] = counts.get(rgb, 0) + 1
    return QColor.fromRgb(max(counts, key=counts.__getitem__))


def inked(image: QImage, corner: QPoint, size: int, behind: QColor) -> int:
    """How many pixels of the `size` square at `corner` are not the background."""
    return sum(
        QColor(image.pixel(corner.x() + dx, corner.y() + dy)).rgb() != behind.rgb()
        for dx in range(size)
        for dy in range(size)
    )


@THEMES
@pytest.mark.parametrize("chosen", [False, True], ids=["not-chosen", "chosen"])
def test_one_answer_has_circles_and_several_have_boxes(qtbot, palette, chosen):
    one = ChoiceList([ChoiceView("a", "Satu")], ["a"] if chosen else [], multiple=False)
    many = ChoiceList([ChoiceView("a", "Satu")], ["a"] if chosen else [], multiple=True)
    page = styled_page(qtbot, palette, one, many)  # noqa: F841 (kept alive)
    circle, box = one.buttons["a"].mark, many.buttons["a"].mark
    assert (circle.shape, box.shape) == (CIRCLE, BOX)
    assert one.buttons["a"].marked() is chosen and many.buttons["a"].marked() is chosen
    corners = [QPoint(1, 1), QPoint(MARK_PX - 7, 1), QPoint(1, MARK_PX - 7)]  # a box's
    for button, drawn_in_corners in ((one.buttons["a"], False), (many.buttons["a"], True)):
        image, behind = mark_image(button), fill(button)
        ink_in_corners = sum(inked(image, corner, 6, behind) for corner in corners)
        assert (ink_in_corners > 6) is drawn_in_corners, (button.mark.shape, ink_in_corners)
    centre = QPoint(MARK_PX // 2 - 3, MARK_PX // 2 - 3)
    dot = inked(mark_image(one.buttons["a"]), centre, 6, fill(one.buttons["a"]))
    assert (dot > 0) is chosen  # a dot in a chosen circle, an empty circle otherwise


def test_a_mark_follows_its_list_from_one_answer_to_several(qtbot):
    choices = ChoiceList([ChoiceView("a", "Satu")], [], multiple=False)
    page = styled_page(qtbot, NORMAL, choices)  # noqa: F841 (kept alive)
    assert choices.buttons["a"].mark.shape == CIRCLE
    choices.set_choices([ChoiceView("a", "Satu")], ["a"], multiple=True)
    assert choices.buttons["a"].mark.shape == BOX and choices.buttons["a"].marked()
    qtbot.mouseClick(choices.buttons["a"], Qt.MouseButton.LeftButton)
    assert not choices.buttons["a"].marked()
