"""The thermal receipt of a submission: tracking code, what to bring, when to come back."""

from __future__ import annotations

import textwrap

from babel.dates import format_time

from kiosk.applications.types import Receipt
from kiosk.i18n import pick_language, translations
from kiosk.i18n.dates import date_with_weekday
from printing.document import Align, Cut, Document, Element, Feed, Logo, QrCode, TextLine
from printing.receipt_words import (
    COME_BACK_ON,
    TRACKING_CODE,
    WHAT_TO_BRING,
    come_back_on,
    letter_note,
    things_to_bring,
)

CODE_SIZE = 2  # character multiplier of the tracking code, when the paper is wide enough
TITLE_SIZE = 2  # character multiplier of the "RECEIPT" title, likewise
GROUP_LENGTH = 4  # characters per spoken group when a code carries no dashes
QR_MODULE_DOTS = {32: 5, 48: 6}
BULLET = "- "
INDENT = "  "


def spelled_code(code: str) -> str:
    """The code one character at a time, groups apart, to read aloud: "K 7 Q M - 2 X H D"."""
    compact = code.replace(" ", "")
    groups = compact.split("-") if "-" in compact else _chunks(compact, GROUP_LENGTH)
    return " - ".join(" ".join(group) for group in groups if group)


def _chunks(text: str, size: int) -> list[str]:
    return [text[start : start + size] for start in range(0, len(text), size)]


def _fitting_size(text: str, columns: int, wanted: int) -> int:
    """The largest multiplier up to `wanted` that keeps `text` on one line."""
    return max(1, min(wanted, columns // max(1, len(text))))


def _wrapped(
    text: str, columns: int, align: Align = Align.CENTER, bold: bool = False
) -> list[TextLine]:
    return [TextLine(line, align, bold) for line in textwrap.wrap(text, columns) or [""]]


def _labelled(label: str, values: list[str], columns: int) -> list[TextLine]:
    """One line `label: value, value` if it fits, else the label above indented values."""
    joined = f"{label}: {', '.join(values)}"
    if len(joined) <= columns:
        return [TextLine(joined)]
    lines = [TextLine(f"{label}:")]
    for value in values:
        wrapped = textwrap.wrap(value, columns, initial_indent=INDENT, subsequent_indent=INDENT)
        lines += [TextLine(line) for line in wrapped]
    return lines


def _bullets(items: list[str], columns: int) -> list[TextLine]:
    lines: list[TextLine] = []
    for item in items:
        wrapped = textwrap.wrap(item, columns, initial_indent=BULLET, subsequent_indent=INDENT)
        lines += [TextLine(line) for line in wrapped]
    return lines


def _big(text: str, columns: int, wanted: int) -> list[TextLine]:
    """`text` as large as one line allows; wrapped at normal size if even 1x is too long."""
    if len(text) > columns:
        return _wrapped(text, columns, bold=True)
    size = _fitting_size(text, columns, wanted)
    return [TextLine(text, Align.CENTER, bold=True, width=size, height=wanted)]


def _header(receipt: Receipt, language: str, columns: int) -> list[Element]:
    _ = translations(language).gettext
    return [
        *_wrapped(receipt.office_name.upper(), columns, bold=True),
        Feed(1),
        *_big(_("Receipt").upper(), columns, TITLE_SIZE),
        *_wrapped(pick_language(receipt.service_title, language), columns, bold=True),
        Feed(1),
    ]


def _code_lines(receipt: Receipt, language: str, columns: int) -> list[Element]:
    _ = translations(language).gettext
    return [
        TextLine(_(TRACKING_CODE), Align.CENTER),
        *_big(receipt.tracking_code, columns, CODE_SIZE),
        *_wrapped(spelled_code(receipt.tracking_code), columns),
        Feed(1),
    ]


def _fact_lines(receipt: Receipt, language: str, columns: int) -> list[TextLine]:
    _ = translations(language).gettext
    day = date_with_weekday(receipt.created_at.date(), language)
    clock = format_time(receipt.created_at, "HH:mm", locale=language)
    lines = _labelled(_("Submitted"), [day, f"{clock} {receipt.zone_label}"], columns)
    if receipt.masked_nik:
        lines += _labelled(_("NIK"), [receipt.masked_nik], columns)
    return lines + _labelled(_(COME_BACK_ON), [come_back_on(receipt, language)], columns)


def _bring_lines(receipt: Receipt, language: str, columns: int) -> list[Element]:
    if not receipt.requirements:
        return []
    _ = translations(language).gettext
    items = things_to_bring(receipt, language)
    return [Feed(1), TextLine(_(WHAT_TO_BRING), bold=True), *_bullets(items, columns)]


def _note_lines(receipt: Receipt, language: str, columns: int) -> list[Element]:
    _ = translations(language).gettext
    notes: list[Element] = [Feed(1)]
    if letter := letter_note(receipt, language):
        notes += _wrapped(letter, columns)
    if receipt.assisted:
        notes += _wrapped(_("Assisted by staff"), columns, bold=True)
    return notes


def _status_lines(receipt: Receipt, language: str, columns: int, native_qr: bool) -> list[Element]:
    _ = translations(language).gettext
    if not native_qr:
        return [*_wrapped(_("Check status: enter the tracking code at the kiosk"), columns)]
    module = QR_MODULE_DOTS.get(columns, 6)
    return [
        QrCode(receipt.qr_payload, module_dots=module),
        *_wrapped(_("Check status: scan this QR code at the kiosk"), columns),
    ]


def layout_receipt(
    receipt: Receipt,
    language: str,
    columns: int,
    native_qr: bool = True,
    logo: bool = False,
) -> Document:
    """Lay out a submission's receipt for paper `columns` characters wide (32 or 48).

    Shows the masked NIK only and never an address; the QR holds the tracking code alone.
    """
    _ = translations(language).gettext
    elements: list[Element] = [Logo()] if logo else []
    elements += _header(receipt, language, columns)
    elements += _code_lines(receipt, language, columns)
    elements += _fact_lines(receipt, language, columns)
    elements += _bring_lines(receipt, language, columns)
    elements += _note_lines(receipt, language, columns)
    elements += _status_lines(receipt, language, columns, native_qr)
    elements += [*_wrapped(_("Please keep this receipt."), columns), Cut(partial=True)]
    return Document(columns=columns, elements=tuple(elements))
