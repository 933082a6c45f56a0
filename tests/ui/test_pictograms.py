"""A picture on every main action, drawn in the button's own text colour in both looks,
and really painted (the button looks different without it)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QIcon, QImage, QPalette
from PySide6.QtWidgets import QAbstractButton, QPushButton

from tests.ui.conftest import WindowFactory
from tests.ui.helpers import button, tap
from ui.pictograms import KINDS, PICTOGRAM_PX, pictogram, show_pictogram
from ui.theme import palette_for

ON_HOME = {"take_number": "ticket", "guided_services": "document", "check_status": "magnifier"}
ON_PRIORITY = {
    "priority_elderly": "elderly",
    "priority_disabled": "wheelchair",
    "priority_pregnant": "pregnant",
    "priority_none": "none",
}


def inked(image: QImage) -> set[str]:
    """The colours of the opaque pixels (antialiased edges left out)."""
    return {
        image.pixelColor(x, y).name()
        for x in range(image.width())
        for y in range(0, image.height(), 2)
        if image.pixelColor(x, y).alpha() == 255
    }


def check_pictured(found: QAbstractButton, kind: str, text_colour: str) -> None:
    assert found.property("pictogram") == kind
    assert found.iconSize().width() >= 64
    drawn = found.icon().pixmap(found.iconSize()).toImage()
    assert inked(drawn) == {text_colour.lower()}, found.objectName()
    with_picture = found.grab().toImage()
    icon = found.icon()
    found.setIcon(QIcon())
    try:
        assert found.grab().toImage() != with_picture, f"{found.objectName()} shows no picture"
    finally:
        found.setIcon(icon)


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_every_main_action_has_its_picture_in_its_text_colour(
    qtbot, make_guided: WindowFactory, high_contrast: bool
) -> None:
    window = make_guided(high_contrast=high_contrast)
    palette = palette_for(high_contrast)
    for name, kind in ON_HOME.items():
        found = button(window, name)
        primary = found.property("role") == "primary"
        check_pictured(found, kind, palette.primary_text if primary else palette.secondary_text)
    tap(qtbot, window, "take_number")
    tap(qtbot, window, "line_A")
    for name, kind in ON_PRIORITY.items():
        check_pictured(button(window, name), kind, palette.secondary_text)
    tap(qtbot, window, "priority_pregnant")
    picture = window.tickets.confirm.picture
    assert picture.kind == "pregnant"
    assert inked(picture.pixmap().toImage()) == {palette.text.lower()}


def test_a_change_of_look_draws_the_pictures_again(qtbot, make_window: WindowFactory) -> None:
    window = make_window()
    take = button(window, "take_number")
    before = take.icon().pixmap(take.iconSize()).toImage()
    window.set_high_contrast(True)
    after = take.icon().pixmap(take.iconSize()).toImage()
    assert inked(after) == {palette_for(True).primary_text.lower()} != inked(before)


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_picture_is_bold_and_inside_its_square(kind: str) -> None:
    image = pictogram(kind, QColor("#000000"), PICTOGRAM_PX).toImage()
    opaque = [
        (x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 128
    ]
    assert len(opaque) > PICTOGRAM_PX * PICTOGRAM_PX * 0.12  # bold, not hairlines
    edge = {0, PICTOGRAM_PX - 1}
    assert not [p for p in opaque if p[0] in edge or p[1] in edge]  # nothing cut off


def test_an_unknown_picture_is_refused(qtbot) -> None:
    found = QPushButton()
    qtbot.addWidget(found)
    with pytest.raises(ValueError, match="no pictogram"):
        show_pictogram(found, "../../etc/passwd")
    assert found.icon().isNull()
    show_pictogram(found, "ticket")
    show_pictogram(found, "document")  # a second call changes the picture, one redrawer
    colour = found.palette().color(QPalette.ColorRole.ButtonText).name()
    assert inked(found.icon().pixmap(found.iconSize()).toImage()) == {colour}
