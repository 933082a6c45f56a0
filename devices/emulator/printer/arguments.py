"""The printer emulator's command line, shared by its runner and `kiosk emulate printer`.

Kept light (no emulator imported) so that building the kiosk's parser stays cheap.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from devices.escpos.profiles import PROFILE_NAMES

DEFAULT_PROFILE = "80mm"
DEFAULT_BAUDRATE = 9600
DESCRIPTION = (
    "Run an emulated ESC/POS thermal printer (simulated hardware, not a driver) on a "
    "pseudo-terminal. The kiosk, or any serial tool, opens --link like a real printer "
    "port; what it prints is kept as readable text."
)
EPILOG = """\
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


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The emulator's options, on its own parser or on a subcommand's."""
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
        default=DEFAULT_PROFILE,
        choices=PROFILE_NAMES,
        help=f"printer model profile (paper width, columns); default {DEFAULT_PROFILE}",
    )
    parser.add_argument(
        "--baud",
        type=int,
        default=DEFAULT_BAUDRATE,
        metavar="BPS",
        help=f"line speed used by --pace, in bits per second; default {DEFAULT_BAUDRATE}",
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


def parser(prog: str) -> argparse.ArgumentParser:
    """The emulator's whole parser: description, options and the control commands."""
    result = argparse.ArgumentParser(
        prog=prog,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_arguments(result)
    return result
