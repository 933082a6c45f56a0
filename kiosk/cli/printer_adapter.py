"""Plugs a serial ESC/POS printer into the core's printer ports: the queue's TicketPrinter
and the guided procedures' ReceiptPrinter."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

from devices.errors import BadDeviceUrl, DeviceGone, DeviceTimeout, PrinterNotReady
from devices.escpos.encoder import Alignment, EscPosEncoder
from devices.escpos.printer import EscPosPrinter
from devices.escpos.profiles import PrinterProfile
from devices.escpos.status import PrinterState, PrinterStatus
from kiosk.applications.types import Receipt
from kiosk.config import ConfigError
from kiosk.printers import PrinterProblem, PrinterUnavailable, PrinterWatch
from kiosk.queue.types import IssuedTicket
from printing.document import Align, Cut, Document, Feed, Logo, QrCode, TextLine
from printing.receipt import layout_receipt
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


class _Modes:
    """Emits alignment, bold and size only when they change: fewer bytes on a slow line."""

    def __init__(self, encoder: EscPosEncoder) -> None:
        self.encoder = encoder
        self.align: Align = Align.LEFT
        self.bold = False
        self.size = (1, 1)

    def set(self, align: Align, bold: bool = False, size: tuple[int, int] = (1, 1)) -> None:
        if align != self.align:
            self.encoder.align(ALIGNMENTS[align])
            self.align = align
        if bold != self.bold:
            self.encoder.bold(bold)
            self.bold = bold
        if size != self.size:
            self.encoder.size(*size)
            self.size = size


def render_escpos(document: Document, encoder: EscPosEncoder) -> bytes:
    """ESC/POS bytes for a neutral document, starting from the printer's reset state."""
    encoder.initialize().code_page()
    modes = _Modes(encoder)
    for element in document.elements:
        if isinstance(element, TextLine):
            modes.set(element.align, element.bold, (element.width, element.height))
            encoder.line(element.text)
        elif isinstance(element, QrCode):
            modes.set(Align.CENTER)
            encoder.qr(element.data, element.module_dots, "M")
        elif isinstance(element, Logo) and encoder.profile.stored_logo is not None:
            modes.set(Align.CENTER)
            encoder.stored_logo(encoder.profile.stored_logo)
        elif isinstance(element, Feed):
            encoder.feed(element.lines)
        elif isinstance(element, Cut):
            encoder.cut(element.partial)
    return encoder.to_bytes()


def problem_of(status: PrinterStatus) -> PrinterProblem:
    return PROBLEMS.get(status.state, PrinterProblem.OFFLINE)


class ThermalPrinter:
    """The core's TicketPrinter and ReceiptPrinter on one ESC/POS printer; raises
    PrinterUnavailable."""

    def __init__(self, printer: EscPosPrinter, watch: PrinterWatch | None = None) -> None:
        self._printer = printer
        self._watch = watch or PrinterWatch()

    @property
    def profile(self) -> PrinterProfile:
        return self._printer.profile

    def encoder(self) -> EscPosEncoder:
        return self._printer.encoder()

    def render(self, ticket: IssuedTicket, language: str) -> bytes:
        profile = self._printer.profile
        logo = profile.stored_logo is not None
        document = layout_ticket(ticket, language, profile.columns, profile.native_qr, logo)
        return render_escpos(document, self._printer.encoder())

    def check_ready(self) -> None:
        """Asks the printer's status (DLE EOT) and sends nothing else."""
        with self._watched(), printer_errors():
            self._printer.check_ready()
        self._watch.saw_ready(paper_low=self._watch.paper == "low")

    def print_ticket(self, ticket: IssuedTicket, language: str) -> None:
        self.print_bytes(self.render(ticket, language))

    def print_receipt(self, receipt: Receipt, language: str) -> None:
        profile = self._printer.profile
        logo = profile.stored_logo is not None
        document = layout_receipt(receipt, language, profile.columns, profile.native_qr, logo)
        self.print_bytes(render_escpos(document, self._printer.encoder()))

    def print_bytes(self, data: bytes) -> None:
        with self._watched(), printer_errors():
            status = self._printer.print_document_bytes(data)
        self._watch.saw_ready(status.paper_near_end)
        log.info("printer accepted %d bytes", len(data))
        if not status.ready:  # printed; the printer needs a hand before the next one
            log.warning("printer needs attention after printing: %s", status.state.value)

    @contextlib.contextmanager
    def _watched(self) -> Iterator[None]:
        try:
            yield
        except PrinterUnavailable as unavailable:
            self._watch.saw_problem(unavailable.problem)
            raise


@contextlib.contextmanager
def printer_errors() -> Iterator[None]:
    """Device errors as the core's PrinterUnavailable (or a ConfigError for a bad URL)."""
    try:
        yield
    except PrinterNotReady as error:
        problem = problem_of(error.status)
        raise PrinterUnavailable(problem, may_print_later=not error.cleared) from error
    except DeviceGone as error:
        # The printer itself is not stopped: what reached it prints at once (a stub at
        # most), nothing waits for later.
        raise PrinterUnavailable(PrinterProblem.UNPLUGGED, str(error)) from error
    except DeviceTimeout as error:
        raise PrinterUnavailable(
            PrinterProblem.NOT_RESPONDING, str(error), may_print_later=not error.cleared
        ) from error
    except BadDeviceUrl as error:
        raise ConfigError("settings", str(error), "printer.url") from error
