"""Runs an emulated printer (simulated hardware) on a pty, as a command or in a thread."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from devices.emulator.printer import EmulatedPrinter
from devices.emulator.pty_server import READY_MESSAGE, PtyPrinterServer
from devices.escpos.profiles import PROFILES


def run_pty_printer(
    link: Path,
    profile: str = "80mm",
    baudrate: int = 9600,
    pace: bool = False,
    control_socket: Path | None = None,
    output_dir: Path | None = None,
    stop: threading.Event | None = None,
    on_ready: Callable[[], None] | None = None,
) -> EmulatedPrinter:
    """Serve an emulated printer on a pty linked at ``link`` until ``quit`` or ``stop``.

    ``on_ready`` is called once the link and the control socket exist. ``stop`` is set
    on return, whatever ended the run. Returns the printer, to inspect what it printed.
    """
    printer = EmulatedPrinter(profile, baudrate, pace, output_dir)
    if stop is None:
        stop = threading.Event()
    with PtyPrinterServer(link, printer, control_socket) as server:
        server.start()
        waker = threading.Thread(target=_stop_when_set, args=(stop, server), daemon=True)
        waker.start()
        if on_ready is not None:
            on_ready()
        try:
            server.serve_forever()
        finally:
            stop.set()
            waker.join()
    return printer


def _stop_when_set(stop: threading.Event, server: PtyPrinterServer) -> None:
    stop.wait()
    server.request_stop()


_EPILOG = """\
control commands (one per line on the --control socket; every reply is one line):
  paper-out, paper-near-end, paper-ok   what the paper sensor reports
  offline, online                       take the printer offline, or back online
  cover-open, cover-close               open or close the paper cover
  cutter-jam, cutter-ok                 make the cutter fail, or repair it
  paper-out-after N                     the roll ends N printed lines from now
  noise N                               send N bytes of line noise (not valid status
                                        replies) just ahead of the printer's next reply
  vanish, come-back                     unplug the printer, or plug it back in
  tickets                               the printed tickets as text (JSON list)
  stats                                 counters and state (JSON object)
  received                              every raw byte received, as base64 (JSON object)
  quit                                  stop the emulator

example:
  printf 'paper-out\\n' | socat - UNIX-CONNECT:/tmp/printer.ctl
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m devices.emulator.pty_runner",
        description=(
            "Run an emulated ESC/POS thermal printer (simulated hardware, not a driver) on a "
            "pseudo-terminal. The kiosk, or any serial tool, opens --link like a real printer "
            "port; what it prints is kept as readable text."
        ),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--link",
        type=Path,
        required=True,
        metavar="PATH",
        help="symlink to create to the emulated serial device, e.g. /tmp/printer0; "
        "give this path to the kiosk as its printer port",
    )
    parser.add_argument(
        "--profile",
        default="80mm",
        choices=sorted(PROFILES),
        help="printer model profile (paper width, columns); default 80mm",
    )
    parser.add_argument(
        "--baud",
        type=int,
        default=9600,
        metavar="BPS",
        help="line speed used by --pace, in bits per second; default 9600",
    )
    parser.add_argument(
        "--pace", action="store_true", help="take bytes no faster than a real serial line at --baud"
    )
    parser.add_argument(
        "--control",
        type=Path,
        metavar="PATH",
        help="Unix socket accepting control commands (paper out, unplug, ...)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        metavar="DIR",
        help="also write each printed ticket to DIR/ticket-0001.txt, ...",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; SIGTERM or Ctrl-C stop it cleanly and remove the link."""
    args = _parser().parse_args(argv)
    printer = EmulatedPrinter(args.profile, args.baud, args.pace, args.output)
    with PtyPrinterServer(args.link, printer, args.control) as server:
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: server.request_stop())
        server.start()
        print(READY_MESSAGE.format(link=args.link), flush=True)
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
