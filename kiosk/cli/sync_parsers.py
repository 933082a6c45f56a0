"""Argument parsers of `kiosk enrol` and `kiosk sync` (argparse only: --help stays quick)."""

from __future__ import annotations

import argparse

ENROL_DESCRIPTION = (
    "Enrol this kiosk with the district's central service: an operator makes a one-time "
    "code there (`central enrol-code --name ...`); this trades it for the kiosk's own "
    "credential (kept in the key store, never in the database) and the centre's public "
    "keys. Enrolling again (a new code) replaces the old credential; nothing already "
    "waiting in the outbox is lost."
)


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `kiosk enrol` and `kiosk sync`; handlers are named "module:function"."""
    enrol = commands.add_parser(
        "enrol", help="enrol this kiosk with the central service", description=ENROL_DESCRIPTION
    )
    enrol.add_argument("url", help="the centre's address, https://... (http:// only on loopback)")
    enrol.add_argument("code", help="the one-time enrolment code the operator gave you")
    enrol.add_argument("--name", help="how the centre lists this kiosk (default: the office name)")
    enrol.set_defaults(handler="sync_commands:enrol")
    sync = commands.add_parser("sync", help="send applications to the centre, fetch statuses")
    sync_sub = sync.add_subparsers(dest="sync_command", required=True)
    status = sync_sub.add_parser(
        "status", help="the centre, what waits to be sent, and how the last sync went"
    )
    status.set_defaults(handler="sync_commands:sync_status")
    now = sync_sub.add_parser(
        "now", help="one sync round now, in the foreground, with progress (exit 1 if it failed)"
    )
    now.set_defaults(handler="sync_commands:sync_now")
