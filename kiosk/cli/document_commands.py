"""`kiosk documents proof|letter CODE`: print a submission's A4 document, or save it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from kiosk.cli.a4_printer import CommandA4Printer
from kiosk.cli.documents_adapter import build_documents
from kiosk.cli.settings_loader import settings_for
from kiosk.documents.messages import describe_document_error
from kiosk.errors import KioskError
from kiosk.i18n import translations
from kiosk.private_files import FileRefused, Refusal, write_new_file


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
            job = CommandA4Printer(settings.documents.print_command).print_pdf(pdf)
            print(_("Sent to the A4 printer.") + (f" {job}" if job else ""))
            return 0
    except KioskError as error:  # unknown code, no letter, printer refused: plain words
        print(describe_document_error(error, language), file=sys.stderr)
        return 1
    try:
        write_new_file(args.out, pdf)
    except FileRefused as refused:
        print(_refusal(refused, _), file=sys.stderr)
        return 1
    print(_("Saved to %(path)s.") % {"path": args.out})
    print(
        _("This file holds personal data (the full NIK). Delete it once it is printed."),
        file=sys.stderr,
    )
    return 0


def _refusal(refused: FileRefused, _: Callable[[str], str]) -> str:
    """Why --out FILE was not written, for staff; nothing was written anywhere."""
    if refused.reason is Refusal.EXISTS:
        text = _("%(path)s already exists. Give the name of a new file: none is overwritten.")
    elif refused.reason is Refusal.LINK:
        text = _("%(path)s is a link to another file. Give the name of a new file.")
    else:
        text = _("%(path)s cannot be written: %(reason)s.")
    return text % {"path": refused.path, "reason": refused.detail}
