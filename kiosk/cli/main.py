"""The `kiosk` command: argument parsing and dispatch to thin command handlers."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

from devices.emulator.printer import arguments as printer_emulator
from kiosk import __version__
from kiosk.cli import card_parsers, document_parsers, key_parsers, report_parsers, sync_parsers
from kiosk.errors import KioskError
from kiosk.private_files import KIOSK_UMASK
from kiosk.queue.types import Priority

Handler = Callable[[argparse.Namespace], int]

DESCRIPTION = """\
Anjungan: the service kiosk of a village office.

Settings come from a TOML file (--config, or KIOSK_CONFIG, or the platform's
config path) and environment variables such as KIOSK_DATA_DIR,
KIOSK_DATABASE_URL and KIOSK_PRINTER_URL. Run `kiosk config show` to see the
settings in force and where they came from.
"""


def _add_run_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = commands.add_parser("run", help="start the kiosk screen with the configured devices")
    run.add_argument("--windowed", action="store_true", help="a window instead of full screen")
    run.add_argument("--quit-after", type=float, help=argparse.SUPPRESS)
    run.add_argument("--report-ready", action="store_true", help=argparse.SUPPRESS)
    run.set_defaults(handler="app_commands:run")
    demo = commands.add_parser(
        "demo",
        help="start a demo: fresh data dir, SQLite, emulated printer",
        description="Start the kiosk with a fresh demo data directory, an embedded SQLite "
        "database, an emulated printer, card reader and code scanner (simulated "
        "hardware). Printed tickets are written as text files; their folder, the demo "
        "clerk's PIN and how to tap a card are shown at start.",
    )
    demo.add_argument("--data-dir", type=Path, help="use this folder (default: a new temp dir)")
    demo.add_argument("--windowed", action="store_true", help="a window instead of full screen")
    demo.add_argument(
        "--office",
        action="store_true",
        help="also start a counter (loket) window and the waiting room's display on the "
        "same demo database",
    )
    demo.add_argument("--quit-after", type=float, help=argparse.SUPPRESS)
    demo.add_argument("--report-ready", action="store_true", help=argparse.SUPPRESS)
    demo.set_defaults(handler="demo_commands:demo")


def _add_device_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    devices = commands.add_parser("devices", help="serial ports on this machine")
    devices_sub = devices.add_subparsers(dest="devices_command", required=True)
    listing = devices_sub.add_parser(
        "list", help="list serial ports with VID:PID, serial number and stable by-id path"
    )
    listing.set_defaults(handler="device_commands:list_devices")

    printer = commands.add_parser("printer", help="check or test the receipt printer")
    printer_sub = printer.add_subparsers(dest="printer_command", required=True)
    status = printer_sub.add_parser("status", help="ask the printer for its status (DLE EOT)")
    status.set_defaults(handler="device_commands:printer_status")
    test = printer_sub.add_parser("test", help="print a test page (consumes no queue number)")
    test.set_defaults(handler="device_commands:printer_test")

    emulate = commands.add_parser("emulate", help="run simulated devices for tests and demos")
    emulate_sub = emulate.add_subparsers(dest="emulate_command", required=True)
    emu_printer = emulate_sub.add_parser(
        "printer",
        help="an emulated ESC/POS printer on a pseudo-terminal (simulated hardware)",
        description=textwrap.fill(
            "Create a pseudo-terminal that behaves like a serial ESC/POS printer "
            "and link it at PATH; point printer.url at PATH. Printed tickets are decoded into "
            "readable text."
        ),
        epilog=printer_emulator.EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    printer_emulator.add_arguments(emu_printer)  # the emulator's own options, declared once
    emu_printer.set_defaults(handler="device_commands:emulate_printer")
    send = emulate_sub.add_parser(
        "send",
        help="send one control command to a running emulator (e.g. tap a card in the demo)",
        description="Send one control command to a running emulator's control socket and "
        "print its reply, e.g. `card 1F00A1B2C3` to tap a card on an emulated reader, "
        "`scan TEXT` on an emulated scanner, `paper-out` on the emulated printer.",
    )
    send.add_argument("--control", type=Path, required=True, help="the emulator's socket")
    send.add_argument("words", nargs="+", metavar="COMMAND", help="the command and its words")
    send.set_defaults(handler="device_commands:emulate_send")


def _add_data_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    queue = commands.add_parser("queue", help="work with the queue")
    queue_sub = queue.add_subparsers(dest="queue_command", required=True)
    issue = queue_sub.add_parser(
        "issue",
        help="issue and print one ticket",
        description="Issue one ticket for SERVICE and print it on the configured printer. "
        "Exits with status 1 and a clear message if the printer cannot take it. A printer "
        "that is not ready (paper out, offline, unplugged) is found before the number is "
        "used: no number is consumed then. A print that fails halfway voids its number, "
        "which is named and never given again.",
    )
    issue.add_argument("service", metavar="SERVICE", help="service code, e.g. A, B or C")
    issue.add_argument(
        "--priority",
        nargs="?",
        const="elderly",
        choices=[priority.value for priority in Priority],
        help="priority ticket (default reason: elderly)",
    )
    issue.add_argument("--language", default=None, help="ticket language (id or en)")
    issue.set_defaults(handler="data_commands:issue")
    reprint = queue_sub.add_parser("reprint", help="print an issued ticket again")
    reprint.add_argument("ticket_id", type=int, metavar="TICKET_ID")
    reprint.set_defaults(handler="data_commands:reprint")
    services = queue_sub.add_parser("services", help="list the queue services")
    services.set_defaults(handler="data_commands:list_services")

    db = commands.add_parser("db", help="the local database")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    upgrade = db_sub.add_parser("upgrade", help="apply database migrations (also done at start)")
    upgrade.set_defaults(handler="data_commands:db_upgrade")

    config = commands.add_parser("config", help="settings")
    config_sub = config.add_subparsers(dest="config_command", required=True)
    show = config_sub.add_parser("show", help="print the settings in force")
    show.add_argument("--defaults", action="store_true", help="describe every setting instead")
    show.set_defaults(handler="data_commands:config_show")


def _add_catalogue_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    services = commands.add_parser("services", help="the guided services' definitions")
    services_sub = services.add_subparsers(dest="services_command", required=True)
    check = services_sub.add_parser(
        "check",
        help="load every service definition as the kiosk would and report problems",
        description="Loads each service file (and checks its recordings) exactly as the "
        "kiosk does at start, and lists the services loaded, the warnings and every file "
        "refused with its field and reason. Exits with status 1 if a file is refused.",
    )
    check.add_argument(
        "directory", nargs="?", type=Path, help="folder of service files (default: shipped)"
    )
    check.set_defaults(handler="catalogue_commands:check")


DOCTOR_CHECKS = ("voice", "printer", "database", "keys")  # kiosk.cli.doctor.CHECKS, by name


def _doctor_check(name: str) -> str:
    if name not in DOCTOR_CHECKS:
        raise argparse.ArgumentTypeError(f"{name!r}: choose from {', '.join(DOCTOR_CHECKS)}")
    return name


def _add_doctor_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    doctor = commands.add_parser(
        "doctor",
        help="check what this PC gives the kiosk (voice, printer, database, keys)",
        description="Check, part by part, what the kiosk needs from this PC: the voice end "
        "to end (speech-dispatcher, its output module, the engine starting, an Indonesian "
        "voice), the receipt printer, the database and the office keys (each in the key "
        "store and matching the database). Each finding is ok or a problem "
        "with the fix in plain words (the Debian package to install, the setting to "
        "change). Exits with status 1 if there is a problem.",
    )
    doctor.add_argument(
        "checks",
        nargs="*",
        metavar="CHECK",
        type=_doctor_check,  # not choices=: argparse refuses an empty list against them
        help=f"only these parts ({', '.join(DOCTOR_CHECKS)}; default: all)",
    )
    doctor.set_defaults(handler="doctor:doctor")


def resolve_handler(name: str) -> Handler:
    """Import a command's module only when it runs, so start-up and --help stay quick."""
    module_name, _, function = name.partition(":")
    module = importlib.import_module(f"kiosk.cli.{module_name}")
    handler: Handler = getattr(module, function)
    return handler


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"anjungan {__version__}")
    parser.add_argument("--config", type=Path, help="settings file (TOML)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_run_commands(commands)
    _add_device_commands(commands)
    _add_data_commands(commands)
    key_parsers.add_commands(commands)
    _add_catalogue_commands(commands)
    card_parsers.add_commands(commands)
    document_parsers.add_commands(commands)
    sync_parsers.add_commands(commands)
    report_parsers.add_commands(commands)
    _add_doctor_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    os.umask(KIOSK_UMASK)  # before any file: the database's -wal/-shm, sockets, children's
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    handler = resolve_handler(args.handler)
    try:
        return handler(args)
    except KioskError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a technician gets one line; --verbose shows the traceback
        if args.verbose:
            raise
        print(f"kiosk: {type(error).__name__}: {error}", file=sys.stderr)
        print("kiosk: run again with --verbose for the details", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
