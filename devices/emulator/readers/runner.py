"""Runs an emulated card reader or code scanner (simulated hardware) on a pty, as a command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from devices.emulator.pty.runner import serve_command
from devices.emulator.pty.server import PtyServer
from devices.emulator.readers.control import commands_for
from devices.emulator.readers.models import CARD, DEVICE_NAMES, KINDS, make_reader
from devices.readers.scanner import TERMINATORS

_EPILOG = """\
control commands (one per line on the --control socket; every reply is one line,
"ok" or "error: ..."):
  card TAG              hold the EM4100 card TAG (ten hex digits) over the reader:
                        three RDM6300 frames (card reader only)
  bad-checksum TAG      one frame for TAG with a wrong checksum (card reader only)
  scan TEXT             scan a code whose content is TEXT, the rest of the line,
                        followed by the --terminator (scanner only)
  garbage HEX           send these bytes, written in hex, e.g. 'garbage 00ff02'
  vanish, come-back     unplug the reader, or plug it back in
  quit                  stop the emulator

example:
  printf 'card 62E3086CED\\n' | socat - UNIX-CONNECT:/tmp/reader.ctl
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m devices.emulator.readers.runner",
        description=(
            "Run an emulated card reader (RDM6300-style, EM4100 cards) or barcode/QR scanner "
            "(simulated hardware, not a driver) on a pseudo-terminal. The kiosk, or any serial "
            "tool, opens --link like a real reader port; control commands make it send."
        ),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--kind", choices=sorted(KINDS), default=CARD, help="what to emulate; default card"
    )
    parser.add_argument(
        "--link",
        type=Path,
        required=True,
        metavar="PATH",
        help="symlink to create to the emulated serial device, e.g. /tmp/reader0; "
        "give this path to the kiosk as its reader port",
    )
    parser.add_argument(
        "--control",
        type=Path,
        metavar="PATH",
        help="Unix socket accepting control commands (card, scan, unplug, ...)",
    )
    parser.add_argument(
        "--terminator",
        choices=sorted(TERMINATORS),
        default="cr",
        help="the suffix a scanner sends after each code; default cr",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; SIGTERM or Ctrl-C stop it cleanly and remove the link."""
    args = _parser().parse_args(argv)
    reader = make_reader(args.kind, args.terminator)
    server = PtyServer(args.link, reader, commands_for(reader), args.control)
    return serve_command(server, DEVICE_NAMES[args.kind])


if __name__ == "__main__":
    sys.exit(main())
