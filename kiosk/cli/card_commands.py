"""Commands on staff (PINs, badges) and citizens' cards; PINs and NIKs are never echoed."""

from __future__ import annotations

import argparse
import getpass
import sys
import threading

from kiosk.cards import StaffRole
from kiosk.cards.errors import WeakPin
from kiosk.cards.registry import CardRegistry
from kiosk.cli.office_keys import open_office_keys
from kiosk.cli.reader_threads import start_card_reader, stop_reader
from kiosk.cli.settings_loader import settings_for
from kiosk.cli.wiring import open_database
from kiosk.clock import SystemClock
from kiosk.config import ConfigError, Settings
from kiosk.errors import KioskError


class NoCardTapped(KioskError):
    """The card reader saw no card before the wait ended."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"no card was tapped on the reader within {seconds:g} s; try again")


def open_registry(settings: Settings) -> CardRegistry:
    """The registry on the configured database, with the kiosk's keys from its key store
    (refused when they are not there or do not fit: this command never makes keys)."""
    database = open_database(settings)
    keys = open_office_keys(settings, database.sessions)
    return CardRegistry(database.sessions, keys, SystemClock())


def staff_add(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    registry = open_registry(settings)
    pin = _new_pin(args.pin_stdin)
    badge = _tag(settings, args.tag, args.wait, "badge") if args.badge or args.tag else None
    member = registry.add_staff(args.number, args.name, StaffRole(args.role), pin, badge)
    badge_note = " with a badge" if member.has_badge else ""
    print(f"Staff {member.staff_number} ({member.name}, {member.role}) added{badge_note}.")
    return 0


def staff_list(args: argparse.Namespace) -> int:
    registry = open_registry(settings_for(args))
    print("number\tname\trole\tbadge\tstate")
    for member in registry.list_staff():
        state = "active" if member.active else "removed"
        if member.locked_until is not None and member.active:
            state = f"locked until {member.locked_until:%Y-%m-%d %H:%M} UTC"
        badge = "yes" if member.has_badge else "no"
        print(f"{member.staff_number}\t{member.name}\t{member.role}\t{badge}\t{state}")
    return 0


def staff_pin(args: argparse.Namespace) -> int:
    registry = open_registry(settings_for(args))
    registry.set_pin(args.number, _new_pin(args.pin_stdin))
    print(f"New PIN set for staff {args.number.strip()}.")
    return 0


def staff_remove(args: argparse.Namespace) -> int:
    registry = open_registry(settings_for(args))
    registry.deactivate_staff(args.number)
    print(f"Staff {args.number.strip()} can no longer sign in.")
    return 0


def cards_add_holder(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    registry = open_registry(settings)
    nik = _secret_line(args.nik_stdin, "NIK (16 digits, not shown): ")
    name = args.name or _plain_line(args.nik_stdin, "Name: ")
    tag = _tag(settings, args.tag, args.wait, "citizen's card")
    registry.add_holder(tag, nik, name)
    print(f"Card registered. {registry.count_holders()} cards registered at this office.")
    return 0


def cards_remove(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    registry = open_registry(settings)
    removed = registry.remove_card(_tag(settings, args.tag, args.wait, "card"))
    print("Citizen's card removed." if removed == "holder" else "Staff badge removed.")
    return 0


def cards_count(args: argparse.Namespace) -> int:
    print(open_registry(settings_for(args)).count_holders())
    return 0


def _new_pin(from_stdin: bool) -> str:
    """The new PIN: one line of stdin, or asked twice without echo."""
    if from_stdin:
        return sys.stdin.readline().strip()
    pin = getpass.getpass("New PIN (6 digits, not shown): ").strip()
    if getpass.getpass("The same PIN again: ").strip() != pin:
        raise WeakPin(WeakPin.MISMATCH)
    return pin


def _secret_line(from_stdin: bool, prompt: str) -> str:
    return sys.stdin.readline().strip() if from_stdin else getpass.getpass(prompt).strip()


def _tag(settings: Settings, given: str | None, seconds: float, what: str) -> str:
    """The tag given on the command line, or the next one tapped on the card reader."""
    if given:
        return given
    tapped: list[str] = []
    arrived = threading.Event()

    def on_tag(tag: str) -> None:
        if not arrived.is_set():
            tapped.append(tag)
            arrived.set()

    reader = start_card_reader(settings, on_tag)
    if reader is None:
        raise ConfigError(
            str(settings.source or "settings"),
            "not set: the card reader's port; set it, or give the tag with --tag HEX",
            key="readers.card_url",
        )
    try:
        print(f"Tap the {what} on the card reader now (waiting {seconds:g} s)...", file=sys.stderr)
        if not arrived.wait(seconds):
            raise NoCardTapped(seconds)
    finally:
        stop_reader(reader)
    return tapped[0]


def _plain_line(from_stdin: bool, prompt: str) -> str:
    """A line typed by the technician (shown as typed), or the next line of stdin."""
    return sys.stdin.readline().rstrip("\n") if from_stdin else input(prompt)
