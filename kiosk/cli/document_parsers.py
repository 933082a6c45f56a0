"""Argument parsers of the `kiosk` document commands (argparse only: --help stays quick)."""

from __future__ import annotations

import argparse
from pathlib import Path

OUT_HELP = (
    "write the PDF to this new file (mode 0600; an existing file or a symlink is refused, "
    "never overwritten) instead of printing it; it holds the citizen's personal data, so "
    "delete it when done"
)


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this group's subcommands; handlers are named "module:function" (see main.py)."""
    documents = commands.add_parser(
        "documents", help="print a submission's A4 proof or its village letter"
    )
    sub = documents.add_subparsers(dest="documents_command", required=True)
    proof = sub.add_parser(
        "proof",
        help="print the A4 proof of a submission",
        description="Print the A4 proof of the submission with tracking code CODE "
        "(answers listed, NIK masked) through documents.print_command, the PDF piped on "
        "its standard input and never saved, or write it with --out.",
    )
    letter = sub.add_parser(
        "letter",
        help="print the village letter of a submission",
        description="Print the village letter (kop surat, number, details, signature, "
        "QR) of the submission with tracking code CODE through documents.print_command, "
        "the PDF piped on its standard input and never saved, or write it with --out. "
        "The letter carries the full NIK. Its number is derived from the tracking code, "
        "so a reprint carries the same number.",
    )
    for parser, handler in ((proof, "proof"), (letter, "letter")):
        parser.add_argument("code", metavar="CODE", help="tracking code, e.g. K7QM-2XHD")
        parser.add_argument("--language", default=None, help="document language (id or en)")
        parser.add_argument("--out", type=Path, metavar="FILE.pdf", help=OUT_HELP)
        parser.set_defaults(handler=f"document_commands:{handler}")
    letter.add_argument(
        "--signed-by", default=None, help="name of the signatory (default: office.head_name)"
    )
