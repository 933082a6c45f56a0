"""`kiosk documents proof|letter CODE`: print a submission's A4 document, or save it."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kiosk.cli.documents_adapter import build_documents
from kiosk.cli.settings_loader import settings_for
from kiosk.documents.a4 import A4Printer
from kiosk.documents.messages import describe_document_error
from kiosk.errors import KioskError
from kiosk.i18n import translations

PRIVATE_FILE_MODE = 0o600


def proof(args: argparse.Namespace) -> int:
    return _document(args, "proof")


def letter(args: argparse.Namespace) -> int:
    return _document(args, "letter")


def _document(args: argparse.Namespace, kind: str) -> int:
    settings = settings_for(args)
    language = args.language or settings.ui.language
    _ = translations(language).gettext
    documents = build_documents(settings)
    try:
        if kind == "letter":
            pdf = documents.letter_pdf(args.code, language, signed_by=args.signed_by)
        else:
            pdf = documents.proof_pdf(args.code, language)
        if args.out is None:
            job = A4Printer(settings.documents.print_command).print_pdf(pdf)
            print(_("Sent to the A4 printer.") + (f" {job}" if job else ""))
            return 0
    except KioskError as error:  # unknown code, no letter, printer refused: plain words
        print(describe_document_error(error, language), file=sys.stderr)
        return 1
    _write_private(args.out, pdf)
    print(_("Saved to %(path)s.") % {"path": args.out})
    print(
        _("This file holds personal data (the full NIK). Delete it once it is printed."),
        file=sys.stderr,
    )
    return 0


def _write_private(path: Path, pdf: bytes) -> None:
    """Create the file readable by its owner only, from the first byte on."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    with os.fdopen(descriptor, "wb") as file:
        os.fchmod(file.fileno(), PRIVATE_FILE_MODE)  # an existing file keeps no wider mode
        file.write(pdf)
