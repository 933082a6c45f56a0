"""The pty printer emulator in another process, reached through a real serial device."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import serial

from devices.emulator import PtyPrinterProcess
from devices.emulator.printer.control import COMMANDS
from devices.emulator.printer.model import line_noise
from devices.emulator.printer.runner import main, run_pty_printer
from devices.emulator.pty.control import usage
from devices.emulator.pty.server import SERVER_COMMANDS
from tests.devices.emulator import streams

pytestmark = pytest.mark.slow
CLEAR_BUFFERS = bytes.fromhex("10 14 08 01 03 14 01 06 02 08")  # DLE DC4 8
CLEAR_RESPONSE = bytes.fromhex("37 25 00")


@pytest.fixture
def emulator(short_dir: Path) -> Iterator[PtyPrinterProcess]:
    process = PtyPrinterProcess(short_dir / "printer0", output_dir=short_dir / "out")
    process.start()
    yield process
    process.stop()


def open_link(emulator: PtyPrinterProcess) -> serial.Serial:
    return serial.serial_for_url(str(emulator.link), 9600, timeout=0.5)


def test_a_ticket_printed_over_the_pty_comes_back_as_text(emulator: PtyPrinterProcess) -> None:
    port = open_link(emulator)
    port.write(streams.status_query(1) + streams.queue_ticket("B-101") + streams.status_query(4))
    assert port.read(2) == bytes([0x12, 0x12])  # also proves the ticket was taken in order
    (text,) = emulator.tickets()
    assert "[2x2]B-101" in text
    assert (emulator.link.parent / "out" / "ticket-0001.txt").read_text() == text + "\n"
    port.close()


def test_the_raw_bytes_received_come_back_whole(emulator: PtyPrinterProcess) -> None:
    port = open_link(emulator)
    sent = streams.queue_ticket("B-102")[:-7] + streams.status_query(1)
    port.write(sent)
    assert port.read(1) == b"\x12"
    assert emulator.received() == sent
    port.close()


def test_paper_out_by_control_command(emulator: PtyPrinterProcess) -> None:
    port = open_link(emulator)
    assert emulator.command("paper-out") == "ok"
    port.write(streams.status_query(4) + b"held\n" + streams.cut() + streams.status_query(2))
    assert port.read(2) == bytes([0x72, 0x32])
    stats = emulator.stats()
    assert (stats["paper"], stats["tickets_printed"], stats["buffered_bytes"]) == ("out", 0, 8)
    port.write(CLEAR_BUFFERS)
    assert port.read(3) == CLEAR_RESPONSE
    stats = emulator.stats()
    assert (stats["discarded_bytes"], stats["buffered_bytes"], stats["clear_requests"]) == (8, 0, 1)
    assert emulator.command("paper-ok") == "ok"
    assert emulator.tickets() == []
    port.close()


def test_a_job_held_while_out_of_paper_prints_after_paper_ok(emulator: PtyPrinterProcess) -> None:
    port = open_link(emulator)
    assert emulator.command("paper-out") == "ok"
    port.write(b"held\n" + streams.cut() + streams.status_query(1))
    assert port.read(1) == b"\x1a"
    assert emulator.command("paper-ok") == "ok"
    (text,) = emulator.tickets()
    assert text.startswith("held\n")
    port.close()


def test_unplug_and_plug_back(emulator: PtyPrinterProcess) -> None:
    port = open_link(emulator)
    assert emulator.command("vanish") == "ok"
    assert not emulator.link.exists()
    with pytest.raises(serial.SerialException) as raised:
        port.write(streams.status_query(1))
    assert isinstance(raised.value, OSError)
    with pytest.raises(serial.SerialException):
        port.read(1)
    assert port.is_open
    port.close()

    assert emulator.command("come-back") == "ok"
    fresh = open_link(emulator)
    fresh.write(streams.status_query(1))
    assert fresh.read(1) == b"\x12"
    fresh.close()


def test_unknown_control_commands_get_an_error_line(emulator: PtyPrinterProcess) -> None:
    reply = emulator.command("paper-in")
    assert reply.startswith("error: unknown command 'paper-in'")
    assert "paper-out" in reply


def test_stopping_removes_the_link_and_the_socket(short_dir: Path) -> None:
    process = PtyPrinterProcess(short_dir / "p", control_socket=short_dir / "ctl")
    process.start()
    assert (short_dir / "p").is_symlink()
    assert process.stop() == 0
    assert not (short_dir / "p").exists()
    assert not (short_dir / "ctl").exists()


def test_in_process_run_stops_when_asked(short_dir: Path) -> None:
    link, stop, ready = short_dir / "p", threading.Event(), threading.Event()
    kwargs = {"profile": "58mm", "stop": stop, "on_ready": ready.set}
    runner = threading.Thread(target=run_pty_printer, args=(link,), kwargs=kwargs)
    runner.start()
    try:
        assert ready.wait(5)
        port = serial.serial_for_url(str(link), 9600, timeout=0.5)
        port.write(streams.status_query(3))
        assert port.read(1) == b"\x12"
        port.close()
    finally:
        stop.set()
        runner.join(5)
    assert not runner.is_alive()
    assert not link.exists()


def test_help_is_written_for_a_technician(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    help_text = capsys.readouterr().out
    assert "--link PATH" in help_text
    for command in [*usage(COMMANDS), *SERVER_COMMANDS]:
        assert command in help_text


def test_stats_are_json_counters(emulator: PtyPrinterProcess) -> None:
    port = open_link(emulator)
    port.write(b"\x1bz" + streams.status_query(1))
    assert port.read(1) == b"\x12"
    stats = json.loads(emulator.command("stats"))
    assert stats["bytes_received"] == 5
    assert stats["unknown_commands"] == 1
    assert stats["status_queries"] == 1
    port.close()


def test_noise_lands_where_the_host_waits_for_a_status_byte(emulator: PtyPrinterProcess) -> None:
    port = open_link(emulator)
    assert emulator.command("noise 4") == "ok"
    assert emulator.stats()["pending_noise"] == 4
    port.write(streams.status_query(1))
    assert port.read(5) == line_noise(4) + b"\x12"
    assert emulator.command("noise x").startswith("error: noise needs a whole number")
    port.close()


def test_help_and_errors_list_the_commands_taking_a_count(
    emulator: PtyPrinterProcess, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    help_text = capsys.readouterr().out
    reply = emulator.command("noise-please")
    for command in ("paper-out-after N", "noise N", *usage(COMMANDS), *SERVER_COMMANDS):
        assert command in help_text
        assert command in reply
