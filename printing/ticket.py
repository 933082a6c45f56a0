"""The queue ticket layout: what a citizen takes from the printer, for any paper width."""

from __future__ import annotations

import textwrap

from babel.dates import format_time

from kiosk.i18n import pick_language, translations
from kiosk.i18n.dates import date_with_weekday
from kiosk.queue.messages import people_ahead_text, priority_text, wait_text
from kiosk.queue.types import IssuedTicket
from printing.document import Align, Cut, Document, Element, Feed, Logo, QrCode, TextLine

NUMBER_SIZE = 4  # character multiplier of the ticket number (4x width and height)
QR_MODULE_DOTS = {32: 5, 48: 6}  # larger modules where the paper is wider


def _wrapped(text: str, columns: int, align: Align = Align.CENTER) -> list[TextLine]:
    return [TextLine(line, align) for line in textwrap.wrap(text, columns) or [""]]


def _when_lines(ticket: IssuedTicket, language: str) -> list[TextLine]:
    day = date_with_weekday(ticket.issued_at.date(), language)
    clock = format_time(ticket.issued_at, "HH:mm", locale=language)
    return [TextLine(day, Align.CENTER), TextLine(f"{clock} {ticket.zone_label}", Align.CENTER)]


def _waiting_lines(ticket: IssuedTicket, language: str, columns: int) -> list[TextLine]:
    lines = _wrapped(people_ahead_text(ticket.people_ahead, language), columns)
    if ticket.people_ahead:
        lines += _wrapped(wait_text(ticket.estimated_wait_minutes, language), columns)
    return lines


def layout_ticket(
    ticket: IssuedTicket,
    language: str,
    columns: int,
    native_qr: bool = True,
    logo: bool = False,
) -> Document:
    """Lay out one ticket for paper `columns` characters wide (32 on 58 mm, 48 on 80 mm).

    `logo` asks for the logo the printer stores; the ticket never carries a raster image.
    """
    _ = translations(language).gettext
    elements: list[Element] = [Logo()] if logo else []
    elements += [
        *(
            TextLine(line, Align.CENTER, bold=True)
            for line in textwrap.wrap(ticket.office_name.upper(), columns)
        ),
        *_wrapped(ticket.line.name(language), columns),
        Feed(1),
        TextLine(_("Your queue number"), Align.CENTER),
        TextLine(ticket.code, Align.CENTER, bold=True, width=NUMBER_SIZE, height=NUMBER_SIZE),
    ]
    if ticket.priority is not None:
        elements.append(TextLine(priority_text(ticket.priority, language), Align.CENTER, True))
    elements += [Feed(1), *_when_lines(ticket, language)]
    elements += _waiting_lines(ticket, language, columns)
    elements += _wrapped(pick_language(ticket.line.where_to_wait, language), columns)
    if native_qr:
        module = QR_MODULE_DOTS.get(columns, 6)
        elements += [Feed(1), QrCode(ticket.qr_payload, module_dots=module)]
    elements += [TextLine(_("Please keep this ticket."), Align.CENTER), Cut(partial=True)]
    return Document(columns=columns, elements=tuple(elements))
