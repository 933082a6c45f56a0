"""Each shipped service completed through the real screens, wired as `kiosk run` wires
it: the real catalogue and wizard, the sealed store in a migrated SQLite file with the
data key in the OS keyring, the receipt on the emulated printer, and the citizen's
registered card tapped on the emulated RDM6300 reader (simulated hardware, on its own
thread, relayed to the window) filling in their NIK and name."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import count
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from devices.emulator import EmulatedPrinter, get_emulator, reset_emulators
from devices.emulator.readers import get_card_reader, register_reader_url_handler, reset_readers
from kiosk.applications.models import Application, OutboxItem
from kiosk.catalogue.validators import mask_nik
from kiosk.cli.reader_threads import start_card_reader, stop_reader
from kiosk.cli.wiring import build_guided, open_database, open_printer
from kiosk.config import load_settings
from kiosk.db.engine import create_engine_for, session_factory
from tests.helpers.database import sqlite_url
from tests.helpers.secrets import real_keyring_or_skip
from tests.ui.fakes import FakeQueue, RecordingVoice, shipped_services
from tests.ui.guided_steps import (
    NAME,
    NIK,
    agree_and_finish,
    current_step,
    fill_questions,
    open_service,
)
from ui.app import ReaderRelay
from ui.contracts import UiOptions
from ui.window import KioskWindow

CARD = "1F00A1B2C3"
OFFICE = "Kantor Desa Sukamaju"
ZONE = "Asia/Jakarta"
_names = count()


@dataclass
class Wired:
    window: KioskWindow
    printer: EmulatedPrinter
    database: Path
    tap_card: Callable[..., None]


@pytest.fixture
def wired(qtbot, tmp_path: Path) -> Iterator[Wired]:
    name = f"wired-{next(_names)}"
    register_reader_url_handler()
    real_keyring_or_skip()  # the office keys go into the real OS keyring
    settings = load_settings(
        None,
        {
            "KIOSK_CONFIG": os.devnull,
            "KIOSK_DATABASE_URL": sqlite_url(tmp_path / "anjungan.db"),
            "KIOSK_PRINTER_URL": f"emu://{name}?profile=80mm",
            "KIOSK_PRINTER_PROFILE": "80mm",
            "KIOSK_OFFICE_NAME": OFFICE,
            "KIOSK_OFFICE_TIMEZONE": ZONE,
            "KIOSK_READERS_CARD_URL": f"emureader://{name}?kind=card",
        },
    )
    database, escpos = open_database(settings), open_printer(settings)
    guided = build_guided(settings, database, escpos)
    emulator = get_emulator(name, "80mm")
    guided.cards.add_holder(CARD, NIK, NAME)
    options = UiOptions(OFFICE, fullscreen=False, timezone=ZONE)
    queue = FakeQueue()
    window = KioskWindow(
        queue, options, guided.services, RecordingVoice(enabled=True), staff=guided.cards
    )
    qtbot.addWidget(window, before_close_func=lambda _w: queue.release())
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    relay = ReaderRelay(window.on_card_tapped, window)
    reader = start_card_reader(settings, relay.deliver)
    assert reader is not None
    try:
        yield Wired(window, emulator, tmp_path / "anjungan.db", get_card_reader(name).present)
    finally:
        stop_reader(reader)
        queue.release()
        assert window.shutdown(5_000)
        escpos.transport.close()
        database.engine.dispose()
        reset_readers()
        reset_emulators()


def rows(database: Path, model: type) -> int:
    engine = create_engine_for(sqlite_url(database))
    try:
        with session_factory(engine)() as session:
            return session.scalar(select(func.count()).select_from(model)) or 0
    finally:
        engine.dispose()


@pytest.mark.parametrize("service_id", sorted(shipped_services()))
def test_each_service_with_the_card_the_sealed_store_and_the_printed_receipt(
    qtbot, wired: Wired, service_id: str
) -> None:
    window = wired.window
    wired.tap_card(CARD)  # the citizen taps their card on the reader at the start
    qtbot.waitUntil(window.home.card_notice.isVisible, timeout=10_000)

    open_service(qtbot, window, service_id)
    first = current_step(window)
    assert first.name == "nik" and first.answer == NIK and first.prefilled_from_card
    seen = fill_questions(qtbot, window)
    assert "nama" in seen and window.current_screen == "summary"
    assert window.guided is not None
    with qtbot.waitSignal(window.guided.submitted, timeout=10_000) as submitted:
        agree_and_finish(qtbot, window)
    receipt = submitted.args[0]

    assert window.current_screen == "submitted"
    body = wired.printer.tickets[-1].body
    assert receipt.tracking_code in body
    assert mask_nik(NIK) in body and NIK not in body
    assert rows(wired.database, Application) == 1
    assert rows(wired.database, OutboxItem) == 1
    stored = wired.database.read_bytes()
    for wal in wired.database.parent.glob("anjungan.db-wal"):
        stored += wal.read_bytes()
    assert NIK.encode() not in stored and NAME.encode() not in stored


def test_a_receipt_out_of_paper_prints_on_try_again_stored_once(qtbot, wired: Wired) -> None:
    window = wired.window
    wired.printer.paper_out()
    open_service(qtbot, window, "surat-keterangan-domisili")
    fill_questions(qtbot, window)
    assert window.guided is not None
    with qtbot.waitSignal(window.guided.submitted, timeout=10_000) as first:
        agree_and_finish(qtbot, window)
    code = first.args[0].tracking_code
    assert window.guided.busy and wired.printer.tickets == []  # the code stays on screen
    assert rows(wired.database, Application) == 1

    wired.printer.paper_ok()
    with qtbot.waitSignal(window.guided.submitted, timeout=10_000) as again:
        qtbot.mouseClick(window.page("submitted").retry_button, Qt.MouseButton.LeftButton)
    assert again.args[0].tracking_code == code
    assert code in wired.printer.tickets[-1].body
    assert rows(wired.database, Application) == 1  # printed again, never stored again
    assert rows(wired.database, OutboxItem) == 1
    assert not window.guided.busy  # a printed receipt's screen times out as before
