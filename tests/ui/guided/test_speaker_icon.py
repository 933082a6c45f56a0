"""The speaker icon on "Dengarkan" is drawn in the button's text colour, in both looks."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QPushButton

from tests.ui.guided_steps import open_service


def icon_colours(button: QPushButton) -> set[str]:
    image = button.icon().pixmap(button.iconSize()).toImage()
    colours = set()
    for x in range(image.width()):
        for y in range(image.height()):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() == 255:
                colours.add(pixel.name())
    return colours


def test_the_speaker_icon_shows_on_the_high_contrast_buttons(qtbot, guided):
    open_service(qtbot, guided, "surat-keterangan-domisili")
    button = guided.page("question").findChild(QPushButton, "speak")
    normal_text = button.palette().color(QPalette.ColorRole.ButtonText).name()
    assert icon_colours(button) == {normal_text}
    guided.set_high_contrast(True)
    contrast_text = button.palette().color(QPalette.ColorRole.ButtonText).name()
    assert contrast_text != normal_text  # the high-contrast look has its own text colour
    assert icon_colours(button) == {contrast_text}
    assert QColor(contrast_text).value() > 200  # bright on the black buttons
