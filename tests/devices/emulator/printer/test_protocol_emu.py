"""emu:// through pyserial and EscPosPrinter: printing, status, GS r, paper out, clear, unplug."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
import serial

from devices.emulator import get_emulator
from devices.emulator.printer.protocol_emu import Serial
from devices.errors import DeviceTimeout, PrinterNotReady
from devices.escpos import constants as c
from devices.escpos.printer import EscPosPrinter
from devices.escpos.profiles import get_profile
from devices.escpos.status import PrinterState
from devices.transport import SerialTransport
from tests.devices.emulator import streams

GS_R_PAPER = c.TRANSMIT_STATUS + bytes([c.TRANSMIT_PAPER_SENSOR])


def open_port(url: str = "emu://x", baudrate: int = 9600, **kwargs: object) -> serial.SerialBase:
    return serial.serial_for_url(url, baudrate, timeout=0.5, **kwargs)


@pytest.fixture
def escpos() -> Iterator[EscPosPrinter]:
    with SerialTransport("emu://x") as transport:
        yield EscPosPrinter(transport, get_profile("80mm"))


def twenty_line_ticket(printer: EscPosPrinter) -> bytes:
    encoder = printer.encoder().initialize()
    for number in range(1, 21):
        encoder.line(f"line {number:02d}")
    return encoder.cut().to_bytes()


def test_the_emu_scheme_gives_our_port_class() -> None:
    port = open_port()
    assert isinstance(port, Serial)
    assert port.printer is get_emulator("x")


def test_written_text_and_cut_come_out_as_a_ticket() -> None:
    port = open_port()
    port.write(b"Nomor antrean A-023\n" + streams.cut())
    printer = get_emulator("x")
    assert printer.wait_for_tickets(1, timeout=1)
    assert printer.last_ticket is not None
    assert "Nomor antrean A-023" in printer.last_ticket.text


def test_status_queries_are_answered_in_order() -> None:
    port = open_port()
    get_emulator("x").paper_near_end()
    port.write(streams.status_query(1) + streams.status_query(4))
    assert port.in_waiting == 2
    assert port.read(2) == bytes([0x12, 0x1E])
    assert port.in_waiting == 0


def test_paper_out_shows_in_the_status_and_nothing_is_printed() -> None:
    port = open_port()
    printer = get_emulator("x")
    printer.paper_out()
    port.write(streams.status_query(4) + b"lost\n" + streams.cut() + streams.status_query(1))
    assert port.read(2) == bytes([0x72, 0x1A])
    assert printer.tickets == []


def test_read_returns_what_there_is_when_the_timeout_expires() -> None:
    port = open_port()
    port.write(streams.status_query(1))
    started = time.monotonic()
    assert port.read(5) == b"\x12"
    assert 0.4 <= time.monotonic() - started < 2


def test_unplugging_breaks_the_open_port_but_leaves_it_open() -> None:
    port = open_port()
    get_emulator("x").vanish()
    with pytest.raises(serial.SerialException):
        port.write(b"x")
    with pytest.raises(serial.SerialException):
        port.read(1)
    assert port.is_open
    with pytest.raises(serial.SerialException):
        open_port()


def test_unplugging_wakes_a_blocked_reader() -> None:
    port = serial.serial_for_url("emu://x", 9600, timeout=None)
    errors: list[Exception] = []

    def read() -> None:
        try:
            port.read(1)
        except serial.SerialException as error:
            errors.append(error)

    reader = threading.Thread(target=read)
    reader.start()
    get_emulator("x").vanish()
    reader.join(timeout=5)
    assert not reader.is_alive()
    assert len(errors) == 1


def test_after_coming_back_a_fresh_open_works_and_the_old_port_stays_dead() -> None:
    old = open_port()
    printer = get_emulator("x")
    printer.vanish()
    printer.come_back()
    with pytest.raises(serial.SerialException):
        old.write(streams.status_query(1))
    assert old.is_open
    old.close()
    fresh = open_port()
    fresh.write(streams.status_query(1))
    assert fresh.read(1) == b"\x12"


def test_pacing_makes_960_bytes_at_9600_baud_last_a_second() -> None:
    port = open_port("emu://paced?pace=1")
    started = time.perf_counter()
    port.write(b"x" * 960)
    assert time.perf_counter() - started >= 1.0


def test_a_paced_write_longer_than_the_write_timeout_times_out() -> None:
    port = open_port("emu://paced?pace=1", write_timeout=0.05)
    with pytest.raises(serial.SerialTimeoutException):
        port.write(b"x" * 960)
    assert get_emulator("paced").bytes_received == 48  # 0.05 s at 960 bytes per second


def test_a_port_at_the_wrong_speed_gets_no_answer() -> None:
    port = open_port("emu://slow?baud=19200", baudrate=9600)
    port.timeout = 0.1
    port.write(streams.status_query(1))
    assert port.read(1) == b""
    assert get_emulator("slow").baudrate == 19200


def test_url_options_create_the_printer_and_must_match_an_existing_one() -> None:
    open_port("emu://narrow?profile=58mm&baud=19200", baudrate=19200)
    assert get_emulator("narrow").profile.name == "58mm"
    with pytest.raises(serial.SerialException, match="already exists"):
        open_port("emu://narrow?profile=80mm")


@pytest.mark.parametrize(
    "url",
    ["emu://", "emu://x/path", "emu://x?colour=red", "emu://x?profile=99mm", "emu://x?baud=fast"],
)
def test_bad_urls_are_refused(url: str) -> None:
    with pytest.raises(serial.SerialException):
        open_port(url)


def test_closed_port_refuses_io_and_can_be_reopened() -> None:
    port = open_port()
    port.close()
    with pytest.raises(serial.PortNotOpenError):
        port.write(b"x")
    port.open()
    port.write(streams.status_query(1))
    assert port.read(1) == b"\x12"


# --- EscPosPrinter over emu://: the in-order GS r proof -------------------------------


def test_a_ticket_is_accepted_once_gs_r_confirms_it(escpos: EscPosPrinter) -> None:
    status = escpos.print_document_bytes(twenty_line_ticket(escpos))
    printer = get_emulator("x")
    assert status.state is PrinterState.ONLINE
    assert printer.stats.in_order_queries == 1
    assert printer.last_ticket is not None and len(printer.last_ticket.lines) == 20


def test_paper_running_out_mid_ticket_is_not_accepted_and_leaves_no_ghost(
    escpos: EscPosPrinter,
) -> None:
    printer = get_emulator("x")
    printer.paper_runs_out_after(3)
    started = time.monotonic()
    with pytest.raises(PrinterNotReady) as raised:
        escpos.print_document_bytes(twenty_line_ticket(escpos))
    assert raised.value.status.paper_out
    assert raised.value.cleared
    assert time.monotonic() - started < 1.5  # a DLE EOT poll, not the 3 s accept timeout
    assert printer.tickets == []
    assert printer.pending_lines == ("line 01", "line 02", "line 03")
    assert printer.stats.buffered_bytes == 0 < printer.discarded_bytes
    printer.paper_ok()
    assert escpos.status().ready
    assert printer.tickets == []  # nothing of the failed ticket printed after the reload
    assert printer.pending_lines == ()


def test_without_a_working_clear_the_rest_prints_after_the_reload(escpos: EscPosPrinter) -> None:
    """Proves the clear matters: the same failure on a printer that ignores DLE DC4 8."""
    printer = get_emulator("x")
    printer.supports_clear = False
    printer.paper_runs_out_after(3)
    with pytest.raises(PrinterNotReady) as raised:
        escpos.print_document_bytes(twenty_line_ticket(escpos))
    assert not raised.value.cleared
    assert printer.stats.clear_requests == 1
    printer.paper_ok()
    (ghost,) = printer.tickets
    assert ghost.lines == tuple(f"line {n:02d}" for n in range(4, 21))


def test_a_printer_stopped_before_the_ticket_is_sent_nothing_to_clear(
    escpos: EscPosPrinter,
) -> None:
    printer = get_emulator("x")
    printer.open_cover()
    ticket = twenty_line_ticket(escpos)
    with pytest.raises(PrinterNotReady):  # checked before writing: nothing was sent
        escpos.print_document_bytes(ticket)
    assert printer.stats.clear_requests == 0
    printer.close_cover()
    escpos.print_document_bytes(ticket)
    assert len(printer.tickets) == 1


def test_a_write_the_printer_does_not_take_in_time_is_cleared() -> None:
    with SerialTransport("emu://paced?pace=1", write_timeout=0.05) as transport:
        escpos = EscPosPrinter(transport, get_profile("80mm"))
        printer = get_emulator("paced")
        ticket = twenty_line_ticket(escpos)  # about 0.2 s on the wire at 9600 baud
        with pytest.raises(DeviceTimeout, match="did not take the bytes") as raised:
            escpos.print_document_bytes(ticket)
        assert raised.value.cleared  # the rest never left; what arrived was dealt with
        assert printer.stats.clear_requests == 1
        assert printer.tickets == []
        assert escpos.print_document_bytes(b"\x1b@short\n\x1dV\x00").ready
        assert printer.tickets[-1].lines[-1] == "short"  # below the lines printed before


def test_a_gs_r_reply_comes_only_after_the_paced_bytes_before_it() -> None:
    port = open_port("emu://paced?pace=1")
    started = time.perf_counter()
    port.write(b"x" * 95 + b"\n" + GS_R_PAPER)  # 99 bytes: about 0.1 s at 9600 baud
    assert port.read(1) == b"\x00"
    assert time.perf_counter() - started >= 0.1
    assert get_emulator("paced").pending_lines == ("x" * 48, "x" * 47)
