"""EmulatedPrinter: status bytes, GS r in order, buffering while stopped, clearing, tickets."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from devices.emulator.printer import control
from devices.emulator.printer.model import MAX_NOISE, EmulatedPrinter, Paper, line_noise
from devices.emulator.pty.control import OK, answer
from devices.escpos import constants as c
from devices.escpos.status import is_status_byte, is_transmitted_status_byte
from tests.devices.emulator import streams


def command(printer: EmulatedPrinter, line: str) -> str | None:
    """The reply to a control command, as the pty server gets it."""
    return answer(control.COMMANDS, printer, line)


ALL_QUERIES = b"".join(streams.status_query(n) for n in (1, 2, 3, 4))
GS_R_PAPER = c.TRANSMIT_STATUS + bytes([c.TRANSMIT_PAPER_SENSOR])
PAPER_OUT_4 = 0x12 | 0x60  # DLE EOT 4 reply: paper end
CLEAR_BUFFERS = bytes.fromhex("10 14 08 01 03 14 01 06 02 08")  # DLE DC4 8
CLEAR_RESPONSE = bytes.fromhex("37 25 00")
# How a printer stops, and what a technician does to make it go on.
STOPS = pytest.mark.parametrize(
    ("stop", "recover"),
    [
        (EmulatedPrinter.paper_out, EmulatedPrinter.paper_ok),
        (EmulatedPrinter.go_offline, EmulatedPrinter.go_online),
        (EmulatedPrinter.open_cover, EmulatedPrinter.close_cover),
        (EmulatedPrinter.jam_cutter, EmulatedPrinter.clear_cutter),
    ],
    ids=["paper-out", "offline", "cover-open", "cutter-jam"],
)


def twenty_line_ticket() -> bytes:
    return b"".join(b"line %02d\n" % n for n in range(1, 21)) + streams.cut()


@pytest.mark.parametrize(
    ("make_state", "expected"),
    [
        (lambda p: None, bytes([0x12, 0x12, 0x12, 0x12])),
        (EmulatedPrinter.paper_near_end, bytes([0x12, 0x12, 0x12, 0x12 | 0x0C])),
        (EmulatedPrinter.paper_out, bytes([0x12 | 0x08, 0x12 | 0x20, 0x12, 0x12 | 0x60])),
        (EmulatedPrinter.go_offline, bytes([0x12 | 0x08, 0x12, 0x12, 0x12])),
        (EmulatedPrinter.open_cover, bytes([0x12 | 0x08, 0x12 | 0x04, 0x12, 0x12])),
        (EmulatedPrinter.jam_cutter, bytes([0x12 | 0x08, 0x12 | 0x40, 0x12 | 0x08, 0x12])),
    ],
    ids=["ready", "near-end", "paper-out", "offline", "cover-open", "cutter-jam"],
)
def test_status_bytes(make_state: Callable[[EmulatedPrinter], None], expected: bytes) -> None:
    printer = EmulatedPrinter()
    make_state(printer)
    assert printer.receive(ALL_QUERIES) == expected


def test_recovery_clears_the_status_bits() -> None:
    printer = EmulatedPrinter()
    printer.paper_out()
    printer.open_cover()
    printer.go_offline()
    printer.jam_cutter()
    printer.paper_ok()
    printer.close_cover()
    printer.go_online()
    printer.clear_cutter()
    assert printer.receive(ALL_QUERIES) == bytes([0x12] * 4)
    assert printer.paper is Paper.OK


def test_a_ticket_between_two_queries_is_printed_and_both_are_answered_in_order() -> None:
    printer = EmulatedPrinter()
    replies = printer.receive(streams.status_query(4) + b"Hello\n" + streams.cut())
    replies += printer.receive(streams.status_query(1))
    assert replies == bytes([0x12, 0x12])
    assert printer.last_ticket is not None
    assert printer.last_ticket.lines == ("Hello",)


def test_out_of_paper_it_answers_queries_and_keeps_the_job_in_its_buffer() -> None:
    printer = EmulatedPrinter()
    printer.paper_out()
    job = b"held\n" + streams.cut()
    replies = printer.receive(streams.status_query(4) + job + streams.status_query(1))
    assert replies == bytes([0x72, 0x1A])
    assert printer.tickets == []
    assert printer.stats.buffered_bytes == len(job)
    assert printer.discarded_bytes == 0
    assert printer.bytes_received == len(job) + 6


@STOPS
def test_a_job_sent_while_stopped_prints_on_recovery_before_later_ones(
    stop: Callable[[EmulatedPrinter], None], recover: Callable[[EmulatedPrinter], None]
) -> None:
    printer = EmulatedPrinter()
    stop(printer)
    printer.receive(b"held\n" + streams.cut())
    assert printer.tickets == []
    recover(printer)
    assert printer.stats.buffered_bytes == 0
    printer.receive(b"later\n" + streams.cut())
    assert [ticket.lines for ticket in printer.tickets] == [("held",), ("later",)]


@STOPS
def test_dle_dc4_8_while_stopped_drops_the_job_and_answers_at_once(
    stop: Callable[[EmulatedPrinter], None], recover: Callable[[EmulatedPrinter], None]
) -> None:
    printer = EmulatedPrinter()
    stop(printer)
    job = b"never\n" + streams.cut() + GS_R_PAPER
    assert printer.receive(job + CLEAR_BUFFERS) == CLEAR_RESPONSE
    assert (printer.discarded_bytes, printer.stats.buffered_bytes) == (len(job), 0)
    recover(printer)
    assert printer.receive(streams.status_query(1)) == b"\x12"  # and no late GS r reply
    assert printer.tickets == []
    assert printer.stats.in_order_queries == 0
    assert printer.stats.clear_requests == 1


def test_dle_dc4_8_drops_only_what_came_before_it() -> None:
    printer = EmulatedPrinter()
    printer.go_offline()
    printer.receive(b"dropped\n" + streams.cut() + CLEAR_BUFFERS + b"kept\n" + streams.cut())
    printer.go_online()
    assert [ticket.lines for ticket in printer.tickets] == [("kept",)]


def test_dle_dc4_8_on_a_running_printer_answers_and_drops_nothing() -> None:
    printer = EmulatedPrinter()
    assert printer.receive(b"a\n" + CLEAR_BUFFERS + b"b\n" + streams.cut()) == CLEAR_RESPONSE
    assert printer.discarded_bytes == 0
    assert [ticket.lines for ticket in printer.tickets] == [("a", "b")]


def test_a_printer_without_dle_dc4_8_ignores_it_and_prints_the_job_later() -> None:
    printer = EmulatedPrinter(supports_clear=False)
    printer.open_cover()
    assert printer.receive(b"ghost\n" + streams.cut() + CLEAR_BUFFERS) == b""
    assert printer.stats.clear_requests == 1
    assert printer.unknown_commands == 1
    printer.close_cover()
    assert [ticket.lines for ticket in printer.tickets] == [("ghost",)]


def test_a_gs_r_held_while_stopped_is_answered_after_recovery() -> None:
    printer = EmulatedPrinter()
    printer.go_offline()
    assert printer.receive(b"late\n" + streams.cut() + GS_R_PAPER) == b""
    printer.go_online()
    assert printer.stats.in_order_queries == 1
    # The printer's own reply goes out with the next bytes the host sends.
    assert printer.receive(streams.status_query(1)) == b"\x00\x12"
    assert printer.receive(streams.status_query(1)) == b"\x12"


def test_unknown_commands_are_counted() -> None:
    printer = EmulatedPrinter()
    printer.receive(b"\x1bz\x1b-\x01\x00")
    assert printer.unknown_commands == 3
    assert printer.stats.status_queries == 0


def test_a_vanished_printer_receives_nothing() -> None:
    printer = EmulatedPrinter()
    printer.vanish()
    assert printer.receive(streams.status_query(1)) == b""
    assert printer.bytes_received == 0
    printer.come_back()
    assert printer.receive(streams.status_query(1)) == b"\x12"


def test_the_raw_log_keeps_every_byte_received_half_tickets_too() -> None:
    printer = EmulatedPrinter()
    half = streams.queue_ticket("A-007")[:-10]  # the host died before the end
    printer.receive(half)
    printer.receive(streams.status_query(1))
    assert printer.received == half + streams.status_query(1)
    assert printer.tickets == []  # nothing was cut, but the log has it all
    printer.vanish()
    printer.receive(b"lost\n")  # an unplugged printer receives nothing
    assert printer.received == half + streams.status_query(1)
    assert printer.stats.received_dropped == 0


def test_the_raw_log_drops_the_oldest_bytes_past_its_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("devices.emulator.printer.model.RECEIVED_LOG_LIMIT", 8)
    printer = EmulatedPrinter()
    printer.receive(b"0123456789\n")
    assert printer.received == b"3456789\n"
    assert printer.stats.received_dropped == 3
    assert command(printer, "received") == ('{"base64": "MzQ1Njc4OQo=", "dropped": 3}')


def test_wait_for_tickets_wakes_when_another_thread_prints() -> None:
    printer = EmulatedPrinter()
    writer = threading.Thread(target=printer.receive, args=(b"a\n" + streams.cut(),))
    writer.start()
    assert printer.wait_for_tickets(1, timeout=5)
    writer.join()


def test_wait_for_tickets_gives_up_after_the_timeout() -> None:
    started = time.monotonic()
    assert not EmulatedPrinter().wait_for_tickets(1, timeout=0.05)
    assert time.monotonic() - started < 1


def test_each_ticket_is_written_to_the_output_dir(tmp_path: Path) -> None:
    printer = EmulatedPrinter(output_dir=tmp_path)
    printer.receive(b"one\n" + streams.cut() + b"two\n" + streams.cut())
    assert printer.ticket_paths == [tmp_path / "ticket-0001.txt", tmp_path / "ticket-0002.txt"]
    assert (tmp_path / "ticket-0002.txt").read_text() == printer.tickets[1].text + "\n"


def test_a_taken_name_or_a_planted_link_is_skipped_never_written_through(tmp_path: Path) -> None:
    earlier = tmp_path / "ticket-0001.txt"
    earlier.write_text("an earlier run's ticket\n")
    precious = tmp_path / "precious"
    precious.write_text("keep me\n")
    (tmp_path / "ticket-0002.txt").symlink_to(precious)
    printer = EmulatedPrinter(output_dir=tmp_path)
    printer.receive(b"one\n" + streams.cut() + b"two\n" + streams.cut())
    assert printer.ticket_paths == [tmp_path / "ticket-0001-1.txt", tmp_path / "ticket-0002-1.txt"]
    assert earlier.read_text() == "an earlier run's ticket\n"
    assert precious.read_text() == "keep me\n"
    assert (tmp_path / "ticket-0002-1.txt").stat().st_mode & 0o777 == 0o600


def test_pacing_takes_the_time_the_bytes_need_on_the_wire() -> None:
    printer = EmulatedPrinter(baudrate=9600, pace=True)
    started = time.perf_counter()
    printer.receive(b"x" * 96)  # 960 bits
    assert printer.last_byte_at is not None
    assert printer.last_byte_at - started >= 0.1


def test_without_pacing_receiving_is_immediate() -> None:
    printer = EmulatedPrinter(baudrate=9600)
    started = time.perf_counter()
    printer.receive(b"x" * 9600)
    assert time.perf_counter() - started < 0.5


def test_listeners_hear_state_changes() -> None:
    printer = EmulatedPrinter()
    heard: list[Paper] = []
    listener = lambda: heard.append(printer.paper)  # noqa: E731
    printer.subscribe(listener)
    printer.paper_near_end()
    printer.unsubscribe(listener)
    printer.paper_out()
    assert heard == [Paper.NEAR_END]


# --- in-order status (GS r) -------------------------------------------------------


def test_gs_r_is_answered_after_the_data_before_it_was_printed() -> None:
    printer = EmulatedPrinter()
    assert printer.receive(b"Hello\n" + streams.cut() + GS_R_PAPER) == b"\x00"
    assert printer.last_ticket is not None
    assert printer.stats.in_order_queries == 1


@pytest.mark.parametrize(("n", "reply"), [(1, 0x03), (49, 0x03), (2, 0x00), (50, 0x00)])
def test_gs_r_reports_near_end_and_the_drawer(n: int, reply: int) -> None:
    printer = EmulatedPrinter()
    printer.paper_near_end()
    assert printer.receive(c.TRANSMIT_STATUS + bytes([n])) == bytes([reply])


@pytest.mark.parametrize(
    "stop",
    [
        EmulatedPrinter.paper_out,
        EmulatedPrinter.go_offline,
        EmulatedPrinter.open_cover,
        EmulatedPrinter.jam_cutter,
    ],
    ids=["paper-out", "offline", "cover-open", "cutter-jam"],
)
def test_a_stopped_printer_leaves_gs_r_unanswered_but_answers_dle_eot(
    stop: Callable[[EmulatedPrinter], None],
) -> None:
    printer = EmulatedPrinter()
    stop(printer)
    assert printer.receive(GS_R_PAPER + streams.status_query(1)) == b"\x1a"
    assert printer.stats.in_order_queries == 0


def test_a_clone_profile_ignores_gs_r() -> None:
    printer = EmulatedPrinter("generic")
    assert printer.receive(b"x\n" + GS_R_PAPER + streams.status_query(1)) == b"\x12"


def test_paper_runs_out_mid_ticket_and_the_rest_waits_in_the_buffer() -> None:
    printer = EmulatedPrinter()
    printer.paper_runs_out_after(3)
    job = twenty_line_ticket()
    replies = printer.receive(job + GS_R_PAPER + streams.status_query(4))
    assert replies == bytes([PAPER_OUT_4])  # no GS r reply, DLE EOT says paper end
    assert printer.tickets == []
    assert printer.pending_lines == ("line 01", "line 02", "line 03")
    assert printer.paper is Paper.OUT
    rest = len(job) - 3 * len(b"line 01\n") + len(GS_R_PAPER)
    assert printer.stats.buffered_bytes == rest
    assert printer.receive(CLEAR_BUFFERS) == CLEAR_RESPONSE
    assert printer.discarded_bytes == rest
    assert printer.pending_lines == ("line 01", "line 02", "line 03")  # printed stays printed


def test_a_fresh_roll_drops_the_half_ticket() -> None:
    printer = EmulatedPrinter()
    printer.paper_runs_out_after(1)
    printer.receive(twenty_line_ticket() + CLEAR_BUFFERS)
    printer.paper_ok()
    assert printer.lines_until_paper_out is None
    assert printer.receive(b"next\n" + streams.cut() + GS_R_PAPER) == b"\x00"
    assert [ticket.lines for ticket in printer.tickets] == [("next",)]


def test_without_a_clear_the_rest_of_the_ticket_prints_on_the_fresh_roll() -> None:
    printer = EmulatedPrinter()
    printer.paper_runs_out_after(1)
    printer.receive(twenty_line_ticket() + GS_R_PAPER)
    printer.paper_ok()
    (ghost,) = printer.tickets
    assert ghost.lines == tuple(f"line {n:02d}" for n in range(2, 21))
    assert printer.receive(streams.status_query(1)) == b"\x00\x12"  # the late GS r reply


def test_enough_paper_left_prints_the_whole_ticket() -> None:
    printer = EmulatedPrinter()
    printer.paper_runs_out_after(21)
    assert printer.receive(twenty_line_ticket() + GS_R_PAPER) == b"\x00"
    assert len(printer.tickets) == 1
    assert printer.lines_until_paper_out == 1


def test_running_out_tells_listeners() -> None:
    printer = EmulatedPrinter()
    printer.paper_runs_out_after(2)
    heard: list[Paper] = []
    printer.subscribe(lambda: heard.append(printer.paper))
    printer.receive(twenty_line_ticket())
    assert heard == [Paper.OUT]


def test_paper_runs_out_after_zero_lines_is_out_now_and_negative_is_refused() -> None:
    printer = EmulatedPrinter()
    with pytest.raises(ValueError):
        printer.paper_runs_out_after(-1)
    printer.paper_runs_out_after(0)
    assert printer.paper is Paper.OUT


def test_paper_out_after_by_control_command() -> None:
    printer = EmulatedPrinter()
    assert command(printer, "paper-out-after 3") == OK
    assert control.describe(printer)["lines_until_paper_out"] == 3
    printer.receive(twenty_line_ticket())
    assert printer.paper is Paper.OUT
    reply = command(printer, "paper-out-after lots")
    assert reply is not None and reply.startswith("error: paper-out-after needs a whole number")
    assert command(printer, "paper-out-after") is not None
    assert command(printer, "paper-out-after -2") != OK


# --- line noise ---------------------------------------------------------------------


def test_line_noise_is_never_a_status_reply() -> None:
    noise = line_noise(300)
    assert noise[:3] == b"\xff\xfe\xfd"
    assert noise[127:129] == b"\x80\xff"  # 0xFF down to 0x80, then again
    for byte in noise:
        assert not is_status_byte(byte)
        assert not is_transmitted_status_byte(byte)


def test_noise_goes_out_just_ahead_of_the_next_reply() -> None:
    printer = EmulatedPrinter()
    printer.send_noise(3)
    printer.send_noise(2)
    assert printer.receive(b"no reply to this\n") == b""
    assert printer.pending_noise == 5
    assert printer.receive(streams.status_query(1)) == line_noise(5) + b"\x12"
    assert printer.receive(GS_R_PAPER) == b"\x00"  # sent once only
    assert (printer.pending_noise, printer.stats.noise_sent) == (0, 5)


def test_a_vanished_printer_keeps_its_noise_for_later() -> None:
    printer = EmulatedPrinter()
    printer.send_noise(2)
    printer.vanish()
    assert printer.receive(streams.status_query(1)) == b""
    printer.come_back()
    assert printer.receive(streams.status_query(1)) == line_noise(2) + b"\x12"


def test_noise_must_be_a_sensible_count() -> None:
    printer = EmulatedPrinter()
    for count in (-1, MAX_NOISE + 1):
        with pytest.raises(ValueError):
            printer.send_noise(count)
    printer.send_noise(MAX_NOISE)
    printer.send_noise(MAX_NOISE)
    assert printer.pending_noise == MAX_NOISE


def test_noise_by_control_command() -> None:
    printer = EmulatedPrinter()
    assert command(printer, "noise 4") == OK
    assert control.describe(printer)["pending_noise"] == 4
    reply = command(printer, "noise")
    assert reply is not None and reply.startswith("error: noise needs a whole number")
    reply = command(printer, f"noise {MAX_NOISE + 1}")
    assert reply is not None and reply.startswith("error: noise must be 0 to")
    assert printer.receive(streams.status_query(4)) == line_noise(4) + b"\x12"
    assert control.describe(printer)["noise_sent"] == 4


def test_an_unplug_drops_the_half_received_command() -> None:
    printer = EmulatedPrinter()
    qr = streams.qr(b"ANJUNGAN:T:1")
    printer.receive(b"half\n" + qr[:-3])  # unplugged in the middle of the QR print command
    printer.vanish()
    printer.come_back()
    assert printer.receive(streams.status_query(1)) == b"\x12"  # not swallowed as QR data
    printer.receive(b"whole\n" + streams.cut())
    assert printer.tickets[-1].lines == ("half", "whole")  # printed lines stay on the paper
