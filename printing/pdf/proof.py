"""The A4 proof of submission staff print for a citizen: same facts and QR as the receipt."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from babel.dates import format_time
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Spacer, Table, TableStyle

from kiosk.applications.types import Receipt
from kiosk.catalogue.model import Output
from kiosk.i18n import pick_language, translations
from kiosk.i18n.dates import date_with_weekday
from printing.pdf.pages import CONTENT_WIDTH, FRAME_PADDING, MARGIN, PageDecorator, build_pdf
from printing.pdf.parts import check_box, qr_drawing, style, text
from printing.receipt import spelled_code

QR_SIZE = 42 * mm
LABEL_WIDTH = 36 * mm
ANSWER_LABEL_WIDTH = 70 * mm
QR_COLUMN = QR_SIZE + 6 * mm
BOX_COLUMN = 8 * mm
BODY = style(10.5)
STRONG = style(10.5, bold=True)
CODE = style(18, bold=True)
SMALL = style(9)
FOOTER = style(8, align=TA_CENTER)
HEADING = style(12, bold=True, spaceBefore=6 * mm, spaceAfter=2 * mm)
PLAIN_TABLE = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
)


def _header(receipt: Receipt, language: str) -> list[Flowable]:
    _ = translations(language).gettext
    return [
        text(receipt.office_name.upper(), style(12, bold=True, align=TA_CENTER)),
        Spacer(1, 3 * mm),
        text(_("Proof of Service Submission").upper(), style(16, bold=True, align=TA_CENTER)),
        HRFlowable(width="100%", thickness=1.2, color=colors.black, spaceBefore=3 * mm),
        Spacer(1, 6 * mm),
    ]


def _when(receipt: Receipt, language: str) -> str:
    day = date_with_weekday(receipt.created_at.date(), language)
    clock = format_time(receipt.created_at, "HH:mm", locale=language)
    return f"{day}, {clock} {receipt.zone_label}"


def _facts(receipt: Receipt, language: str) -> list[tuple[str, list[Flowable]]]:
    _ = translations(language).gettext
    code = [text(receipt.tracking_code, CODE), text(spelled_code(receipt.tracking_code), SMALL)]
    rows = [
        (_("Service"), [text(pick_language(receipt.service_title, language), STRONG)]),
        (_("Tracking code"), code),
        (_("Submitted"), [text(_when(receipt, language), BODY)]),
    ]
    if receipt.masked_nik:
        rows.append((_("NIK"), [text(receipt.masked_nik, BODY)]))
    ready = date_with_weekday(receipt.ready_on, language)
    rows.append((_("Come back on"), [text(ready, STRONG)]))
    return rows


def _facts_table(receipt: Receipt, language: str) -> Table:
    rows = [[text(label, BODY), value] for label, value in _facts(receipt, language)]
    value_width = CONTENT_WIDTH - QR_COLUMN - LABEL_WIDTH
    return Table(rows, colWidths=[LABEL_WIDTH, value_width], style=PLAIN_TABLE, hAlign="LEFT")


def _qr_cell(receipt: Receipt, language: str) -> list[Flowable]:
    _ = translations(language).gettext
    caption = _("Check status: scan this QR code at the kiosk")
    return [qr_drawing(receipt.qr_payload, QR_SIZE), text(caption, style(8.5, align=TA_CENTER))]


def _summary(receipt: Receipt, language: str) -> Table:
    cells = [[_facts_table(receipt, language), _qr_cell(receipt, language)]]
    widths = [CONTENT_WIDTH - QR_COLUMN, QR_COLUMN]
    return Table(cells, colWidths=widths, style=PLAIN_TABLE)


def _answers(answers: Sequence[tuple[str, str]], language: str) -> list[Flowable]:
    """What the citizen answered, in words (choice labels, dates); NIK and KK masked."""
    if not answers:
        return []
    _ = translations(language).gettext
    rows = [[text(label, SMALL), text(value, BODY)] for label, value in answers]
    widths = [ANSWER_LABEL_WIDTH, CONTENT_WIDTH - ANSWER_LABEL_WIDTH]
    return [text(_("Details submitted"), HEADING), Table(rows, colWidths=widths, style=PLAIN_TABLE)]


def _checklist(receipt: Receipt, language: str) -> list[Flowable]:
    if not receipt.requirements:
        return []
    _ = translations(language).gettext
    items = [pick_language(texts, language) for texts in receipt.requirements]
    rows = [[check_box(), text(item, BODY)] for item in items]
    table = Table(rows, colWidths=[BOX_COLUMN, CONTENT_WIDTH - BOX_COLUMN], style=PLAIN_TABLE)
    return [text(_("Documents to bring"), HEADING), table]


def _notes(receipt: Receipt, language: str) -> list[Flowable]:
    _ = translations(language).gettext
    notes = []
    if receipt.output is Output.LETTER:
        notes.append(_("Staff will print your letter after checking your documents."))
    if receipt.assisted:
        notes.append(_("Assisted by staff"))
    notes.append(_("Please keep this proof and bring it when you come back."))
    return [Spacer(1, 4 * mm), *(text(note, BODY) for note in notes)]


def _footer(language: str) -> PageDecorator:
    """The data-protection sentence at the foot of every page, wrapped to the margins."""
    _ = translations(language).gettext
    sentence = _(
        "Your personal data is used only for this service and is protected under "
        "Law No. 27 of 2022 on Personal Data Protection (UU PDP)."
    )
    paragraph = text(sentence, FOOTER)

    def draw(canvas: Any, _document: Any) -> None:
        _width, height = paragraph.wrapOn(canvas, CONTENT_WIDTH, MARGIN)
        left, top = MARGIN + FRAME_PADDING, MARGIN - 3 * mm
        canvas.saveState()
        canvas.setLineWidth(0.5)
        canvas.line(left, top, left + CONTENT_WIDTH, top)
        paragraph.drawOn(canvas, left, top - 1.5 * mm - height)
        canvas.restoreState()

    return draw


def render_proof_pdf(
    receipt: Receipt,
    language: str,
    *,
    answers: Sequence[tuple[str, str]] = (),
    compress: bool = True,
) -> bytes:
    """The proof as PDF bytes; identical for identical receipts (dated `created_at`).

    `answers` are (question, answer in words) rows to list, NIK and KK already masked
    (kiosk.documents.answers.answer_rows). The metadata names the service and tracking
    code, no person.
    `compress=False` leaves the page streams readable, for tests.
    """
    _ = translations(language).gettext
    story = [
        *_header(receipt, language),
        _summary(receipt, language),
        *_answers(answers, language),
        *_checklist(receipt, language),
        *_notes(receipt, language),
    ]
    title = f"{_('Proof of Service Submission')} {receipt.tracking_code}"
    return build_pdf(
        story,
        title=title,
        author=receipt.office_name,
        language=language,
        created=receipt.created_at,
        decorate=_footer(language),
        compress=compress,
    )
