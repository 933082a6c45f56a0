"""Building an A4 PDF to bytes, reproducibly: fixed metadata and a chosen creation date."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, SimpleDocTemplate

MARGIN = 20 * mm
FRAME_PADDING = 6  # points; platypus' default frame padding on every side
CONTENT_WIDTH = A4[0] - 2 * MARGIN - 2 * FRAME_PADDING  # what a flowable may fill
CREATOR = "Anjungan"

PageDecorator = Callable[[Any, Any], None]  # (canvas, document) -> None, like platypus'


def pdf_date(moment: datetime) -> str:
    """A PDF date string ("D:20261127091500+07'00'") for an aware `moment`."""
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"D:{moment:%Y%m%d%H%M%S}{sign}{hours:02d}'{rest:02d}'"


def _stamped(decorate: PageDecorator, created: datetime) -> PageDecorator:
    """`decorate`, first setting the creation date the document will carry."""

    def on_page(canvas: Any, document: Any) -> None:
        canvas.setDateFormatter(lambda *_parts: pdf_date(created))
        decorate(canvas, document)

    return on_page


def build_pdf(
    story: Sequence[Flowable],
    *,
    title: str,
    author: str,
    language: str,
    created: datetime,
    decorate: PageDecorator,
    compress: bool = True,
) -> bytes:
    """Lay `story` out on A4 and return the file; the same input gives the same bytes.

    `title` and `author` end up in the file's metadata: never put personal data there.
    """
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author=author,
        subject=title,
        creator=CREATOR,
        lang=language,
        invariant=1,
        pageCompression=1 if compress else 0,
    )
    on_page = _stamped(decorate, created)
    template.build(list(story), onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()
