"""`kiosk keys init|status|export|import`: the office keys, created, checked, carried to
another PC wrapped with a passphrase (see kiosk.security.key_transfer), or restored."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from kiosk.cli.credentials import SystemdCredsSecretStore
from kiosk.cli.office_keys import key_guard, open_office_keys, replace_lost_pepper
from kiosk.cli.secrets import KeyringSecretStore, key_store
from kiosk.cli.settings_loader import settings_for
from kiosk.cli.wiring import open_database
from kiosk.config import Settings
from kiosk.private_files import write_new_file
from kiosk.security.guard import KeyGuard, describe_data
from kiosk.security.key_transfer import (
    KeyTransferError,
    check_passphrase,
    export_bundle,
    import_bundle,
)
from kiosk.security.keys import OFFICE_KEY_NAMES


def init_keys(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    store = key_store(settings)
    database = open_database(settings)
    open_office_keys(settings, database.sessions, create=True, store=store)
    print(f"The office keys are in {store.description} and match this database.")
    print("Keep a copy: `kiosk keys export FILE` onto a USB stick kept in the office safe.")
    return 0


def key_status(args: argparse.Namespace) -> int:
    store, guard = _store_and_guard(settings_for(args))
    print(f"key store: {store.description}")
    print("key\tin store\tin database\tmatches\tdata sealed with it")
    healthy = True
    for state in guard.status():
        matches = {True: "yes", False: "NO", None: "-"}[state.matches]
        data = describe_data(state.data) or "none"
        print(f"{state.name}\t{_yes(state.in_store)}\t{_yes(state.recorded)}\t{matches}\t{data}")
        healthy = healthy and state.matches is not False
        healthy = healthy and (state.in_store or not (state.recorded or state.data))
    return 0 if healthy else 1


def new_pepper(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    numbers = replace_lost_pepper(settings, open_database(settings).sessions)
    print("A new PIN pepper is recorded; every staff PIN was cleared.")
    if numbers:
        print("Set a new PIN for each: " + ", ".join(f"kiosk staff pin {n}" for n in numbers))
    print("Then make a new key file: kiosk keys export FILE.")
    return 0


def export_keys(args: argparse.Namespace) -> int:
    store, guard = _store_and_guard(settings_for(args))
    wrong = [state.name for state in guard.status() if state.matches is False]
    if wrong:  # a key file for the safe must hold the keys the data needs
        raise KeyTransferError(
            "the key store's " + ", ".join(wrong) + " does not fit this database's data: "
            "a key file of it would restore the wrong key (see `kiosk keys status`)"
        )
    passphrase = _passphrase(args, confirm=True)
    bundle = export_bundle(store, OFFICE_KEY_NAMES, passphrase)
    target: Path = args.file
    write_new_file(target, bundle)  # never over a file or through a link; 0600
    print(f"Keys written to {target}. Import them with `kiosk keys import`, then delete it.")
    return 0


def import_keys(args: argparse.Namespace) -> int:
    store, guard = _store_and_guard(settings_for(args))
    try:
        bundle = Path(args.file).read_bytes()
    except OSError as error:
        raise KeyTransferError(f"cannot read {args.file}: {error.strerror}") from None
    passphrase = _passphrase(args, confirm=False)
    result = import_bundle(
        store, bundle, passphrase, OFFICE_KEY_NAMES, args.replace, guard.check_replacement
    )
    for name in result.written:
        print(f"imported {name}")
    for name in result.unchanged:
        print(f"already here {name}")
    return 0


def _store_and_guard(
    settings: Settings,
) -> tuple[KeyringSecretStore | SystemdCredsSecretStore, KeyGuard]:
    """The configured key store and the key guard over the configured database."""
    store = key_store(settings)
    return store, key_guard(settings, open_database(settings).sessions, store)


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _passphrase(args: argparse.Namespace, confirm: bool) -> str:
    if args.passphrase_stdin:
        return sys.stdin.readline().rstrip("\n")
    passphrase = getpass.getpass("Passphrase: ")
    if confirm:
        check_passphrase(passphrase)
        if getpass.getpass("Passphrase again: ") != passphrase:
            raise KeyTransferError("the two passphrases differ")
    return passphrase
