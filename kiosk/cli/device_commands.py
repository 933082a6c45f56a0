"""Technician commands for serial ports, the printer and the device emulators."""

from __future__ import annotations

import argparse
import sys

from devices.discovery import format_port, list_ports
from devices.errors import DeviceGone, DeviceTimeout
from devices.escpos.printer import EscPosPrinter
from devices.escpos.status import PrinterStatus
from kiosk.cli.printer_adapter import ThermalPrinter, problem_of, render_escpos
from kiosk.cli.settings_loader import settings_for
from kiosk.cli.wiring import open_printer
from kiosk.errors import KioskError
from kiosk.i18n import translations
from kiosk.printers import PrinterProblem, PrinterUnavailable, describe_problem
from printing.document import Align, Cut, Document, Element, Feed, QrCode, TextLine


def list_devices(args: argparse.Namespace) -> int:
    _ = translations(settings_for(args).ui.language).gettext
    ports = list_ports()
    if not ports:
        print(_("No serial ports found. Is the printer's USB cable plugged in?"))
        return 0
    for port in ports:
        print(format_port(port))
    return 0


def printer_status(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    language = settings.ui.language
    _ = translations(language).gettext
    printer = open_printer(settings)
    print(f"{settings.printer.url} ({settings.printer.profile}, {settings.printer.baudrate} baud)")
    status = read_status(printer)
    if isinstance(status, PrinterProblem):
        print(describe_problem(status, language))
        return 1
    print(f"state: {status.state.value}")
    for flag in ("online", "cover_open", "paper_near_end", "paper_out", "cutter_error"):
        print(f"  {flag}: {'yes' if getattr(status, flag) else 'no'}")
    if not status.ready:
        print(describe_problem(problem_of(status), language))
        return 1
    print(_("The printer is ready."))
    return 0


def read_status(printer: EscPosPrinter) -> PrinterStatus | PrinterProblem:
    """The printer's status (DLE EOT), or why it gave none; the port is closed after."""
    try:
        return printer.status()
    except DeviceGone:
        return PrinterProblem.UNPLUGGED
    except DeviceTimeout:
        return PrinterProblem.NOT_RESPONDING
    finally:
        printer.transport.close()


def test_page(columns: int, native_qr: bool, url: str) -> Document:
    """A test page: sizes, alignment, a ruler of the paper width and a QR code."""
    elements: list[Element] = [
        TextLine("ANJUNGAN", Align.CENTER, bold=True, width=2, height=2),
        TextLine("Test page / Halaman uji", Align.CENTER),
        Feed(1),
        TextLine("".join(str(i % 10) for i in range(1, columns + 1))),
        TextLine("left"),
        TextLine("center", Align.CENTER),
        TextLine("right", Align.RIGHT),
        TextLine("bold", bold=True),
        TextLine("2x", width=2, height=2),
        TextLine(url[:columns]),
    ]
    if native_qr:
        elements.append(QrCode("ANJUNGAN:TEST"))
    return Document(columns, (*elements, Feed(1), Cut()))


def printer_test(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    printer = open_printer(settings)
    profile = printer.profile
    data = render_escpos(
        test_page(profile.columns, profile.native_qr, settings.printer.url), printer.encoder()
    )
    try:
        ThermalPrinter(printer).print_bytes(data)
    except PrinterUnavailable as error:
        print(describe_problem(error.problem, settings.ui.language), file=sys.stderr)
        return 1
    finally:
        printer.transport.close()
    _ = translations(settings.ui.language).gettext
    print(_("Test page printed (%(bytes)d bytes).") % {"bytes": len(data)})
    return 0


def emulate_printer(args: argparse.Namespace) -> int:
    """Run the printer emulator with the options its own parser declared on this command."""
    from devices.emulator.printer import runner

    return runner.run_parsed(args)


def emulate_send(args: argparse.Namespace) -> int:
    """One control command to a running emulator (the demo's card reader, say)."""
    from devices.emulator.pty.process import send_control

    try:
        reply = send_control(args.control, " ".join(args.words))
    except OSError as error:
        raise EmulatorUnreachable(
            f"no emulator answers at {args.control}: {error.strerror or error}"
        ) from None
    print(reply)
    return 1 if reply.startswith("error:") else 0


class EmulatorUnreachable(KioskError):
    """The control socket named on the command line has no emulator behind it."""
