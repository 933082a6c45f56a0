"""Tap through the real kiosk, wired as `kiosk run` wires it, and read the ticket back.

The printer is the emulated ESC/POS printer behind ``emu://`` (simulated hardware);
the database is a real SQLite file, migrated with Alembic.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.emulator import EmulatedPrinter, get_emulator, register_url_handler, reset_emulators
from devices.emulator.readers import get_scanner, register_reader_url_handler, reset_readers
from devices.escpos.printer import EscPosPrinter
from devices.escpos.profiles import get_profile
from devices.transport import SerialTransport
from kiosk.catalogue.paths import default_catalogue_dir
from kiosk.cli.printer_adapter import ThermalTicketPrinter
from kiosk.cli.readers import start_scanner
from kiosk.cli.services_adapter import KioskServices
from kiosk.clock import SystemClock
from kiosk.config import load_settings
from kiosk.db.engine import create_engine_for, session_factory
from kiosk.queue.service import QueueService
from kiosk.security.keys import new_key
from kiosk.security.sealing import Sealer
from kiosk.submissions.service import SubmissionService
from tests.helpers.database import migrate_and_seed, sqlite_url
from tests.helpers.forms import completed
from tests.ui.helpers import tap, tap_until_printing, text
from ui.app import ReaderRelay
from ui.contracts import UiOptions
from ui.window import KioskWindow


@pytest.fixture
def wired(tmp_path: Path) -> Iterator[tuple[QueueService, EmulatedPrinter]]:
    register_url_handler()
    url = sqlite_url(tmp_path / "anjungan.db")
    migrate_and_seed(url)
    engine = create_engine_for(url)
    emulator = get_emulator("ui-e2e", "58mm")
    transport = SerialTransport("emu://ui-e2e?profile=58mm", baudrate=9600)
    printer = EscPosPrinter(transport, get_profile("58mm"))
    queue = QueueService(
        session_factory(engine),
        ThermalTicketPrinter(printer),
        SystemClock(),
        "Kantor Desa Sukamaju",
        "Asia/Makassar",
    )
    yield queue, emulator
    transport.close()
    engine.dispose()
    reset_emulators()


@pytest.fixture
def window(qtbot, wired: tuple[QueueService, EmulatedPrinter]) -> Iterator[KioskWindow]:
    queue, _ = wired
    window = KioskWindow(queue, UiOptions("Kantor Desa Sukamaju", fullscreen=False))
    qtbot.addWidget(window)
    window.show_kiosk()
    yield window
    window.shutdown()


def test_citizen_gets_a_printed_ticket(
    qtbot, window: KioskWindow, wired: tuple[QueueService, EmulatedPrinter]
) -> None:
    _, emulator = wired
    with qtbot.waitSignal(window.ticket_issued, timeout=10_000) as issued:
        tap_until_printing(qtbot, window, "B", "none")
    ticket = issued.args[0]
    assert ticket.code == "B-001"
    assert window.current_screen == "done"
    body = emulator.tickets[-1].body
    assert "B-001" in body
    assert "WITA" in body
    assert "Tidak ada orang di depan Anda." in body
    assert text(window, "people_ahead") in body  # screen and ticket say the same

    tap(qtbot, window, "finish")
    with qtbot.waitSignal(window.ticket_issued, timeout=10_000) as second:
        tap_until_printing(qtbot, window, "B", "elderly")
    assert second.args[0].code == "B-002"
    assert "PRIORITAS: LANSIA" in emulator.tickets[-1].body
    assert len(emulator.tickets) == 2


def test_paper_out_tells_the_citizen_and_keeps_the_number(
    qtbot, window: KioskWindow, wired: tuple[QueueService, EmulatedPrinter]
) -> None:
    _, emulator = wired
    emulator.paper_out()
    with qtbot.waitSignal(window.print_failed, timeout=10_000):
        tap_until_printing(qtbot, window, "A", "none")
    assert window.current_screen == "printer_problem"
    assert emulator.tickets == []

    emulator.paper_ok()
    tap(qtbot, window, "back_to_start")
    with qtbot.waitSignal(window.ticket_issued, timeout=10_000) as issued:
        tap_until_printing(qtbot, window, "A", "none")
    assert issued.args[0].code == "A-001"
    assert "A-001" in emulator.tickets[-1].body


def test_scanning_a_receipt_qr_on_the_emulated_scanner_opens_its_status(
    qtbot, tmp_path: Path, wired: tuple[QueueService, EmulatedPrinter]
) -> None:
    """Wired as `kiosk run` wires it: sealed store, receipt on the emulated printer, the
    emulated code scanner (simulated hardware) on its own thread, relayed to the window."""
    queue, emulator = wired
    engine = create_engine_for(sqlite_url(tmp_path / "anjungan.db"))
    clock = SystemClock()
    submissions = SubmissionService(
        session_factory(engine), Sealer(new_key()), clock, "Kantor", "Asia/Makassar"
    )
    transport = SerialTransport("emu://ui-e2e?profile=58mm", baudrate=9600)
    printer = ThermalTicketPrinter(EscPosPrinter(transport, get_profile("58mm")))
    services = KioskServices(default_catalogue_dir(), submissions, printer, clock, "Asia/Makassar")
    receipt = services.finalise(completed(services.start("perekaman-ektp", "id", False)))
    assert receipt.tracking_code in emulator.tickets[-1].body

    window = KioskWindow(
        queue, UiOptions("Kantor", fullscreen=False, voice_enabled=False), services
    )
    qtbot.addWidget(window)
    window.show_kiosk()
    relay = ReaderRelay(window.on_code_scanned, window)
    register_reader_url_handler()
    settings = load_settings(
        None,
        {"KIOSK_CONFIG": os.devnull, "KIOSK_READERS_SCANNER_URL": "emureader://e2e?kind=scanner"},
    )
    reader = start_scanner(settings, relay.deliver)
    assert reader is not None and window.guided is not None
    try:
        with qtbot.waitSignal(window.guided.status_shown, timeout=10_000) as shown:
            get_scanner("e2e").scan(receipt.qr_payload)
    finally:
        reader.stop(timeout=5)
        reset_readers()
        window.shutdown()
        transport.close()
        engine.dispose()
    assert shown.args[0].tracking_code == receipt.tracking_code
    assert window.current_screen == "status_result"
