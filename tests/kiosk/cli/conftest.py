"""Fixtures wiring the real queue to an emulated printer (simulated hardware) over emu://."""

from __future__ import annotations

import os
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from devices.emulator import EmulatedPrinter, get_emulator, register_url_handler, reset_emulators
from devices.escpos.printer import EscPosPrinter
from devices.escpos.profiles import get_profile
from devices.transport import SerialTransport
from kiosk.cli.printer_adapter import ThermalPrinter
from kiosk.config import Settings, load_settings
from kiosk.queue.desk import QueueDesk
from tests.helpers.stubs import FakeClock

_names = count()


@pytest.fixture
def emulator_url() -> Iterator[str]:
    register_url_handler()
    yield f"emu://cli-test-{next(_names)}"
    reset_emulators()


@pytest.fixture
def escpos_printer(emulator_url: str) -> Iterator[EscPosPrinter]:
    transport = SerialTransport(emulator_url, baudrate=9600, read_timeout=0.2)
    yield EscPosPrinter(transport, get_profile("80mm"))
    transport.close()


@pytest.fixture
def emulator(emulator_url: str, escpos_printer: EscPosPrinter) -> EmulatedPrinter:
    return get_emulator(emulator_url.removeprefix("emu://"))


@pytest.fixture
def real_queue(
    sessions: sessionmaker[Session], escpos_printer: EscPosPrinter, clock: FakeClock
) -> QueueDesk:
    """The queue service exactly as `kiosk run` wires it, but on the emulated printer."""
    printer = ThermalPrinter(escpos_printer)
    return QueueDesk(sessions, printer, clock, "Kantor Desa Sukamaju", "Asia/Jakarta")


@pytest.fixture(autouse=True)
def kept_umask() -> Iterator[None]:
    """`main()` sets the process umask (0o077); later tests get theirs back."""
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


@pytest.fixture
def own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings of this test only (no KIOSK_* of the machine); the data folder, not made."""
    for name in [name for name in os.environ if name.startswith("KIOSK_")]:
        monkeypatch.delenv(name)
    (tmp_path / "kiosk.toml").write_text('[office]\nname = "Kantor Desa Uji"\n')
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "kiosk.toml"))
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings of a kiosk whose data folder (not made yet) is in the test's folder."""
    return load_settings(
        None,
        {
            "KIOSK_CONFIG": os.devnull,
            "KIOSK_DATA_DIR": str(tmp_path / "data"),
            "KIOSK_DATABASE_URL": f"sqlite:///{tmp_path / 'data' / 'anjungan.db'}",
        },
    )
