"""A village letter on A4: kop surat, title and number, the citizen's details, signature, QR."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Spacer, Table, TableStyle

from kiosk.i18n import translations
from kiosk.i18n.dates import date_in_words
from printing.pdf.pages import CONTENT_WIDTH, build_pdf
from printing.pdf.parts import qr_drawing, style, text

BODY = style(11, align=TA_JUSTIFY, spaceAfter=3 * mm)
CELL = style(11)
QR_SIZE = 26 * mm
SIGNATURE_SPACE = 22 * mm
SIGNATURE_WIDTH = 75 * mm
DETAILS_INDENT = 10 * mm
LABEL_WIDTH = 45 * mm
COLON_WIDTH = 4 * mm
TIGHT_TABLE = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
)


@dataclass(frozen=True)
class LetterContent:
    """Everything one letter prints. It shows the citizen's full name and NIK, because
    staff hand it over in person; it must never be logged (details and body stay out of
    repr). `verification_payload` is what the QR holds for checking the letter later."""

    office_name: str
    office_address: str
    letter_number: str
    title: str  # e.g. "SURAT KETERANGAN DOMISILI"
    details: tuple[tuple[str, str], ...] = field(repr=False)  # (label, value) of the citizen
    body: tuple[str, ...] = field(repr=False)  # paragraphs, already filled in
    place: str  # where it is signed, e.g. "Sukamaju"
    issued_on: date
    signatory_name: str
    signatory_title: str  # e.g. "Kepala Desa Sukamaju"
    verification_payload: str


def _kop(letter: LetterContent) -> list[Flowable]:
    """The letterhead (kop surat): office name, its address, and a double rule."""
    return [
        text(letter.office_name.upper(), style(15, bold=True, align=TA_CENTER)),
        text(letter.office_address, style(9.5, align=TA_CENTER)),
        HRFlowable(width="100%", thickness=2, color=colors.black, spaceBefore=3 * mm),
        HRFlowable(width="100%", thickness=0.6, color=colors.black, spaceBefore=0.8 * mm),
        Spacer(1, 7 * mm),
    ]


def _heading(letter: LetterContent, language: str) -> list[Flowable]:
    _ = translations(language).gettext
    number = _("Number: %(number)s") % {"number": letter.letter_number}
    return [
        text(letter.title, style(13, bold=True, align=TA_CENTER), markup="<u>%s</u>"),
        text(number, style(11, align=TA_CENTER)),
        Spacer(1, 8 * mm),
    ]


def _details(letter: LetterContent) -> Table:
    rows = [[text(label, CELL), ":", text(value, CELL)] for label, value in letter.details]
    value_width = CONTENT_WIDTH - DETAILS_INDENT - LABEL_WIDTH - COLON_WIDTH
    table = Table(rows, colWidths=[LABEL_WIDTH, COLON_WIDTH, value_width], style=TIGHT_TABLE)
    table.setStyle(TableStyle([("FONT", (1, 0), (1, -1), CELL.fontName, CELL.fontSize)]))
    return Table([["", table]], colWidths=[DETAILS_INDENT, None], style=TIGHT_TABLE)


def _body(letter: LetterContent, language: str) -> list[Flowable]:
    _ = translations(language).gettext
    return [
        text(_("The undersigned certifies that:"), BODY),
        _details(letter),
        Spacer(1, 4 * mm),
        *(text(paragraph, BODY) for paragraph in letter.body),
    ]


def _signature(letter: LetterContent, language: str) -> list[Flowable]:
    return [
        text(
            f"{letter.place}, {date_in_words(letter.issued_on, language)}",
            CELL,
        ),
        text(letter.signatory_title, CELL),
        Spacer(1, SIGNATURE_SPACE),
        text(letter.signatory_name, style(11, bold=True), markup="<u>%s</u>"),
    ]


def _verification(letter: LetterContent, language: str) -> list[Flowable]:
    _ = translations(language).gettext
    caption = _("Scan to verify this letter")
    return [qr_drawing(letter.verification_payload, QR_SIZE), text(caption, style(8))]


def _closing_block(letter: LetterContent, language: str) -> Flowable:
    """The verification QR on the left, the signature on the right, kept on one page."""
    cells = [[_verification(letter, language), _signature(letter, language)]]
    widths = [CONTENT_WIDTH - SIGNATURE_WIDTH, SIGNATURE_WIDTH]
    block = Table(cells, colWidths=widths, style=TIGHT_TABLE)
    block.setStyle(TableStyle([("VALIGN", (0, 0), (0, 0), "BOTTOM")]))
    return KeepTogether([Spacer(1, 6 * mm), block])


def _no_decoration(_canvas: Any, _document: Any) -> None:
    """The kop is part of the first page's story; later pages carry nothing extra."""


def render_letter_pdf(letter: LetterContent, language: str, *, compress: bool = True) -> bytes:
    """The letter as PDF bytes, dated `issued_on`; identical letters give identical bytes.

    The metadata carries the title, number and office only, never the citizen.
    """
    story = [
        *_kop(letter),
        *_heading(letter, language),
        *_body(letter, language),
        _closing_block(letter, language),
    ]
    return build_pdf(
        story,
        title=f"{letter.title} {letter.letter_number}",
        author=letter.office_name,
        language=language,
        created=datetime.combine(letter.issued_on, time()),
        decorate=_no_decoration,
        compress=compress,
    )
