"""`kiosk demo`: the kiosk with a fresh data folder, SQLite and simulated hardware: the
emulated printer, a card reader and a code scanner on pseudo-terminals (driven with
`kiosk emulate send`), an A4 "printer" that saves PDFs, a demo clerk and a demo citizen's
card, and a demo district's central service on loopback the kiosk is enrolled with.
Everything it registers is demo data."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import shlex
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from kiosk.cli.app_commands import Parts, open_parts, start_ui
from kiosk.cli.demo_centre import DemoCentre, DemoCentreUnavailable, demo_centre
from kiosk.cli.demo_office import office_stations
from kiosk.cli.settings_loader import settings_for
from kiosk.config import Settings
from kiosk.errors import KioskError
from kiosk.i18n import translations
from kiosk.private_files import create_private_file, ensure_private_dir

log = logging.getLogger(__name__)

DEMO_PRINTER = "demo"
DEMO_OFFICE = "Kantor Desa Sukamaju (demo)"
DEMO_STAFF = ("1001", "Petugas Demo", "246810")  # number, name, PIN
DEMO_BADGE = "0A1B2C3D4E"  # the demo clerk's badge
DEMO_CARD = "1F00A1B2C3"  # a demo citizen's registered card
DEMO_CITIZEN = ("3273011708850001", "Budi Santoso")  # a valid, invented NIK
DEMO_MARKER = ".anjungan-demo"  # in every folder the demo made: it may use it again


class NotADemoFolder(KioskError):
    """The demo was pointed at a folder holding a database it did not make."""


def demo_environment(data_dir: Path, environ: dict[str, str]) -> dict[str, str]:
    """Settings for the demo: its own data dir and SQLite file, the emulated printer."""
    demo = dict(environ)
    demo["KIOSK_DATA_DIR"] = str(data_dir)
    demo["KIOSK_DATABASE_URL"] = f"sqlite:///{data_dir / 'anjungan.db'}"
    demo["KIOSK_PRINTER_URL"] = f"emu://{DEMO_PRINTER}"
    a4 = [sys.executable, "-m", "kiosk.cli.demo_printer", str(data_dir / "documents")]
    demo["KIOSK_DOCUMENTS_PRINT_COMMAND"] = shlex.join(a4)
    demo.setdefault("KIOSK_OFFICE_NAME", DEMO_OFFICE)
    demo.setdefault("KIOSK_SYNC_INTERVAL_SECONDS", "10")  # see a status change soon
    return demo


def _add_demo_people(parts: Parts) -> None:
    """A clerk with a badge and a citizen with a registered card, to try the readers."""
    from kiosk.cards import CardAlreadyRegistered, StaffAlreadyExists, StaffRole

    if parts.cards is None:
        return  # no keyring: no guided services, no staff
    number, name, pin = DEMO_STAFF
    with contextlib.suppress(StaffAlreadyExists):  # a demo folder used again
        parts.cards.add_staff(number, name, StaffRole.CLERK, pin, badge_tag=DEMO_BADGE)
    with contextlib.suppress(CardAlreadyRegistered):
        parts.cards.add_holder(DEMO_CARD, *DEMO_CITIZEN)


@contextlib.contextmanager
def _demo_readers(data_dir: Path, environ: dict[str, str]) -> Iterator[list[str]]:
    """The card reader and the scanner emulators on ptys in the data folder; yields the
    lines telling the person how to tap and scan."""
    from devices.emulator.readers import CARD, SCANNER, ReaderPtyProcess

    card = ReaderPtyProcess(data_dir / "card-reader", CARD)
    scanner = ReaderPtyProcess(data_dir / "scanner", SCANNER)
    with card, scanner:
        environ["KIOSK_READERS_CARD_URL"] = str(card.link)
        environ["KIOSK_READERS_SCANNER_URL"] = str(scanner.link)
        send = "kiosk emulate send --control"
        yield [
            f"  tap the citizen's card: {send} {card.control_socket} card {DEMO_CARD}",
            f"  tap the clerk's badge:  {send} {card.control_socket} card {DEMO_BADGE}",
            f"  scan a receipt's QR:    {send} {scanner.control_socket} scan ANJUNGAN:S:CODE",
        ]


def claim_demo_folder(data_dir: Path) -> None:
    """Mark `data_dir` as the demo's (a folder 0700); refuse a real office's data (the demo
    adds a clerk whose PIN it prints)."""
    if (data_dir / "anjungan.db").exists() and not (data_dir / DEMO_MARKER).exists():
        raise NotADemoFolder(
            f"{data_dir} holds a database the demo did not make; the demo only uses a new "
            "folder or one it made before"
        )
    ensure_private_dir(data_dir)
    create_private_file(data_dir / DEMO_MARKER)


@contextlib.contextmanager
def _optional_centre(data_dir: Path) -> Iterator[DemoCentre | None]:
    """The demo's central service, or None (said at start) if it cannot run here."""
    try:
        with demo_centre(data_dir) as centre:
            yield centre
    except DemoCentreUnavailable as error:
        print(f"  central service: not started ({error})")
        yield None


def _enrol_in_background(centre: DemoCentre, settings: Settings, parts: Parts) -> None:
    """Enrol the demo kiosk once its centre answers, then sync at once."""
    from kiosk.cli.secrets import key_store
    from kiosk.cli.wiring import open_database

    def enrol() -> None:
        try:
            centre.wait_until_serving()
            sessions = open_database(settings).sessions
            centre.enrol(sessions, key_store(settings), settings.office.name)
        except KioskError as error:
            log.error("the demo kiosk is not enrolled: %s", error)
            return
        if parts.sync is not None:
            parts.sync.wake()

    threading.Thread(target=enrol, name="demo-enrol", daemon=True).start()


def _passed_on(args: argparse.Namespace) -> list[str]:
    """The hidden test options the office's other stations get too."""
    quit_after = getattr(args, "quit_after", None)
    return [] if quit_after is None else ["--quit-after", str(quit_after)]


def demo(args: argparse.Namespace) -> int:
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="anjungan-demo-"))
    claim_demo_folder(data_dir)
    environ = demo_environment(data_dir, dict(os.environ))
    with contextlib.ExitStack() as stack:
        how_to = stack.enter_context(_demo_readers(data_dir, environ))
        centre = stack.enter_context(_optional_centre(data_dir))
        settings = settings_for(args, environ)
        if getattr(args, "office", False):
            how_to.extend(stack.enter_context(office_stations(environ, _passed_on(args))))
        printed = data_dir / "printed"
        ensure_private_dir(printed)
        _ = translations(settings.ui.language).gettext
        print(_("Anjungan demo (emulated printer: simulated hardware)"))
        print(f"  data folder:     {data_dir}")
        print(f"  printed tickets: {printed}")
        print(f"  A4 documents:    {data_dir / 'documents'}")
        number, _name, pin = DEMO_STAFF
        print(f"  staff sign-in:   number {number}, PIN {pin} (demo; hold the office name 3 s)")
        print("\n".join(how_to))
        if centre is not None:
            print(f"  central service: {centre.url} (a demo district on this machine)")
            print(f"    what arrived:     {centre.command('applications')}")
            print(f"    ready for pickup: {centre.command('status', 'CODE', 'ready')}")
        sys.stdout.flush()

        def open_demo_parts() -> Parts:
            from devices.emulator import get_emulator

            profile, baudrate = settings.printer.profile, settings.printer.baudrate
            emulator = get_emulator(DEMO_PRINTER, profile, baudrate)
            emulator.output_dir = printed
            parts = open_parts(settings)
            _add_demo_people(parts)
            if centre is not None:
                _enrol_in_background(centre, settings, parts)
            return parts

        return start_ui(settings, args, open_demo_parts)
