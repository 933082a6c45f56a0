"""Plugs a serial ESC/POS printer into the core's TicketPrinter port."""

from __future__ import annotations

import logging

from devices.errors import DeviceGone, DeviceTimeout, PrinterNotReady
from devices.escpos.encoder import Alignment, EscPosEncoder
from devices.escpos.printer import EscPosPrinter
from devices.escpos.status import PrinterState, PrinterStatus
from kiosk.errors import PrinterProblem, PrinterUnavailable
from kiosk.queue.types import IssuedTicket
from printing.document import Align, Cut, Document, Feed, QrCode, TextLine
from printing.ticket import layout_ticket

log = logging.getLogger(__name__)

ALIGNMENTS: dict[Align, Alignment] = {
    Align.LEFT: "left",
    Align.CENTER: "center",
    Align.RIGHT: "right",
}

PROBLEMS: dict[PrinterState, PrinterProblem] = {
    PrinterState.OFFLINE: PrinterProblem.OFFLINE,
    PrinterState.COVER_OPEN: PrinterProblem.COVER_OPEN,
    PrinterState.PAPER_OUT: PrinterProblem.PAPER_OUT,
    PrinterState.CUTTER_ERROR: PrinterProblem.CUTTER_ERROR,
    PrinterState.NOT_RESPONDING: PrinterProblem.NOT_RESPONDING,
}


def _render_text(encoder: EscPosEncoder, line: TextLine) -> None:
    encoder.align(ALIGNMENTS[line.align])
    if line.bold:
        encoder.bold(True)
    if (line.width, line.height) != (1, 1):
        encoder.size(line.width, line.height)
    encoder.line(line.text)
    if (line.width, line.height) != (1, 1):
        encoder.size(1, 1)
    if line.bold:
        encoder.bold(False)


def render_escpos(document: Document, encoder: EscPosEncoder) -> bytes:
    """ESC/POS bytes for a neutral document; modes are reset after each element."""
    encoder.initialize().code_page()
    for element in document.elements:
        if isinstance(element, TextLine):
            _render_text(encoder, element)
        elif isinstance(element, QrCode):
            encoder.align("center").qr(element.data, element.module_dots, "M")
        elif isinstance(element, Feed):
            encoder.feed(element.lines)
        elif isinstance(element, Cut):
            encoder.cut(element.partial)
    return encoder.to_bytes()


def problem_of(status: PrinterStatus) -> PrinterProblem:
    return PROBLEMS.get(status.state, PrinterProblem.OFFLINE)


class ThermalTicketPrinter:
    """The core's TicketPrinter on an ESC/POS printer; raises PrinterUnavailable."""

    def __init__(self, printer: EscPosPrinter) -> None:
        self._printer = printer

    def render(self, ticket: IssuedTicket, language: str) -> bytes:
        profile = self._printer.profile
        document = layout_ticket(ticket, language, profile.columns, profile.native_qr)
        return render_escpos(document, self._printer.encoder())

    def print_ticket(self, ticket: IssuedTicket, language: str) -> None:
        self.print_bytes(self.render(ticket, language))

    def print_bytes(self, data: bytes) -> None:
        try:
            self._printer.print_document_bytes(data)
        except PrinterNotReady as error:
            raise PrinterUnavailable(problem_of(error.status)) from error
        except DeviceGone as error:
            raise PrinterUnavailable(PrinterProblem.UNPLUGGED, str(error)) from error
        except DeviceTimeout as error:
            raise PrinterUnavailable(PrinterProblem.NOT_RESPONDING, str(error)) from error
        log.info("printer accepted %d bytes", len(data))
