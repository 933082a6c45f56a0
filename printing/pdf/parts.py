"""Small building blocks shared by the PDFs: styles, escaped paragraphs, QR code, check box."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from printing.pdf.fonts import pdf_fonts

LEADING_RATIO = 1.35  # line height as a multiple of the font size


def style(size: float, bold: bool = False, align: int = TA_LEFT, **extra: float) -> ParagraphStyle:
    """A paragraph style in the PDF typeface; `extra` passes spacing such as spaceAfter."""
    fonts = pdf_fonts()
    return ParagraphStyle(
        name=f"anjungan-{size}-{bold}-{align}",
        fontName=fonts.bold if bold else fonts.regular,
        fontSize=size,
        leading=size * LEADING_RATIO,
        alignment=align,
        **extra,
    )


def text(content: str, paragraph_style: ParagraphStyle, markup: str = "%s") -> Flowable:
    """A paragraph of plain `content` (escaped, so a name with "&" or "<" prints as typed),
    optionally wrapped in trusted `markup` such as "<u>%s</u>"."""
    return Paragraph(markup % escape(content), paragraph_style)


def qr_drawing(payload: str, size: float) -> Flowable:
    """A QR code of `payload`, `size` points square, drawn with reportlab's own encoder."""
    widget = QrCodeWidget(payload, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    scale_x, scale_y = size / (right - left), size / (top - bottom)
    drawing = Drawing(size, size, transform=[scale_x, 0, 0, scale_y, 0, 0])
    drawing.add(widget)
    return drawing


def check_box(size: float = 4 * mm) -> Flowable:
    """An empty square for staff to tick by hand."""
    drawing = Drawing(size, size)
    drawing.add(Rect(0, 0, size, size, fillColor=None, strokeColor=colors.black, strokeWidth=0.8))
    return drawing
