"""Moving the office's keys to another PC: a passphrase-wrapped bundle a technician
carries on a USB stick, so a counter PC sharing the office's PostgreSQL database can
open the submissions a kiosk sealed (and recognise the same staff badges).

The bundle is JSON: the KDF parameters (scrypt, random salt), a random nonce, and the
AES-256-GCM encryption of ``{secret name: value}``; the header fields are authenticated
too. Without the passphrase the file is useless, but treat it like the keys themselves:
delete it once imported.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from kiosk.errors import KioskError
from kiosk.security.ports import SecretStore

BUNDLE_FORMAT = "anjungan-keys"
BUNDLE_VERSION = 1
MIN_PASSPHRASE_LENGTH = 12
SALT_BYTES = 16
NONCE_BYTES = 12
KEY_BYTES = 32
SCRYPT_N = 2**15  # about 0.1 s and 32 MiB per try: slow to guess, quick to type once
SCRYPT_R = 8
SCRYPT_P = 1


class KeyTransferError(KioskError):
    """A bundle that cannot be written or read; the message says what to do."""


@dataclass(frozen=True)
class ImportResult:
    """Which secrets were written, and which were already the same on this PC."""

    written: tuple[str, ...]
    unchanged: tuple[str, ...]


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise KeyTransferError(
            f"the passphrase must have at least {MIN_PASSPHRASE_LENGTH} characters"
        )


def export_bundle(secrets: SecretStore, names: Iterable[str], passphrase: str) -> bytes:
    """The named secrets that exist on this PC, wrapped with `passphrase`."""
    check_passphrase(passphrase)
    values = {name: value for name in names if (value := secrets.get_secret(name)) is not None}
    if not values:
        raise KeyTransferError("this PC has no keys yet: start the kiosk once first")
    salt, nonce = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
    header = _header(salt)
    plaintext = json.dumps(values, sort_keys=True).encode("utf-8")
    sealed = AESGCM(_derive(passphrase, salt)).encrypt(nonce, plaintext, _aad(header))
    bundle = {**header, "nonce": _b64(nonce), "ciphertext": _b64(sealed)}
    return (json.dumps(bundle, indent=2, sort_keys=True) + "\n").encode("ascii")


def import_bundle(
    secrets: SecretStore,
    bundle: bytes,
    passphrase: str,
    allowed: Iterable[str],
    replace: bool = False,
    check: Callable[[Mapping[str, str]], None] | None = None,
) -> ImportResult:
    """Store the bundle's secrets in `secrets`; only names in `allowed`, so a crafted
    file cannot plant other keyring entries. A different key already on this PC is kept
    unless `replace`: records sealed with it would no longer open. `check` sees the
    bundle's keys before anything is written and raises to refuse them (the key guard:
    keys that do not open this database's data are never imported, --replace or not)."""
    values = _open(bundle, passphrase)
    unexpected = sorted(set(values) - set(allowed))
    if unexpected:
        raise KeyTransferError("the key file holds unknown keys: " + ", ".join(unexpected))
    if check is not None:
        check(values)
    conflicts = [name for name, value in values.items() if _differs(secrets, name, value)]
    if conflicts and not replace:
        raise KeyTransferError(
            "this PC already has other keys ("
            + ", ".join(sorted(conflicts))
            + "); anything sealed with them would no longer open. Import before the first "
            "use, or pass --replace to restore the keys this database's data was sealed with"
        )
    written, unchanged = [], []
    for name, value in sorted(values.items()):
        if secrets.get_secret(name) == value:
            unchanged.append(name)
            continue
        secrets.set_secret(name, value)
        written.append(name)
    return ImportResult(tuple(written), tuple(unchanged))


def _open(bundle: bytes, passphrase: str) -> dict[str, str]:
    fields = _fields(bundle)
    try:
        salt = _unb64(fields["salt"])
        nonce = _unb64(fields["nonce"])
        sealed = _unb64(fields["ciphertext"])
        header = _header(salt)
        if len(nonce) != NONCE_BYTES or len(salt) != SALT_BYTES:
            raise KeyTransferError("the key file is incomplete or damaged")
        if {key: fields[key] for key in header} != header:
            raise KeyTransferError("the key file uses other settings than this version")
    except (KeyError, TypeError, binascii.Error):
        raise KeyTransferError("the key file is incomplete or damaged") from None
    try:
        plaintext = AESGCM(_derive(passphrase, salt)).decrypt(nonce, sealed, _aad(header))
    except InvalidTag:
        raise KeyTransferError("wrong passphrase, or the key file was changed") from None
    return _values(plaintext)


def _fields(bundle: bytes) -> dict[str, Any]:
    try:
        fields = json.loads(bundle.decode("ascii"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise KeyTransferError("this is not an Anjungan key file") from None
    if not isinstance(fields, dict) or fields.get("format") != BUNDLE_FORMAT:
        raise KeyTransferError("this is not an Anjungan key file")
    return fields


def _values(plaintext: bytes) -> dict[str, str]:
    values = json.loads(plaintext.decode("utf-8"))
    if not isinstance(values, dict) or not all(
        isinstance(name, str) and isinstance(value, str) for name, value in values.items()
    ):
        raise KeyTransferError("the key file holds something other than keys")
    return values


def _differs(secrets: SecretStore, name: str, value: str) -> bool:
    current = secrets.get_secret(name)
    return current is not None and current != value


def _header(salt: bytes) -> dict[str, Any]:
    return {
        "format": BUNDLE_FORMAT,
        "version": BUNDLE_VERSION,
        "kdf": {"name": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P},
        "salt": _b64(salt),
    }


def _aad(header: Mapping[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True).encode("ascii")


def _derive(passphrase: str, salt: bytes) -> bytes:
    kdf = Scrypt(salt=salt, length=KEY_BYTES, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    return kdf.derive(passphrase.encode("utf-8"))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise TypeError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)
