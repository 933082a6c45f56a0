"""The ESC/POS rendering of neutral documents and the printer adapter's error mapping."""

from __future__ import annotations

import pytest

from devices.emulator import EmulatedPrinter
from devices.escpos.encoder import EscPosEncoder
from devices.escpos.printer import EscPosPrinter
from devices.escpos.profiles import get_profile
from kiosk.cli.printer_adapter import ThermalPrinter, render_escpos
from kiosk.printers import PrinterProblem, PrinterUnavailable
from printing.document import Align, Cut, Document, Feed, TextLine


def test_render_sends_modes_only_when_they_change() -> None:
    document = Document(
        48,
        (
            TextLine("KANTOR", Align.CENTER, bold=True),
            TextLine("A-001", Align.CENTER, bold=True, width=4, height=4),
            TextLine("plain", Align.CENTER),
        ),
    )
    data = render_escpos(document, EscPosEncoder(get_profile("80mm")))
    assert data == (
        b"\x1b@"  # initialise
        b"\x1c.\x1bt\x00"  # leave kanji mode, code page 437
        b"\x1ba\x01"  # centre
        b"\x1bE\x01"  # bold on
        b"KANTOR\n"
        b"\x1d!\x33"  # 4x width, 4x height; still centred and bold
        b"A-001\n"
        b"\x1bE\x00"  # bold off
        b"\x1d!\x00"  # normal size
        b"plain\n"
    )


def test_render_feed_and_cut() -> None:
    document = Document(48, (Feed(2), Cut(partial=True)))
    data = render_escpos(document, EscPosEncoder(get_profile("80mm")))
    assert data.endswith(b"\x1bd\x02\x1dVB\x60")


BREAKAGES = [
    (EmulatedPrinter.paper_out, PrinterProblem.PAPER_OUT),
    (EmulatedPrinter.open_cover, PrinterProblem.COVER_OPEN),
    (EmulatedPrinter.go_offline, PrinterProblem.OFFLINE),
    (EmulatedPrinter.jam_cutter, PrinterProblem.CUTTER_ERROR),
    (EmulatedPrinter.vanish, PrinterProblem.UNPLUGGED),
]


@pytest.mark.parametrize(("break_it", "problem"), BREAKAGES)
def test_printer_problems_become_plain_reasons(
    escpos_printer: EscPosPrinter,
    emulator: EmulatedPrinter,
    break_it,
    problem,  # type: ignore[no-untyped-def]
) -> None:
    break_it(emulator)
    with pytest.raises(PrinterUnavailable) as caught:
        ThermalPrinter(escpos_printer).print_bytes(b"hello\n")
    assert caught.value.problem is problem
    assert emulator.tickets == []


@pytest.mark.parametrize(("break_it", "problem"), BREAKAGES)
def test_the_readiness_check_says_why_and_sends_no_ticket(
    escpos_printer: EscPosPrinter,
    emulator: EmulatedPrinter,
    break_it,
    problem,  # type: ignore[no-untyped-def]
) -> None:
    printer = ThermalPrinter(escpos_printer)
    printer.check_ready()
    break_it(emulator)
    with pytest.raises(PrinterUnavailable) as caught:
        printer.check_ready()
    assert caught.value.problem is problem
    assert not caught.value.may_print_later
    assert emulator.stats.status_queries in (4, 8)  # DLE EOT only (none once unplugged)
    assert emulator.stats.bytes_received == 3 * emulator.stats.status_queries


def test_a_profile_with_a_stored_logo_prints_it_on_top(emulator_url: str) -> None:
    from dataclasses import replace

    from devices.emulator import get_emulator
    from devices.transport import SerialTransport
    from tests.helpers.tickets import make_ticket

    profile = replace(get_profile("80mm"), stored_logo=1)
    transport = SerialTransport(emulator_url)
    try:
        ThermalPrinter(EscPosPrinter(transport, profile)).print_ticket(make_ticket(), "id")
    finally:
        transport.close()
    ticket = get_emulator(emulator_url.removeprefix("emu://")).tickets[-1]
    assert ticket.lines[0].strip() == "[LOGO 1]"
    assert "[IMAGE" not in ticket.body


def test_the_watch_keeps_what_printing_last_learnt_for_the_health_report(
    escpos_printer: EscPosPrinter, emulator: EmulatedPrinter
) -> None:
    from kiosk.printers import PrinterWatch

    watch = PrinterWatch()
    printer = ThermalPrinter(escpos_printer, watch)
    assert (watch.printer, watch.paper) == ("unknown", "unknown")  # never asked yet
    printer.print_bytes(b"hello\n")
    assert (watch.printer, watch.paper) == ("ready", "ok")
    emulator.paper_out()
    with pytest.raises(PrinterUnavailable):
        printer.print_bytes(b"hello\n")
    assert (watch.printer, watch.paper) == ("paper_out", "out")
    emulator.paper_ok()
    printer.check_ready()
    assert watch.printer == "ready"
