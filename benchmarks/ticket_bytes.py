"""Bytes on the wire for one ticket: ours vs python-escpos printing the same content.

Baseline: python-escpos's Dummy printer given the same lines, sizes and alignment,
and its default QR code (an image, `native=False`, size 3). Target: at most 0.2x.
Run: python -m benchmarks.ticket_bytes
"""

from __future__ import annotations

import logging

from escpos.printer import Dummy

from benchmarks.sample import TICKET
from devices.escpos.encoder import EscPosEncoder
from devices.escpos.profiles import get_profile
from kiosk.cli.printer_adapter import render_escpos
from printing.document import Cut, Document, Feed, QrCode, TextLine
from printing.ticket import layout_ticket

TARGET = 0.2


def ours(document: Document) -> bytes:
    return render_escpos(document, EscPosEncoder(get_profile("80mm")))


def python_escpos(document: Document) -> bytes:
    printer = Dummy()
    for element in document.elements:
        if isinstance(element, TextLine):
            printer.set(
                align=element.align.value,
                bold=element.bold,
                custom_size=(element.width, element.height) != (1, 1),
                width=element.width,
                height=element.height,
                normal_textsize=(element.width, element.height) == (1, 1),
            )
            printer.text(element.text + "\n")
        elif isinstance(element, QrCode):
            printer.qr(element.data)  # the library's default: an image, not native QR
        elif isinstance(element, Feed):
            printer.ln(element.lines)
        elif isinstance(element, Cut):
            printer.cut(mode="PART")
    return bytes(printer.output)


def main() -> None:
    logging.disable(logging.WARNING)  # python-escpos warns about an unset paper width
    document = layout_ticket(TICKET, "id", 48)
    mine, theirs = len(ours(document)), len(python_escpos(document))
    print(f"ticket bytes: anjungan {mine}, python-escpos {theirs}")
    print(f"ratio {mine / theirs:.3f} (target <= {TARGET})")


if __name__ == "__main__":
    main()
