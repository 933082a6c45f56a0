"""The real queue printing over a real pty to an emulated printer in another process."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from devices.emulator import PtyPrinterProcess
from devices.escpos.printer import EscPosPrinter
from devices.escpos.profiles import get_profile
from devices.transport import SerialTransport
from kiosk.cli.printer_adapter import ThermalPrinter
from kiosk.printers import PrinterProblem, PrinterUnavailable
from kiosk.queue.desk import QueueDesk
from kiosk.queue.errors import TicketVoided
from kiosk.queue.types import TicketState
from tests.helpers.stubs import FakeClock
from tests.kiosk.cli.test_ticket_issuing import ticket_count, ticket_states

pytestmark = pytest.mark.slow

STATUS_QUERY_BYTES = 4 * 3  # DLE EOT 1..4 before every ticket
UNPLUG_AFTER_TICKET_BYTES = 40  # well into the ticket, well before its end
WAIT_FOR_BYTES_SECONDS = 3.0

StartEmulator = Callable[..., PtyPrinterProcess]


@pytest.fixture
def transport(tmp_path: Path) -> Iterator[SerialTransport]:
    transport = SerialTransport(str(tmp_path / "printer0"), baudrate=9600, read_timeout=0.2)
    yield transport
    transport.close()


@pytest.fixture
def start_emulator(tmp_path: Path) -> Iterator[StartEmulator]:
    """Starts the emulator process on the link the transport opens; stopped at the end."""
    started: list[PtyPrinterProcess] = []

    def start(pace: bool = False) -> PtyPrinterProcess:
        process = PtyPrinterProcess(tmp_path / "printer0", "80mm", 9600, pace=pace)
        started.append(process)
        process.start()
        return process

    yield start
    for process in started:
        process.stop()


@pytest.fixture
def emulator(start_emulator: StartEmulator) -> PtyPrinterProcess:
    return start_emulator()


@pytest.fixture
def pty_queue(
    sessions: sessionmaker[Session], transport: SerialTransport, clock: FakeClock
) -> QueueDesk:
    """The queue service as `kiosk run` wires it, on a serial port that is a real pty."""
    printer = ThermalPrinter(EscPosPrinter(transport, get_profile("80mm")))
    return QueueDesk(sessions, printer, clock, "Kantor Desa Sukamaju", "Asia/Jakarta")


def problem_issuing(queue: QueueDesk, service: str) -> PrinterProblem:
    """The problem of a printer refusing before any number was used."""
    with pytest.raises(PrinterUnavailable) as caught:
        queue.issue_ticket(service)
    assert not isinstance(caught.value, TicketVoided)
    return caught.value.problem


def wait_for_bytes(emulator: PtyPrinterProcess, count: int) -> None:
    """Poll the other process until it has received ``count`` bytes (bounded)."""
    deadline = time.monotonic() + WAIT_FOR_BYTES_SECONDS
    while emulator.stats()["bytes_received"] < count:
        assert time.monotonic() < deadline, "the ticket never started to arrive"
        time.sleep(0.01)


def test_a_ticket_printed_over_the_pty_comes_back_as_text(
    pty_queue: QueueDesk, emulator: PtyPrinterProcess
) -> None:
    assert pty_queue.issue_ticket("A").code == "A-001"
    (text,) = emulator.tickets()
    assert "A-001" in text
    assert "Administrasi Kependudukan" in text
    assert "[QR: ANJUNGAN:T:" in text


def test_paper_out_consumes_no_number(
    pty_queue: QueueDesk, emulator: PtyPrinterProcess, sessions: sessionmaker[Session]
) -> None:
    assert emulator.command("paper-out") == "ok"
    assert problem_issuing(pty_queue, "B") is PrinterProblem.PAPER_OUT
    assert ticket_count(sessions) == 0
    assert emulator.stats()["bytes_received"] == STATUS_QUERY_BYTES  # not a byte of ticket
    assert emulator.command("paper-ok") == "ok"
    assert pty_queue.issue_ticket("B").code == "B-001"
    assert ticket_count(sessions) == 1


def voided_issuing(queue: QueueDesk, service: str) -> TicketVoided:
    with pytest.raises(TicketVoided) as caught:
        queue.issue_ticket(service)
    return caught.value


def test_paper_running_out_mid_ticket_voids_the_number(
    pty_queue: QueueDesk, emulator: PtyPrinterProcess, sessions: sessionmaker[Session]
) -> None:
    assert emulator.command("paper-out-after 3") == "ok"
    voided = voided_issuing(pty_queue, "A")
    assert (voided.code, voided.problem) == ("A-001", PrinterProblem.PAPER_OUT)
    assert ticket_states(sessions) == [("A-001", TicketState.VOIDED)]
    assert emulator.tickets() == []
    assert emulator.stats()["discarded_bytes"] > 0  # the rest of the ticket hit no paper


def test_unplug_mid_ticket_voids_the_number_and_the_port_reconnects(
    pty_queue: QueueDesk, start_emulator: StartEmulator, sessions: sessionmaker[Session]
) -> None:
    emulator = start_emulator(pace=True)  # a ticket (~330 bytes) takes ~0.35 s at 9600 baud
    with ThreadPoolExecutor(1) as pool:
        issuing = pool.submit(pty_queue.issue_ticket, "C")
        wait_for_bytes(emulator, STATUS_QUERY_BYTES + UNPLUG_AFTER_TICKET_BYTES)
        assert emulator.command("vanish") == "ok"
        with pytest.raises(TicketVoided) as caught:
            issuing.result(timeout=5)
    assert caught.value.problem is PrinterProblem.UNPLUGGED
    assert ticket_states(sessions) == [("C-001", TicketState.VOIDED)]
    assert emulator.tickets() == []

    assert problem_issuing(pty_queue, "C") is PrinterProblem.UNPLUGGED  # no device at the link
    assert ticket_count(sessions) == 1  # refused by the check: no number used
    assert emulator.command("come-back") == "ok"  # a new pty, linked at the same path
    assert pty_queue.issue_ticket("C").code == "C-002"
    assert "C-002" in emulator.tickets()[-1]
    assert ticket_count(sessions) == 2


def test_line_noise_before_a_status_reply_is_skipped(
    pty_queue: QueueDesk, emulator: PtyPrinterProcess, sessions: sessionmaker[Session]
) -> None:
    assert emulator.command("noise 5") == "ok"
    assert pty_queue.issue_ticket("A").code == "A-001"
    stats = emulator.stats()
    assert (stats["noise_sent"], stats["pending_noise"]) == (5, 0)
    assert "A-001" in emulator.tickets()[-1]
    assert ticket_count(sessions) == 1


def kill(emulator: PtyPrinterProcess) -> None:
    """SIGKILL: no clean-up at all, the kernel just closes the pty master."""
    assert emulator.pid is not None
    os.kill(emulator.pid, signal.SIGKILL)
    assert emulator.stop() == -signal.SIGKILL


def test_a_printer_process_killed_mid_ticket_voids_the_number(
    pty_queue: QueueDesk, start_emulator: StartEmulator, sessions: sessionmaker[Session]
) -> None:
    emulator = start_emulator(pace=True)
    assert pty_queue.issue_ticket("A").code == "A-001"
    with ThreadPoolExecutor(1) as pool:
        issuing = pool.submit(pty_queue.issue_ticket, "A")
        ticket_bytes = emulator.stats()["bytes_received"] + STATUS_QUERY_BYTES
        wait_for_bytes(emulator, ticket_bytes + UNPLUG_AFTER_TICKET_BYTES)
        kill(emulator)
        with pytest.raises(TicketVoided) as caught:
            issuing.result(timeout=5)
    assert caught.value.problem is PrinterProblem.UNPLUGGED
    assert ticket_states(sessions) == [("A-001", TicketState.ISSUED), ("A-002", TicketState.VOIDED)]


def test_a_printer_process_killed_between_tickets_consumes_no_number(
    pty_queue: QueueDesk, emulator: PtyPrinterProcess, sessions: sessionmaker[Session]
) -> None:
    assert pty_queue.issue_ticket("A").code == "A-001"
    kill(emulator)
    assert problem_issuing(pty_queue, "A") is PrinterProblem.UNPLUGGED
    assert ticket_count(sessions) == 1
