"""Sealing: AES-256-GCM encryption of one record, bound to its submission's UUID.

A sealed blob is ``VERSION (1 byte) | nonce (12 bytes) | ciphertext and tag``. The
version byte and the caller's associated data (the submission UUID) are authenticated,
so a blob copied onto another submission's row does not open. The 32-byte data key is
created on first use and kept only in the SecretStore (the OS keyring), base64-encoded,
never in the database or a file. PCs of one office sharing a database share the key
through `kiosk keys export/import` (kiosk.security.key_transfer). Key rotation is not
handled yet: a new key name (``-v2``) and a re-seal pass would do it.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import threading
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.errors import KioskError
from kiosk.ports import SecretStore

DATA_KEY_NAME = "anjungan-data-key-v1"
KEY_BYTES = 32  # AES-256
NONCE_BYTES = 12  # 96 bits, random per message
FORMAT_VERSION = 1
HEADER = bytes([FORMAT_VERSION])


class SealBroken(KioskError):
    """A sealed record that cannot be opened: another key, or bytes changed on disk."""


class Sealer:
    """Seals and unseals JSON-able dicts with the kiosk's data key."""

    def __init__(self, secrets: SecretStore, key_name: str = DATA_KEY_NAME) -> None:
        self._secrets = secrets
        self._key_name = key_name
        self._cipher: AESGCM | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Sealer(key_name={self._key_name!r})"

    def ensure_key(self) -> None:
        """Load the key, creating it if there is none yet.

        Call it once at start-up in one process: two processes creating the first key at
        the same instant would each keep a different key.
        """
        self._aead()

    def seal(self, obj: dict[str, Any], aad: str) -> bytes:
        """`obj` as JSON, encrypted and authenticated together with `aad`."""
        plaintext = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aead().encrypt(nonce, plaintext.encode("utf-8"), _associated(aad))
        return HEADER + nonce + sealed

    def unseal(self, blob: bytes, aad: str) -> dict[str, Any]:
        """The dict sealed with `aad`; raises SealBroken for anything else."""
        if len(blob) < len(HEADER) + NONCE_BYTES or not blob.startswith(HEADER):
            raise SealBroken("not a sealed record of a known format")
        nonce = blob[len(HEADER) : len(HEADER) + NONCE_BYTES]
        try:
            plaintext = self._aead().decrypt(
                nonce, blob[len(HEADER) + NONCE_BYTES :], _associated(aad)
            )
        except InvalidTag:
            raise SealBroken("the sealed record does not open with this key") from None
        return _decoded(plaintext)

    def _aead(self) -> AESGCM:
        with self._lock:
            if self._cipher is None:
                self._cipher = AESGCM(self._load_or_create_key())
            return self._cipher

    def _load_or_create_key(self) -> bytes:
        stored = self._secrets.get_secret(self._key_name)
        if stored is None:
            self._secrets.set_secret(self._key_name, _encoded(AESGCM.generate_key(KEY_BYTES * 8)))
            stored = self._secrets.get_secret(self._key_name)  # whatever the store kept
            if stored is None:
                raise SealBroken("the secret store did not keep the data key")
        return _key_from(stored)


def _associated(aad: str) -> bytes:
    return HEADER + aad.encode("utf-8")


def _encoded(key: bytes) -> str:
    return base64.b64encode(key).decode("ascii")


def _key_from(stored: str) -> bytes:
    try:
        key = base64.b64decode(stored.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise SealBroken("the data key in the secret store is not base64") from None
    if len(key) != KEY_BYTES:
        raise SealBroken(f"the data key in the secret store is not {KEY_BYTES} bytes")
    return key


def _decoded(plaintext: bytes) -> dict[str, Any]:
    try:
        obj = json.loads(plaintext.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SealBroken("the sealed record is not JSON") from None
    if not isinstance(obj, dict):
        raise SealBroken("the sealed record is not an object")
    return obj
