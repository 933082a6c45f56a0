"""`kiosk keys export|import`: carry the office's keys to another PC, wrapped with a
passphrase (see kiosk.security.key_transfer)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from kiosk.cards.tags import CARD_KEY_NAME
from kiosk.cli.secrets import KeyringSecretStore
from kiosk.cli.settings_loader import settings_for
from kiosk.security.key_transfer import (
    KeyTransferError,
    check_passphrase,
    export_bundle,
    import_bundle,
)
from kiosk.security.sealing import DATA_KEY_NAME

SHARED_SECRETS = (DATA_KEY_NAME, CARD_KEY_NAME)  # submissions; badges and citizens' cards


def export_keys(args: argparse.Namespace) -> int:
    store = KeyringSecretStore(settings_for(args))
    passphrase = _passphrase(args, confirm=True)
    bundle = export_bundle(store, SHARED_SECRETS, passphrase)
    target: Path = args.file
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(bundle)
    print(f"Keys written to {target}. Import them with `kiosk keys import`, then delete it.")
    return 0


def import_keys(args: argparse.Namespace) -> int:
    store = KeyringSecretStore(settings_for(args))
    try:
        bundle = Path(args.file).read_bytes()
    except OSError as error:
        raise KeyTransferError(f"cannot read {args.file}: {error.strerror}") from None
    passphrase = _passphrase(args, confirm=False)
    result = import_bundle(store, bundle, passphrase, SHARED_SECRETS, args.replace)
    for name in result.written:
        print(f"imported {name}")
    for name in result.unchanged:
        print(f"already here {name}")
    return 0


def _passphrase(args: argparse.Namespace, confirm: bool) -> str:
    if args.passphrase_stdin:
        return sys.stdin.readline().rstrip("\n")
    passphrase = getpass.getpass("Passphrase: ")
    if confirm:
        check_passphrase(passphrase)
        if getpass.getpass("Passphrase again: ") != passphrase:
            raise KeyTransferError("the two passphrases differ")
    return passphrase
