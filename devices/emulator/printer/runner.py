"""Runs an emulated printer (simulated hardware) on a pty, as a command or in a thread."""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from devices.emulator.printer import arguments
from devices.emulator.printer.control import COMMANDS
from devices.emulator.printer.model import EmulatedPrinter
from devices.emulator.pty.runner import serve_command, serve_until
from devices.emulator.pty.server import PtyServer

DEVICE = "printer"


def run_pty_printer(
    link: Path,
    profile: str = arguments.DEFAULT_PROFILE,
    baudrate: int = arguments.DEFAULT_BAUDRATE,
    pace: bool = False,
    control_socket: Path | None = None,
    output_dir: Path | None = None,
    stop: threading.Event | None = None,
    on_ready: Callable[[], None] | None = None,
) -> EmulatedPrinter:
    """Serve an emulated printer on a pty linked at ``link`` until ``quit`` or ``stop``.

    See ``serve_until`` for ``stop`` and ``on_ready``. Returns the printer, to inspect
    what it printed.
    """
    printer = EmulatedPrinter(profile, baudrate, pace, output_dir)
    serve_until(PtyServer(link, printer, COMMANDS, control_socket), stop, on_ready)
    return printer


def run_parsed(args: argparse.Namespace) -> int:
    """Serve as the parsed command line says, until SIGTERM, Ctrl-C or ``quit``."""
    printer = EmulatedPrinter(args.profile, args.baud, args.pace, args.output)
    return serve_command(PtyServer(args.link, printer, COMMANDS, args.control), DEVICE)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; SIGTERM or Ctrl-C stop it cleanly and remove the link."""
    return run_parsed(
        arguments.parser("python -m devices.emulator.printer.runner").parse_args(argv)
    )


if __name__ == "__main__":
    sys.exit(main())
