"""Argument parsers of `kiosk keys` (argparse only: --help stays quick)."""

from __future__ import annotations

import argparse
from pathlib import Path

DESCRIPTION = (
    "The office keys seal citizens' applications and cards, fingerprint card tags and "
    "key staff PINs. They live in the key store (security.key_store: the OS keyring, or "
    "systemd credentials on an unattended kiosk), and the database keeps a check value of "
    "each: the kiosk refuses to start with a missing or different key rather than make a "
    "new one over existing data. `init` creates missing keys where no data needs them; "
    "`status` compares the store with the database; `export` and `import` carry the keys "
    "to another PC of the office (a counter sharing the PostgreSQL database) or restore "
    "them, wrapped with a passphrase."
)


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `kiosk keys`; handlers are named "module:function" (see main.py)."""
    keys = commands.add_parser(
        "keys", help="the office keys: create, check, carry to another PC", description=DESCRIPTION
    )
    keys_sub = keys.add_subparsers(dest="keys_command", required=True)
    init = keys_sub.add_parser(
        "init",
        help="create the keys this database does not have yet (needs root for systemd-creds)",
    )
    init.set_defaults(handler="key_commands:init_keys")
    status = keys_sub.add_parser(
        "status", help="each key: in the store, recorded in the database, matching (exit 1 if not)"
    )
    status.set_defaults(handler="key_commands:key_status")
    pepper = keys_sub.add_parser(
        "new-pepper",
        help="the way back from a lost PIN pepper: clear every staff PIN and make a new pepper",
        description="When the key store lost the PIN pepper and no key file holds it, staff "
        "cannot sign in. This clears every staff PIN, makes a new pepper and records it; then "
        "set each PIN again with `kiosk staff pin N`. Refused while the pepper still fits.",
    )
    pepper.add_argument(
        "--reset-all-pins", action="store_true", required=True, help="yes, clear every PIN"
    )
    pepper.set_defaults(handler="key_commands:new_pepper")
    export = keys_sub.add_parser("export", help="write the keys to a new passphrase-wrapped file")
    export.add_argument("file", type=Path, metavar="FILE")
    export.set_defaults(handler="key_commands:export_keys")
    import_ = keys_sub.add_parser(
        "import",
        help="store the keys of a file in this PC's key store (refused unless they open this "
        "database's data)",
    )
    import_.add_argument("file", type=Path, metavar="FILE")
    import_.add_argument(
        "--replace",
        action="store_true",
        help="replace different keys in the store (still refused if the file's keys do not "
        "open this database's data)",
    )
    import_.set_defaults(handler="key_commands:import_keys")
    for command in (export, import_):
        command.add_argument(
            "--passphrase-stdin", action="store_true", help="read the passphrase from stdin"
        )
