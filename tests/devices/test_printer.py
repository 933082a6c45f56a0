"""EscPosPrinter: status before, GS r proof, status after, exact bytes, nothing on a refusal."""

from __future__ import annotations

import dataclasses
import pickle
import time
from collections.abc import Iterator

import pytest

from devices.errors import DeviceGone, DeviceTimeout, PrinterNotReady
from devices.escpos.printer import EscPosPrinter
from devices.escpos.profiles import PROFILES
from devices.escpos.status import PrinterState, PrinterStatus
from devices.transport import SerialTransport
from tests.devices.conftest import PAPER_OUT, READY, FakePrinterServer

NEAR_END = {**READY, 4: READY[4] | 0x0C}
GS_R_1 = b"\x1dr\x01"


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
    assert fake_printer.transmit_queries == [1]
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
    fake_printer.replies_after_document = dict(PAPER_OUT)  # stopped: GS r gets no reply
    started = time.monotonic()
    with pytest.raises(PrinterNotReady) as raised:
        printer.print_document_bytes(ticket)  # the default accept timeout is over 3 s
    assert time.monotonic() - started < 2  # a DLE EOT poll saw it stop
    assert raised.value.status.paper_out
    assert fake_printer.document() == ticket
    assert fake_printer.transmit_queries == [1]


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


def test_the_document_and_gs_r_go_out_in_one_write(
    printer: EscPosPrinter, ticket: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[bytes] = []
    write_all = printer.transport.write_all

    def spy(data: bytes) -> None:
        writes.append(data)
        write_all(data)

    monkeypatch.setattr(printer.transport, "write_all", spy)
    printer.print_document_bytes(ticket)
    assert ticket + GS_R_1 in writes
    assert ticket not in writes


def test_stray_bytes_before_the_gs_r_reply_are_skipped(
    fake_printer: FakePrinterServer, printer: EscPosPrinter, ticket: bytes
) -> None:
    fake_printer.garbage = b"\xff\x80\x92\x13"  # neither a GS r nor a DLE EOT reply
    assert printer.print_document_bytes(ticket).ready


def test_near_end_in_the_gs_r_reply_is_reported(
    fake_printer: FakePrinterServer, printer: EscPosPrinter, ticket: bytes
) -> None:
    fake_printer.transmitted_reply = 0x03
    assert printer.print_document_bytes(ticket).state is PrinterState.PAPER_NEAR_END


def test_a_profile_without_in_order_status_sends_no_gs_r(fake_printer: FakePrinterServer) -> None:
    fake_printer.transmitted_reply = None  # a clone that ignores GS r
    clone = dataclasses.replace(PROFILES["80mm"], in_order_status=False)
    with SerialTransport(fake_printer.url) as transport:
        printer = EscPosPrinter(transport, clone)
        ticket = printer.encoder().line("A-017").cut().to_bytes()
        assert printer.print_document_bytes(ticket, accept_timeout=0.2).ready
    assert fake_printer.document() == ticket
    assert fake_printer.transmit_queries == []
    assert fake_printer.queries == [1, 2, 3, 4, 1, 2, 3, 4]


def test_no_gs_r_reply_from_a_printer_saying_ready_is_not_accepted(
    fake_printer: FakePrinterServer, printer: EscPosPrinter, ticket: bytes
) -> None:
    fake_printer.transmitted_reply = None  # a clone behind an in-order profile
    started = time.monotonic()
    with pytest.raises(DeviceTimeout, match="did not confirm"):
        printer.print_document_bytes(ticket, accept_timeout=0.3)
    assert time.monotonic() - started >= 0.3
    assert fake_printer.queries[-4:] == [1, 2, 3, 4]  # asked why before giving up


def test_silence_on_gs_r_and_dle_eot_after_the_document_is_a_timeout(
    fake_printer: FakePrinterServer, printer: EscPosPrinter, ticket: bytes
) -> None:
    fake_printer.replies_after_document = {}
    with pytest.raises(DeviceTimeout, match="DLE EOT 1"):
        printer.print_document_bytes(ticket, accept_timeout=0.3)
    assert fake_printer.document() == ticket


def test_cover_opened_during_the_ticket_says_so(
    fake_printer: FakePrinterServer, printer: EscPosPrinter, ticket: bytes
) -> None:
    fake_printer.replies_after_document = {**READY, 1: 0x12 | 0x08, 2: 0x12 | 0x04}
    with pytest.raises(PrinterNotReady) as raised:
        printer.print_document_bytes(ticket, accept_timeout=5)
    assert raised.value.status.state is PrinterState.COVER_OPEN


def test_the_default_accept_timeout_grows_with_the_document(
    fake_printer: FakePrinterServer,
) -> None:
    with SerialTransport(fake_printer.url, baudrate=9600) as transport:
        printer = EscPosPrinter(transport, PROFILES["80mm"])
        tuned = EscPosPrinter(
            transport, PROFILES["80mm"], accept_allowance=1, accept_time_per_byte=0
        )
    assert transport.baudrate == 9600
    assert printer.accept_timeout(960) == pytest.approx(1.0 + 3.0 + 960 * 0.002)
    assert tuned.accept_timeout(960) == pytest.approx(1.0 + 1.0)
