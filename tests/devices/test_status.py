"""Printer status: bit decoders, the plain state, DLE EOT and GS r over socket://."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devices.errors import DeviceGone, DeviceTimeout
from devices.escpos.status import (
    ErrorCause,
    OfflineCause,
    PaperSensor,
    PrinterByte,
    PrinterState,
    PrinterStatus,
    decode_error_cause,
    decode_offline_cause,
    decode_paper_sensor,
    decode_printer,
    decode_transmitted_paper,
    drain_late_replies,
    is_status_byte,
    is_transmitted_status_byte,
    query_status,
    wait_for_processed,
)
from devices.transport import SerialTransport
from tests.devices.conftest import PAPER_OUT, READY, FakePrinterServer

GS_R_1 = b"\x1dr\x01"

FIXED = 0x12  # bits 1 and 4 set, bits 0 and 7 clear (Epson DLE EOT reference)


def spec_says_status_byte(byte: int) -> bool:
    """The fixed-bit rule written out independently of the code under test."""
    return bool(not byte & 0x01 and byte & 0x02 and byte & 0x10 and not byte & 0x80)


@pytest.fixture
def transport(fake_printer: FakePrinterServer) -> Iterator[SerialTransport]:
    with SerialTransport(fake_printer.url) as transport:
        yield transport


# --- decoders ---------------------------------------------------------------


def test_decode_printer_bits() -> None:
    assert decode_printer(FIXED) == PrinterByte(False, False, False)
    assert decode_printer(FIXED | 0x08) == PrinterByte(True, False, False)
    assert decode_printer(FIXED | 0x20) == PrinterByte(False, True, False)
    assert decode_printer(FIXED | 0x40) == PrinterByte(False, False, True)
    assert decode_printer(FIXED | 0x04) == PrinterByte(False, False, False)  # drawer pin only


def test_decode_offline_cause_bits() -> None:
    assert decode_offline_cause(FIXED) == OfflineCause(False, False, False, False)
    assert decode_offline_cause(FIXED | 0x04) == OfflineCause(True, False, False, False)
    assert decode_offline_cause(FIXED | 0x08) == OfflineCause(False, True, False, False)
    assert decode_offline_cause(FIXED | 0x20) == OfflineCause(False, False, True, False)
    assert decode_offline_cause(FIXED | 0x40) == OfflineCause(False, False, False, True)


def test_decode_error_cause_bits() -> None:
    assert decode_error_cause(FIXED) == ErrorCause(False, False, False)
    assert decode_error_cause(FIXED | 0x08) == ErrorCause(True, False, False)
    assert decode_error_cause(FIXED | 0x20) == ErrorCause(False, True, False)
    assert decode_error_cause(FIXED | 0x40) == ErrorCause(False, False, True)


@pytest.mark.parametrize(
    ("byte", "near_end", "paper_out"),
    [(FIXED, False, False), (FIXED | 0x0C, True, False), (FIXED | 0x60, False, True),
     (FIXED | 0x04, True, False), (FIXED | 0x20, False, True), (FIXED | 0x6C, True, True)],
)  # fmt: skip
def test_decode_paper_sensor_bits(byte: int, near_end: bool, paper_out: bool) -> None:
    assert decode_paper_sensor(byte) == PaperSensor(near_end, paper_out)


@pytest.mark.parametrize(
    "decode", [decode_printer, decode_offline_cause, decode_error_cause, decode_paper_sensor]
)
@pytest.mark.parametrize("stray", [0x00, 0xFF, FIXED | 0x01, FIXED | 0x80, 0x10, 0x02])
def test_decoders_refuse_stray_bytes(decode: object, stray: int) -> None:
    with pytest.raises(ValueError, match="not a status byte"):
        decode(stray)  # type: ignore[operator]


@given(st.integers(min_value=0, max_value=255))
def test_only_bytes_with_the_fixed_bits_are_status(byte: int) -> None:
    assert is_status_byte(byte) == spec_says_status_byte(byte)


@pytest.mark.parametrize(
    ("byte", "near_end", "paper_out"),
    [(0x00, False, False), (0x03, True, False), (0x0C, False, True),
     (0x01, True, False), (0x08, False, True), (0x0F, True, True)],
)  # fmt: skip
def test_decode_transmitted_paper_bits(byte: int, near_end: bool, paper_out: bool) -> None:
    assert decode_transmitted_paper(byte) == PaperSensor(near_end, paper_out)


@given(st.integers(min_value=0, max_value=255))
def test_a_gs_r_reply_has_bits_4_to_7_clear_and_is_never_a_dle_eot_reply(byte: int) -> None:
    assert is_transmitted_status_byte(byte) == (byte < 0x10)
    assert not (is_transmitted_status_byte(byte) and spec_says_status_byte(byte))


@pytest.mark.parametrize("stray", [0x10, 0x12, 0x80, 0xFF])
def test_decode_transmitted_paper_refuses_stray_bytes(stray: int) -> None:
    with pytest.raises(ValueError, match="not a GS r reply"):
        decode_transmitted_paper(stray)


# --- status and state -------------------------------------------------------


def test_ready_printer() -> None:
    status = PrinterStatus(online=True)
    assert status.ready
    assert status.state is PrinterState.ONLINE


def test_a_status_nobody_gave_is_not_responding_and_not_ready() -> None:
    status = PrinterStatus(online=True, paper_near_end=True, responding=False)
    assert not status.ready
    assert status.state is PrinterState.NOT_RESPONDING


def test_paper_near_end_still_prints() -> None:
    status = PrinterStatus(online=True, paper_near_end=True)
    assert status.ready
    assert status.state is PrinterState.PAPER_NEAR_END


@pytest.mark.parametrize(
    ("status", "state"),
    [
        (PrinterStatus(online=False), PrinterState.OFFLINE),
        (PrinterStatus(online=True, unrecoverable_error=True), PrinterState.OFFLINE),
        (PrinterStatus(online=False, paper_out=True), PrinterState.PAPER_OUT),
        (PrinterStatus(online=True, cutter_error=True), PrinterState.CUTTER_ERROR),
        (PrinterStatus(online=False, cover_open=True, paper_out=True), PrinterState.COVER_OPEN),
        (PrinterStatus(online=True, paper_out=True, paper_near_end=True), PrinterState.PAPER_OUT),
    ],
)
def test_blocked_printer_is_not_ready_and_says_why(
    status: PrinterStatus, state: PrinterState
) -> None:
    assert not status.ready
    assert status.state is state


def test_paper_end_stop_counts_as_paper_out() -> None:
    status = PrinterStatus.from_replies(
        decode_printer(FIXED | 0x08),
        decode_offline_cause(FIXED | 0x20),
        decode_error_cause(FIXED),
        decode_paper_sensor(FIXED),
    )
    assert status.paper_out and not status.online


# --- queries over socket:// --------------------------------------------------


def test_query_ready_printer(fake_printer: FakePrinterServer, transport: SerialTransport) -> None:
    assert query_status(transport) == PrinterStatus(online=True)
    assert fake_printer.queries == [1, 2, 3, 4]


def test_query_paper_out(fake_printer: FakePrinterServer, transport: SerialTransport) -> None:
    fake_printer.replies = dict(PAPER_OUT)
    status = query_status(transport)
    assert status.state is PrinterState.PAPER_OUT
    assert not status.online and status.paper_out


def test_query_cover_open_and_near_end(
    fake_printer: FakePrinterServer, transport: SerialTransport
) -> None:
    fake_printer.replies = {1: FIXED | 0x08, 2: FIXED | 0x04, 3: FIXED, 4: FIXED | 0x0C}
    status = query_status(transport)
    assert status == PrinterStatus(online=False, cover_open=True, paper_near_end=True)


def test_query_skips_garbage_before_each_reply(
    fake_printer: FakePrinterServer, transport: SerialTransport
) -> None:
    fake_printer.garbage = b"\x00\xff\x13\x92\x05\x0f\x03"  # low bytes look like GS r replies
    fake_printer.replies = {**READY, 3: FIXED | 0x08}
    assert query_status(transport) == PrinterStatus(online=True, cutter_error=True)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(garbage=st.binary(max_size=6).filter(lambda b: not any(map(spec_says_status_byte, b))))
def test_stray_bytes_are_never_taken_as_status(
    fake_printer: FakePrinterServer, transport: SerialTransport, garbage: bytes
) -> None:
    fake_printer.garbage = garbage
    fake_printer.replies = dict(PAPER_OUT)
    assert query_status(transport) == PrinterStatus(online=False, paper_out=True)


def test_stale_input_is_discarded_before_asking() -> None:
    """Over loop:// a query only hears its own echo, which is no status byte.

    A stale "offline" byte waiting in the input must not be taken as the
    answer to DLE EOT 1; had it been, the first silence would be at DLE EOT 2.
    """
    with SerialTransport("loop://") as loop:
        loop.write_all(bytes([FIXED | 0x08]))
        with pytest.raises(DeviceTimeout, match="DLE EOT 1 "):
            query_status(loop, timeout=0.02)


def test_silent_printer_times_out_quickly(
    fake_printer: FakePrinterServer, transport: SerialTransport
) -> None:
    fake_printer.replies = {1: FIXED, 2: FIXED}  # no answer to DLE EOT 3
    started = time.monotonic()
    with pytest.raises(DeviceTimeout, match="DLE EOT 3"):
        query_status(transport, timeout=0.05)
    assert time.monotonic() - started < 0.5


def test_query_on_a_vanished_port_raises_device_gone(
    fake_printer: FakePrinterServer, transport: SerialTransport
) -> None:
    transport.open()
    assert fake_printer.connected.wait(2)
    fake_printer.unplug()
    with pytest.raises(DeviceGone):
        query_status(transport)


# --- waiting for the in-order GS r reply -------------------------------------


def test_wait_for_processed_returns_the_paper_sensors(
    fake_printer: FakePrinterServer, transport: SerialTransport
) -> None:
    fake_printer.transmitted_reply = 0x03
    transport.write_all(b"A\n" + GS_R_1)
    assert wait_for_processed(transport, timeout=1) == PaperSensor(near_end=True, paper_out=False)
    assert fake_printer.transmit_queries == [1]
    assert fake_printer.queries == []  # answered at once: no DLE EOT poll needed


def test_wait_for_processed_skips_stray_bytes(
    fake_printer: FakePrinterServer, transport: SerialTransport
) -> None:
    fake_printer.garbage = b"\xff\x80\x12\x1a\x92\x10"  # high-nibble bytes, even status-like
    transport.write_all(GS_R_1)
    assert wait_for_processed(transport, timeout=1) == PaperSensor(False, False)


def test_wait_for_processed_takes_a_low_stray_byte_for_the_reply_and_drops_the_rest(
    fake_printer: FakePrinterServer, transport: SerialTransport
) -> None:
    """What GS r cannot tell: any byte 0x00-0x0F passes for its reply.

    What arrives behind it (here the real reply) is read and dropped before
    returning, so it cannot answer a question asked next.
    """
    fake_printer.garbage = b"\x03"  # "near end", just ahead of the real "adequate" reply
    transport.write_all(GS_R_1)
    assert wait_for_processed(transport, timeout=1) == PaperSensor(near_end=True, paper_out=False)
    assert transport.read(1, timeout=0.05) == b""


def test_a_poll_reply_still_on_its_way_does_not_shift_the_next_query(
    fake_printer: FakePrinterServer, transport: SerialTransport
) -> None:
    """The wait ends while the reply to its last DLE EOT 1 poll is on the wire.

    Taken as the answer to the next DLE EOT 1, it would shift the rest by one:
    DLE EOT 4 would get DLE EOT 3's answer and the "near end" would be lost.
    """
    fake_printer.transmitted_reply = None  # a clone: polls answer "online", GS r never
    fake_printer.reply_delay = 0.06
    fake_printer.replies = {**READY, 4: FIXED | 0x0C}
    transport.write_all(GS_R_1)
    # Polls at 0.1 s; the wait ends at 0.12 s, the poll's reply comes at 0.16 s.
    assert wait_for_processed(transport, 0.12, poll_interval=0.1, reply_timeout=0.5) is None
    status = query_status(transport, timeout=0.5)
    assert status == PrinterStatus(online=True, paper_near_end=True)
    assert fake_printer.queries[:1] == [1]  # the poll was sent


def test_draining_waits_for_unanswered_replies_but_not_forever() -> None:
    with SerialTransport("loop://") as loop:
        loop.write_all(b"\x00\xff")  # comes straight back: quiet right after
        started = time.monotonic()
        drain_late_replies(loop, quiet=0.02)
        assert time.monotonic() - started < 0.1
        assert loop.read(1, timeout=0.01) == b""
        started = time.monotonic()
        drain_late_replies(loop, unanswered=1, timeout=0.15)  # the reply never comes
        assert 0.15 <= time.monotonic() - started < 0.5


def test_wait_for_processed_ends_early_when_a_poll_says_offline(
    fake_printer: FakePrinterServer, transport: SerialTransport
) -> None:
    fake_printer.replies = dict(PAPER_OUT)  # stopped: GS r is never answered
    transport.write_all(GS_R_1)
    started = time.monotonic()
    assert wait_for_processed(transport, timeout=5, poll_interval=0.05) is None
    assert time.monotonic() - started < 1
    assert fake_printer.queries[:1] == [1]


def test_wait_for_processed_keeps_waiting_while_polls_say_online(
    fake_printer: FakePrinterServer, transport: SerialTransport
) -> None:
    fake_printer.transmitted_reply = None  # a clone that ignores GS r
    transport.write_all(GS_R_1)
    started = time.monotonic()
    assert wait_for_processed(transport, timeout=0.3, poll_interval=0.05) is None
    assert time.monotonic() - started >= 0.3
    assert len(fake_printer.queries) >= 3 and set(fake_printer.queries) == {1}
