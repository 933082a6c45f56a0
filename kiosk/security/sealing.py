"""Sealing: AES-256-GCM encryption of one record, bound to what its row says it is.

A sealed blob is ``VERSION (1 byte) | nonce (12 bytes) | ciphertext and tag``. The
version byte and the caller's associated data are authenticated. Callers bind a record
to everything its row claims about it in the clear: an application to its UUID, its
tracking code and its service id and version (kiosk.applications.binding), a card
holder's record to the card's fingerprint. A blob copied onto another row, or a row
whose tracking code or service was changed in the database, does not open.

Format 1 bound applications to their UUID only; such blobs are opened once more, by
`reseal_legacy`, when the kiosk re-seals them at start-up, and never otherwise.

The 32-byte data key comes from the key store through kiosk.security.guard, which
checks it against the database first; the Sealer never creates one.
"""

from __future__ import annotations

import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.errors import KioskError
from kiosk.security.keys import KEY_BYTES

NONCE_BYTES = 12  # 96 bits, random per message
FORMAT_VERSION = 2
LEGACY_VERSION = 1  # bound to the submission UUID alone


class SealBroken(KioskError):
    """A sealed record that cannot be opened: another key, or bytes changed on disk."""


class Sealer:
    """Seals and unseals JSON-able dicts with the office's data key."""

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError(f"a data key is {KEY_BYTES} bytes")
        self._cipher = AESGCM(key)

    def __repr__(self) -> str:
        return "Sealer()"

    def seal(self, obj: dict[str, Any], aad: str) -> bytes:
        """`obj` as JSON, encrypted and authenticated together with `aad`."""
        plaintext = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        return self._encrypt(plaintext.encode("utf-8"), aad)

    def unseal(self, blob: bytes, aad: str) -> dict[str, Any]:
        """The dict sealed with `aad`; raises SealBroken for anything else."""
        return _decoded(self._decrypt(blob, aad, FORMAT_VERSION))

    def reseal_legacy(self, blob: bytes, legacy_aad: str, aad: str) -> bytes:
        """A format-1 blob sealed again in the current format, bound to `aad`."""
        return self._encrypt(self._decrypt(blob, legacy_aad, LEGACY_VERSION), aad)

    def _encrypt(self, plaintext: bytes, aad: str) -> bytes:
        header = bytes([FORMAT_VERSION])
        nonce = os.urandom(NONCE_BYTES)
        return header + nonce + self._cipher.encrypt(nonce, plaintext, header + _utf8(aad))

    def _decrypt(self, blob: bytes, aad: str, version: int) -> bytes:
        header = bytes([version])
        if len(blob) < len(header) + NONCE_BYTES or not blob.startswith(header):
            raise SealBroken("not a sealed record of the expected format")
        nonce = blob[len(header) : len(header) + NONCE_BYTES]
        try:
            return self._cipher.decrypt(
                nonce, blob[len(header) + NONCE_BYTES :], header + _utf8(aad)
            )
        except InvalidTag:
            raise SealBroken("the sealed record does not open with this key") from None


def is_legacy(blob: bytes) -> bool:
    """A blob of format 1, to be re-sealed."""
    return blob[:1] == bytes([LEGACY_VERSION])


def _utf8(aad: str) -> bytes:
    return aad.encode("utf-8")


def _decoded(plaintext: bytes) -> dict[str, Any]:
    try:
        obj = json.loads(plaintext.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SealBroken("the sealed record is not JSON") from None
    if not isinstance(obj, dict):
        raise SealBroken("the sealed record is not an object")
    return obj
