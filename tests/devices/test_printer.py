"""EscPosPrinter: status before and after, exact bytes on the wire, nothing on a refusal."""

from __future__ import annotations

import pickle
from collections.abc import Iterator

import pytest

from devices.errors import DeviceGone, DeviceTimeout, PrinterNotReady
from devices.escpos.printer import EscPosPrinter
from devices.escpos.profiles import PROFILES
from devices.escpos.status import PrinterState, PrinterStatus
from devices.transport import SerialTransport
from tests.devices.conftest import PAPER_OUT, READY, FakePrinterServer

NEAR_END = {**READY, 4: READY[4] | 0x0C}


@pytest.fixture
def printer(fake_printer: FakePrinterServer) -> Iterator[EscPosPrinter]:
    with SerialTransport(fake_printer.url) as transport:
        yield EscPosPrinter(transport, PROFILES["80mm"])


@pytest.fixture
def ticket(printer: EscPosPrinter) -> bytes:
    return printer.encoder().initialize().align("center").size(3, 3).line("A-017").cut().to_bytes()


def test_ready_printer_receives_exactly_the_document(
    fake_printer: FakePrinterServer, printer: EscPosPrinter, ticket: bytes
) -> None:
    status = printer.print_document_bytes(ticket)
    assert status.ready
    assert fake_printer.document() == ticket
    assert fake_printer.queries == [1, 2, 3, 4, 1, 2, 3, 4]


def test_paper_out_before_printing_writes_nothing(
    fake_printer: FakePrinterServer, printer: EscPosPrinter, ticket: bytes
) -> None:
    fake_printer.replies = dict(PAPER_OUT)
    with pytest.raises(PrinterNotReady) as raised:
        printer.print_document_bytes(ticket)
    assert raised.value.status.state is PrinterState.PAPER_OUT
    printer.status()  # a round trip: anything written before it has reached the server
    assert fake_printer.document() == b""


def test_paper_out_after_printing_is_not_accepted(
    fake_printer: FakePrinterServer, printer: EscPosPrinter, ticket: bytes
) -> None:
    fake_printer.replies_after_document = dict(PAPER_OUT)
    with pytest.raises(PrinterNotReady) as raised:
        printer.print_document_bytes(ticket)
    assert raised.value.status.paper_out
    assert fake_printer.document() == ticket


def test_paper_near_end_after_printing_is_accepted_with_a_warning_state(
    fake_printer: FakePrinterServer, printer: EscPosPrinter, ticket: bytes
) -> None:
    fake_printer.replies_after_document = dict(NEAR_END)
    status = printer.print_document_bytes(ticket)
    assert status.state is PrinterState.PAPER_NEAR_END


def test_silent_printer_raises_device_timeout_and_writes_nothing(
    fake_printer: FakePrinterServer, printer: EscPosPrinter, ticket: bytes
) -> None:
    fake_printer.replies = {}
    with pytest.raises(DeviceTimeout):
        printer.print_document_bytes(ticket)
    assert fake_printer.document() == b""


def test_unplugged_printer_raises_device_gone(
    fake_printer: FakePrinterServer, printer: EscPosPrinter, ticket: bytes
) -> None:
    printer.transport.open()
    assert fake_printer.connected.wait(2)
    fake_printer.unplug()
    with pytest.raises(DeviceGone):
        printer.print_document_bytes(ticket)


def test_encoder_uses_the_printer_profile(printer: EscPosPrinter) -> None:
    assert printer.encoder().profile is PROFILES["80mm"]
    assert printer.encoder() is not printer.encoder()


def test_printer_not_ready_survives_pickling() -> None:
    error = PrinterNotReady(PrinterStatus(online=False, cover_open=True))
    copy = pickle.loads(pickle.dumps(error))
    assert copy.status == error.status
    assert str(copy) == "printer not ready: cover_open"
