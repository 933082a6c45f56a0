"""Tap through the real kiosk, wired as `kiosk run` wires it, and read the ticket back.

The printer is the emulated ESC/POS printer behind ``emu://`` (simulated hardware);
the database is a real SQLite file, migrated with Alembic.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from devices.emulator import EmulatedPrinter, get_emulator, reset_emulators
from devices.emulator.readers import get_scanner, register_reader_url_handler, reset_readers
from devices.escpos.printer import EscPosPrinter
from kiosk.cli.reader_threads import start_scanner
from kiosk.cli.wiring import Database, build_guided, build_queue, open_database, open_printer
from kiosk.config import Settings, load_settings
from kiosk.queue.desk import QueueDesk
from tests.helpers.database import sqlite_url
from tests.helpers.forms import completed
from tests.helpers.secrets import real_keyring_or_skip
from tests.ui.helpers import tap, tap_until_printing, text, wait_for_start_up_lines
from ui.app import ReaderRelay
from ui.contracts import UiOptions
from ui.window import KioskWindow


@dataclass
class Wired:
    settings: Settings
    database: Database
    queue: QueueDesk
    printer: EscPosPrinter
    emulator: EmulatedPrinter


@pytest.fixture
def wired(tmp_path: Path) -> Iterator[Wired]:
    """The parts `kiosk run` opens, from the settings it would read."""
    settings = load_settings(
        None,
        {
            "KIOSK_CONFIG": os.devnull,
            "KIOSK_DATABASE_URL": sqlite_url(tmp_path / "anjungan.db"),
            "KIOSK_PRINTER_URL": "emu://ui-e2e?profile=58mm",
            "KIOSK_PRINTER_PROFILE": "58mm",
            "KIOSK_OFFICE_NAME": "Kantor Desa Sukamaju",
            "KIOSK_OFFICE_TIMEZONE": "Asia/Makassar",
            "KIOSK_READERS_SCANNER_URL": "emureader://e2e?kind=scanner",
        },
    )
    database, printer = open_database(settings), open_printer(settings)
    emulator = get_emulator("ui-e2e", "58mm")
    yield Wired(settings, database, build_queue(settings, database, printer), printer, emulator)
    printer.transport.close()
    database.engine.dispose()
    reset_emulators()


@pytest.fixture
def window(qtbot, wired: Wired) -> Iterator[KioskWindow]:
    window = KioskWindow(wired.queue, UiOptions("Kantor Desa Sukamaju", fullscreen=False))
    qtbot.addWidget(window)
    window.show_kiosk()
    wait_for_start_up_lines(qtbot, window)
    yield window
    window.shutdown()


def test_citizen_gets_a_printed_ticket(qtbot, window: KioskWindow, wired: Wired) -> None:
    emulator = wired.emulator
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
    qtbot, window: KioskWindow, wired: Wired
) -> None:
    emulator = wired.emulator
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
    qtbot, wired: Wired
) -> None:
    """Wired as `kiosk run` wires it: sealed store, receipt on the emulated printer, the
    emulated code scanner (simulated hardware) on its own thread, relayed to the window."""
    real_keyring_or_skip()  # the office keys go into the real OS keyring
    services = build_guided(wired.settings, wired.database, wired.printer).services
    receipt = services.finalise(completed(services.start("perekaman-ektp", "id", False)))
    assert receipt.tracking_code in wired.emulator.tickets[-1].body

    window = KioskWindow(
        wired.queue, UiOptions("Kantor", fullscreen=False, voice_enabled=False), services
    )
    qtbot.addWidget(window)
    window.show_kiosk()
    relay = ReaderRelay(window.on_code_scanned, window)
    register_reader_url_handler()
    reader = start_scanner(wired.settings, relay.deliver)
    assert reader is not None and window.guided is not None
    try:
        with qtbot.waitSignal(window.guided.status_shown, timeout=10_000) as shown:
            get_scanner("e2e").scan(receipt.qr_payload)
    finally:
        reader.stop(timeout=5)
        reset_readers()
        window.shutdown()
    assert shown.args[0].tracking_code == receipt.tracking_code
    assert window.current_screen == "status_result"
