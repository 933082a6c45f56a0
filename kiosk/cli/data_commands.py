"""Commands on the queue, the database and the settings."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from kiosk.cli.settings_loader import settings_for
from kiosk.cli.wiring import build_queue, open_database, open_printer
from kiosk.config import describe_settings
from kiosk.db.migrate import current_revision, head_revision
from kiosk.errors import KioskError
from kiosk.i18n import translations
from kiosk.queue.messages import describe_error
from kiosk.queue.types import Priority


def issue(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    language = args.language or settings.ui.language
    printer = open_printer(settings)
    queue = build_queue(settings, open_database(settings), printer)
    priority = Priority(args.priority) if args.priority else None
    try:
        ticket = queue.issue_ticket(args.service.upper(), priority, language)
    except KioskError as error:
        print(describe_error(error, language), file=sys.stderr)
        return 1
    finally:
        printer.transport.close()
    print(
        f"{ticket.code}\t{ticket.line.name(language)}\tid={ticket.ticket_id}\t"
        f"ahead={ticket.people_ahead}\twait={ticket.estimated_wait_minutes}min"
    )
    return 0


def _command_line_user() -> str:
    """Who reprinted from the command line, for the audit trail: the OS account."""
    try:
        return f"cli:{getpass.getuser()}"[:64]
    except (KeyError, OSError):  # no name for this uid (a container)
        return f"cli:uid {os.getuid()}"


def reprint(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    printer = open_printer(settings)
    queue = build_queue(settings, open_database(settings), printer)
    try:
        ticket = queue.reprint(args.ticket_id, settings.ui.language, actor=_command_line_user())
    except KioskError as error:
        print(describe_error(error, settings.ui.language), file=sys.stderr)
        return 1
    finally:
        printer.transport.close()
    _ = translations(settings.ui.language).gettext
    print(_("Ticket %(code)s printed again.") % {"code": ticket.code})
    return 0


def list_services(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    queue = build_queue(settings, open_database(settings), open_printer(settings))
    language = settings.ui.language
    for service in queue.lines():
        waiting = queue.waiting_count(service.code)
        print(f"{service.code}\t{service.name(language)}\twaiting={waiting}")
    return 0


def db_upgrade(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    database = open_database(settings)
    print(f"Database at revision {current_revision(database.engine)} (head {head_revision()}).")
    return 0


def config_show(args: argparse.Namespace) -> int:
    if args.defaults:
        print(describe_settings())
        return 0
    settings = settings_for(args)
    source = settings.source or "built-in defaults (no settings file)"
    print(f"# read from: {source}, then KIOSK_* environment variables")
    print(settings.to_toml())
    return 0
