"""Bold pictures beside the main actions, for a citizen who reads little: drawn, never loaded.

Each pictogram is a few thick strokes on a 24-unit grid, drawn in the text colour its
button has right now (the theme's stylesheet sets it), and drawn again whenever that
colour changes: one picture serves the normal and the high-contrast looks alike.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QAbstractButton, QLabel

PICTOGRAM_PX = 72  # read from a step away; at least 64
GRID = 24.0  # the drawing's own units, scaled to the size asked for
STROKE = 2.2  # in grid units: about 6.6 px at 72 px, bold on any background

Draw = Callable[[QPainter], None]


def pictogram(kind: str, colour: QColor, size: int = PICTOGRAM_PX) -> QPixmap:
    """The picture called `kind` (one of KINDS), `size` px square, in `colour`."""
    picture = QPixmap(size, size)
    picture.fill(Qt.GlobalColor.transparent)
    painter = QPainter(picture)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / GRID, size / GRID)
    pen = QPen(colour, STROKE)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    KINDS[kind](painter)
    painter.end()
    return picture


def show_pictogram(button: QAbstractButton, kind: str, size: int = PICTOGRAM_PX) -> None:
    """Put the `kind` picture on `button`, before its text, in the button's text colour:
    now and each time the theme changes that colour."""
    if kind not in KINDS:
        raise ValueError(f"no pictogram called {kind!r}")
    button.setIconSize(QSize(size + max(1, size // 6), size))  # the picture and its gap
    button.setProperty("pictogram", kind)
    button.setProperty("pictured", "true")  # the stylesheet gives the picture the sides' air
    keeper = button.findChild(_Recolour)
    if keeper is None:
        button.installEventFilter(_Recolour(button))
    _recolour(button)


def _recolour(button: QAbstractButton) -> None:
    kind = button.property("pictogram")
    colour = button.palette().color(QPalette.ColorRole.ButtonText)
    button.setIcon(QIcon(with_gap(pictogram(str(kind), colour, button.iconSize().height()))))


def with_gap(picture: QPixmap) -> QPixmap:
    """`picture` with clear space on its right: a button draws its text right after its
    icon, and a picture touching the first letter reads as one more letter."""
    gap = max(1, picture.height() // 6)
    wider = QPixmap(picture.width() + gap, picture.height())
    wider.fill(Qt.GlobalColor.transparent)
    painter = QPainter(wider)
    painter.drawPixmap(0, 0, picture)
    painter.end()
    return wider


class PictogramLabel(QLabel):
    """A pictogram on its own (not on a button), in the text colour around it."""

    def __init__(self, size: int = PICTOGRAM_PX) -> None:
        super().__init__()
        self._kind = ""
        self._size = size
        self.setFixedSize(size, size)

    @property
    def kind(self) -> str:
        return self._kind

    def set_kind(self, kind: str) -> None:
        if kind not in KINDS:
            raise ValueError(f"no pictogram called {kind!r}")
        self._kind = kind
        self._draw()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and self._kind:
            self._draw()
        super().changeEvent(event)

    def _draw(self) -> None:
        colour = self.palette().color(QPalette.ColorRole.WindowText)
        self.setPixmap(pictogram(self._kind, colour, self._size))


class _Recolour(QObject):
    """Draws its button's pictogram again when the button's colours change."""

    def __init__(self, button: QAbstractButton) -> None:
        super().__init__(button)
        self._button = button

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._button and event.type() == QEvent.Type.PaletteChange:
            _recolour(self._button)
        return False


# -- the drawings, each on the 24-unit grid ------------------------------------


def _head(painter: QPainter, x: float, y: float) -> None:
    head = QPainterPath()
    head.addEllipse(QPointF(x, y), 2.4, 2.4)
    _filled(painter, head)


def _filled(painter: QPainter, path: QPainterPath) -> None:
    painter.save()
    painter.setBrush(painter.pen().color())
    painter.drawPath(path)
    painter.restore()


def _ticket(painter: QPainter) -> None:
    """A queue ticket: a stub with a notch on each side and a tear line."""
    stub = QPainterPath()
    stub.addRoundedRect(QRectF(2.5, 6, 19, 12), 1.5, 1.5)
    notches = QPainterPath()
    notches.addEllipse(QPointF(2.5, 12), 2.2, 2.2)
    notches.addEllipse(QPointF(21.5, 12), 2.2, 2.2)
    painter.drawPath(stub.subtracted(notches))
    for top in (7.8, 11.3, 14.8):  # the tear line, in three dashes
        painter.drawLine(QPointF(8, top), QPointF(8, top + 1.4))
    painter.drawLine(QPointF(11.5, 10), QPointF(18, 10))
    painter.drawLine(QPointF(11.5, 14), QPointF(16, 14))


def _document(painter: QPainter) -> None:
    """A letter: a page with a folded corner and three lines of text."""
    page = QPainterPath(QPointF(5, 2.5))
    for x, y in ((14, 2.5), (19, 7.5), (19, 21.5), (5, 21.5)):
        page.lineTo(x, y)
    page.closeSubpath()
    painter.drawPath(page)
    painter.drawPolyline([QPointF(14, 2.5), QPointF(14, 7.5), QPointF(19, 7.5)])
    for y, end in ((12, 16), (15, 16), (18, 13)):
        painter.drawLine(QPointF(8, y), QPointF(end, y))


def _magnifier(painter: QPainter) -> None:
    """Looking something up: a lens and its handle."""
    painter.drawEllipse(QPointF(10, 10), 6.5, 6.5)
    pen = painter.pen()
    pen.setWidthF(STROKE * 1.6)
    painter.setPen(pen)
    painter.drawLine(QPointF(15, 15), QPointF(21, 21))


def _elderly(painter: QPainter) -> None:
    """An older person, stooped, with a walking stick."""
    _head(painter, 10.5, 4.2)
    painter.drawPolyline([QPointF(10, 7.5), QPointF(9, 10.5), QPointF(9, 14)])  # the back
    painter.drawPolyline([QPointF(9, 14), QPointF(7.5, 21.5)])
    painter.drawPolyline([QPointF(9, 14), QPointF(11.5, 17.5), QPointF(11.5, 21.5)])
    painter.drawPolyline([QPointF(9.5, 9.5), QPointF(13.5, 12.5)])  # the arm
    painter.drawPolyline([QPointF(14, 12.5), QPointF(16, 21.5)])  # the stick
    painter.drawArc(QRectF(13, 11, 3, 3), 0, 180 * 16)  # its handle


def _wheelchair(painter: QPainter) -> None:
    """The wheelchair symbol: a seated person on a large wheel."""
    _head(painter, 9, 4.2)
    painter.drawPolyline([QPointF(9, 7.5), QPointF(9, 13.5), QPointF(15, 13.5), QPointF(17.5, 20)])
    painter.drawLine(QPointF(9, 9.5), QPointF(14, 9.5))  # the arm
    painter.drawArc(QRectF(3.5, 10, 12, 12), 70 * 16, 250 * 16)  # the wheel, open at the seat
    painter.drawLine(QPointF(17.5, 20), QPointF(20.5, 20))  # the footrest


def _pregnant(painter: QPainter) -> None:
    """A pregnant woman in profile: the back straight, the belly round."""
    _head(painter, 11, 4.2)
    body = QPainterPath(QPointF(9.5, 7))
    body.lineTo(12.5, 7)
    body.cubicTo(QPointF(19.5, 10), QPointF(19.5, 17), QPointF(13, 17))
    body.lineTo(9.5, 17)
    body.closeSubpath()
    _filled(painter, body)
    painter.drawLine(QPointF(10.5, 17), QPointF(10.5, 21.5))
    painter.drawLine(QPointF(13, 17), QPointF(13, 21.5))


def _none(painter: QPainter) -> None:
    """Anyone else: a person standing, with nothing to add."""
    _head(painter, 12, 4.2)
    body = QPainterPath()
    body.addRoundedRect(QRectF(9, 7, 6, 8.5), 2, 2)
    _filled(painter, body)
    painter.drawLine(QPointF(10.8, 15.5), QPointF(10.8, 21.5))
    painter.drawLine(QPointF(13.2, 15.5), QPointF(13.2, 21.5))
    painter.drawLine(QPointF(9, 8.5), QPointF(7.5, 14))
    painter.drawLine(QPointF(15, 8.5), QPointF(16.5, 14))


KINDS: dict[str, Draw] = {
    "ticket": _ticket,
    "document": _document,
    "magnifier": _magnifier,
    "elderly": _elderly,
    "wheelchair": _wheelchair,
    "pregnant": _pregnant,
    "none": _none,
}
