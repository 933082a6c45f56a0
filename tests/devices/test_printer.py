"""EscPosPrinter: status before, GS r proof, status after, clearing on failure, exact bytes."""

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
from tests.devices.conftest import CLEAR_BUFFERS, PAPER_OUT, READY, FakePrinterServer

NEAR_END = {**READY, 4: READY[4] | 0x0C}
GS_R_1 = b"\x1dr\x01"


def spy_on_writes(printer: EscPosPrinter, monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Every write_all of the printer's transport, in order, still sent."""
    writes: list[bytes] = []
    write_all = printer.transport.write_all

    def spy(data: bytes) -> None:
        writes.append(data)
        write_all(data)

    monkeypatch.setattr(printer.transport, "write_all", spy)
    return writes


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
    assert fake_printer.clears == 0


def test_paper_out_before_printing_writes_nothing(
    fake_printer: FakePrinterServer, printer: EscPosPrinter, ticket: bytes
) -> None:
    fake_printer.replies = dict(PAPER_OUT)
    with pytest.raises(PrinterNotReady) as raised:
        printer.print_document_bytes(ticket)
    assert raised.value.status.state is PrinterState.PAPER_OUT
    assert raised.value.cleared  # nothing written, nothing to clear
    printer.status()  # a round trip: anything written before it has reached the server
    assert fake_printer.document() == b""
    assert fake_printer.clears == 0


def test_check_ready_asks_the_status_and_sends_nothing_else(
    fake_printer: FakePrinterServer, printer: EscPosPrinter
) -> None:
    assert printer.check_ready().ready
    fake_printer.replies = dict(PAPER_OUT)
    with pytest.raises(PrinterNotReady) as raised:
        printer.check_ready()
    assert raised.value.status.state is PrinterState.PAPER_OUT
    assert raised.value.cleared
    assert fake_printer.queries == [1, 2, 3, 4, 1, 2, 3, 4]
    assert fake_printer.document() == b""
    assert (fake_printer.transmit_queries, fake_printer.clears) == ([], 0)


def test_paper_out_after_printing_is_not_accepted_and_the_rest_is_cleared(
    fake_printer: FakePrinterServer, printer: EscPosPrinter, ticket: bytes
) -> None:
    fake_printer.replies_after_document = dict(PAPER_OUT)  # stopped: GS r gets no reply
    started = time.monotonic()
    with pytest.raises(PrinterNotReady) as raised:
        printer.print_document_bytes(ticket)  # the default accept timeout is over 3 s
    assert time.monotonic() - started < 2  # a DLE EOT poll saw it stop
    assert raised.value.status.paper_out
    assert raised.value.cleared
    assert fake_printer.document() == ticket
    assert fake_printer.transmit_queries == [1]
    assert fake_printer.clears == 1


def test_the_clear_after_a_failure_is_epsons_dle_dc4_8_byte_for_byte(
    fake_printer: FakePrinterServer,
    printer: EscPosPrinter,
    ticket: bytes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    writes = spy_on_writes(printer, monkeypatch)
    fake_printer.replies_after_document = dict(PAPER_OUT)
    with pytest.raises(PrinterNotReady):
        printer.print_document_bytes(ticket)
    assert writes[-1] == bytes.fromhex("10 14 08 01 03 14 01 06 02 08") == CLEAR_BUFFERS


def test_a_printer_that_does_not_confirm_the_clear_may_print_later(
    fake_printer: FakePrinterServer, printer: EscPosPrinter, ticket: bytes
) -> None:
    fake_printer.replies_after_document = dict(PAPER_OUT)
    fake_printer.clear_response = None  # a model without DLE DC4 8
    started = time.monotonic()
    with pytest.raises(PrinterNotReady) as raised:
        printer.print_document_bytes(ticket)
    assert not raised.value.cleared
    assert fake_printer.clears == 1
    assert time.monotonic() - started < 2  # the clear is waited for briefly only


def test_a_clear_response_behind_other_bytes_still_counts(
    fake_printer: FakePrinterServer, printer: EscPosPrinter, ticket: bytes
) -> None:
    fake_printer.replies_after_document = dict(PAPER_OUT)
    fake_printer.garbage = b"\x37\xff\x25"  # sent before every reply, the clear's too
    with pytest.raises(PrinterNotReady) as raised:
        printer.print_document_bytes(ticket)
    assert raised.value.cleared


def test_paper_out_right_after_a_confirmed_ticket_is_accepted(
    fake_printer: FakePrinterServer, printer: EscPosPrinter, ticket: bytes
) -> None:
    """GS r answered, so the ticket is on paper: the roll ending after the cut is a warning."""
    fake_printer.replies_after_transmit = dict(PAPER_OUT)
    status = printer.print_document_bytes(ticket)
    assert status.state is PrinterState.PAPER_OUT and not status.ready
    assert fake_printer.transmit_queries == [1]
    assert fake_printer.queries == [1, 2, 3, 4, 1, 2, 3, 4]
    assert fake_printer.clears == 0


def test_silence_right_after_a_confirmed_ticket_is_accepted_as_not_responding(
    fake_printer: FakePrinterServer, printer: EscPosPrinter, ticket: bytes
) -> None:
    fake_printer.transmitted_reply = 0x03  # near end
    fake_printer.replies_after_transmit = {}
    status = printer.print_document_bytes(ticket)
    assert status.state is PrinterState.NOT_RESPONDING and not status.responding
    assert status.paper_near_end
    assert fake_printer.clears == 0


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
    with pytest.raises(DeviceTimeout) as raised:
        printer.print_document_bytes(ticket)
    assert raised.value.cleared
    assert fake_printer.document() == b""
    assert fake_printer.clears == 0


def test_unplugged_printer_raises_device_gone(
    fake_printer: FakePrinterServer, printer: EscPosPrinter, ticket: bytes
) -> None:
    printer.transport.open()
    assert fake_printer.connected.wait(2)
    fake_printer.unplug()
    with pytest.raises(DeviceGone) as raised:
        printer.print_document_bytes(ticket)
    assert raised.value.cleared  # gone before the ticket was written


def test_unplugged_while_the_ticket_is_written_is_not_cleared(
    fake_printer: FakePrinterServer,
    printer: EscPosPrinter,
    ticket: bytes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_all = printer.transport.write_all

    def unplug_then_write(data: bytes) -> None:
        if data.startswith(ticket):
            fake_printer.unplug()
        write_all(data)

    monkeypatch.setattr(printer.transport, "write_all", unplug_then_write)
    with pytest.raises(DeviceGone) as raised:
        printer.print_document_bytes(ticket)
    assert not raised.value.cleared


def test_encoder_uses_the_printer_profile(printer: EscPosPrinter) -> None:
    assert printer.encoder().profile is PROFILES["80mm"]
    assert printer.encoder() is not printer.encoder()


def test_printer_not_ready_survives_pickling() -> None:
    error = PrinterNotReady(PrinterStatus(online=False, cover_open=True), cleared=False)
    copy = pickle.loads(pickle.dumps(error))
    assert copy.status == error.status
    assert copy.cleared is False
    assert str(copy) == "printer not ready: cover_open"
    assert PrinterNotReady(PrinterStatus(online=False)).cleared


def test_device_errors_say_cleared_unless_told_otherwise() -> None:
    timeout = pickle.loads(pickle.dumps(DeviceTimeout("no answer", cleared=False)))
    assert (str(timeout), timeout.cleared) == ("no answer", False)
    assert DeviceGone("unplugged").cleared


def test_the_document_and_gs_r_go_out_in_one_write(
    printer: EscPosPrinter, ticket: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes = spy_on_writes(printer, monkeypatch)
    printer.print_document_bytes(ticket)
    assert ticket + GS_R_1 in writes
    assert ticket not in writes


def test_stray_bytes_before_the_gs_r_reply_are_skipped(
    fake_printer: FakePrinterServer, printer: EscPosPrinter, ticket: bytes
) -> None:
    fake_printer.garbage = b"\xff\x80\x92\x13"  # neither a GS r nor a DLE EOT reply
    assert printer.print_document_bytes(ticket).ready


def test_a_low_stray_byte_passes_for_the_gs_r_reply_and_shifts_nothing(
    fake_printer: FakePrinterServer, printer: EscPosPrinter, ticket: bytes
) -> None:
    """GS r cannot tell a stray 0x00-0x0F from its reply; what follows is dropped unread."""
    fake_printer.garbage = b"\x00\xff\x0f"  # ahead of every reply, the GS r one included
    fake_printer.replies = dict(NEAR_END)
    status = printer.print_document_bytes(ticket)
    assert status == PrinterStatus(online=True, paper_near_end=True)
    assert fake_printer.queries == [1, 2, 3, 4, 1, 2, 3, 4]


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


def test_without_in_order_status_dle_eot_after_the_write_decides(
    fake_printer: FakePrinterServer,
) -> None:
    fake_printer.transmitted_reply = None
    fake_printer.replies_after_document = dict(PAPER_OUT)
    clone = dataclasses.replace(PROFILES["80mm"], in_order_status=False)
    with SerialTransport(fake_printer.url) as transport:
        printer = EscPosPrinter(transport, clone)
        with pytest.raises(PrinterNotReady) as raised:
            printer.print_document_bytes(printer.encoder().line("A-017").cut().to_bytes())
    assert raised.value.status.paper_out
    assert raised.value.cleared
    assert fake_printer.clears == 1


def test_no_gs_r_reply_from_a_printer_saying_ready_is_not_accepted(
    fake_printer: FakePrinterServer, printer: EscPosPrinter, ticket: bytes
) -> None:
    fake_printer.transmitted_reply = None  # a clone behind an in-order profile
    started = time.monotonic()
    with pytest.raises(DeviceTimeout, match="did not confirm") as raised:
        printer.print_document_bytes(ticket, accept_timeout=0.3)
    assert time.monotonic() - started >= 0.3
    assert fake_printer.queries[-4:] == [1, 2, 3, 4]  # asked why before giving up
    assert raised.value.cleared  # it still had the ticket, maybe: told to drop it
    assert fake_printer.clears == 1


def test_silence_on_gs_r_and_dle_eot_after_the_document_is_a_timeout(
    fake_printer: FakePrinterServer, printer: EscPosPrinter, ticket: bytes
) -> None:
    fake_printer.replies_after_document = {}
    fake_printer.clear_response = None  # silent to everything
    with pytest.raises(DeviceTimeout, match="DLE EOT 1") as raised:
        printer.print_document_bytes(ticket, accept_timeout=0.3)
    assert fake_printer.document() == ticket
    assert not raised.value.cleared


def test_cover_opened_during_the_ticket_says_so(
    fake_printer: FakePrinterServer, printer: EscPosPrinter, ticket: bytes
) -> None:
    fake_printer.replies_after_document = {**READY, 1: 0x12 | 0x08, 2: 0x12 | 0x04}
    with pytest.raises(PrinterNotReady) as raised:
        printer.print_document_bytes(ticket, accept_timeout=5)
    assert raised.value.status.state is PrinterState.COVER_OPEN
    assert raised.value.cleared


def test_a_late_poll_reply_does_not_shift_the_status_asked_after_the_wait(
    fake_printer: FakePrinterServer, printer: EscPosPrinter, ticket: bytes
) -> None:
    """The accept timeout ends while the reply to a DLE EOT 1 poll is still on its way.

    Taken as the answer to the next DLE EOT 1, it would shift every answer by one:
    the cover-open reply to DLE EOT 2 would answer DLE EOT 3 instead, and the
    printer would look ready but for a cutter error nobody has.
    """
    fake_printer.transmitted_reply = None  # never confirms
    fake_printer.reply_delay = 0.06
    fake_printer.replies_after_document = {1: 0x12 | 0x08, 2: 0x12 | 0x04, 3: 0x12, 4: 0x12}
    patient = EscPosPrinter(printer.transport, PROFILES["80mm"], status_timeout=0.5)
    # Poll after 0.25 s of quiet; its "offline" reply lands 0.06 s later, after the timeout.
    with pytest.raises(PrinterNotReady) as raised:
        patient.print_document_bytes(ticket, accept_timeout=0.28)
    assert raised.value.status == PrinterStatus(online=False, cover_open=True)


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
