"""Argument parsers of the `kiosk` card commands (argparse only: --help stays quick)."""

from __future__ import annotations

import argparse

TAP_SECONDS = 30.0


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this group's subcommands; handlers are named "module:function" (see main.py)."""
    _add_staff_commands(commands)
    _add_card_commands(commands)


def _pin_stdin(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pin-stdin",
        action="store_true",
        help="read the PIN from the first line of standard input (scripts) instead of asking",
    )


def _tap_options(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--tag",
        metavar="HEX",
        help=f"the {what}'s tag (10 hex digits) instead of a tap on the card reader",
    )
    parser.add_argument(
        "--wait",
        type=float,
        default=TAP_SECONDS,
        metavar="SECONDS",
        help=f"how long to wait for a tap on the card reader (default {TAP_SECONDS:g})",
    )


def _add_staff_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    staff = commands.add_parser("staff", help="village staff who sign in with a PIN")
    staff_sub = staff.add_subparsers(dest="staff_command", required=True)
    add = staff_sub.add_parser(
        "add",
        help="register a staff member (the PIN is asked twice)",
        description="Register a staff member with a 6-digit PIN (not one digit repeated, "
        "not a run such as 123456). With --badge, tap the member's badge on the card "
        "reader (readers.card_url); a badge only says who: the PIN is always needed.",
    )
    add.add_argument("--number", required=True, help="staff number (digits)")
    add.add_argument("--name", required=True, help="name shown on screen")
    add.add_argument("--role", required=True, choices=["clerk", "technician"])
    add.add_argument("--badge", action="store_true", help="tap a badge on the card reader")
    _tap_options(add, "badge")
    _pin_stdin(add)
    add.set_defaults(handler="card_commands:staff_add")
    listing = staff_sub.add_parser("list", help="list staff (no PINs; badge as yes/no)")
    listing.set_defaults(handler="card_commands:staff_list")
    pin = staff_sub.add_parser("pin", help="set a new PIN (also lifts a lockout)")
    pin.add_argument("number", metavar="NUMBER")
    _pin_stdin(pin)
    pin.set_defaults(handler="card_commands:staff_pin")
    remove = staff_sub.add_parser(
        "remove", help="stop a staff member signing in (the badge is freed, the audit kept)"
    )
    remove.add_argument("number", metavar="NUMBER")
    remove.set_defaults(handler="card_commands:staff_remove")


def _add_card_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cards = commands.add_parser("cards", help="citizens' cards registered at this office")
    cards_sub = cards.add_subparsers(dest="cards_command", required=True)
    add = cards_sub.add_parser(
        "add-holder",
        help="register a citizen's card with their NIK and name (stored sealed)",
        description="Register a citizen's card. The NIK is asked without echo (or read "
        "from standard input with --nik-stdin); the card is tapped on the reader or given "
        "with --tag. The tag is stored only as a keyed fingerprint.",
    )
    add.add_argument(
        "--name",
        help="the card holder's name (else asked, so it stays out of the shell history)",
    )
    add.add_argument(
        "--nik-stdin",
        action="store_true",
        help="read the NIK (and then the name, unless --name) from standard input",
    )
    _tap_options(add, "card")
    add.set_defaults(handler="card_commands:cards_add_holder")
    remove = cards_sub.add_parser("remove", help="forget a card (a citizen's card or a badge)")
    _tap_options(remove, "card")
    remove.set_defaults(handler="card_commands:cards_remove")
    count = cards_sub.add_parser("count", help="how many citizens' cards are registered")
    count.set_defaults(handler="card_commands:cards_count")
