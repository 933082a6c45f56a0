"""Sealing an application for the central service: HPKE (RFC 9180) to the centre's key.

The kiosk compresses an application's content and seals it for the centre's X25519
public key with HPKE base mode (DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
ChaCha20-Poly1305, as implemented by `cryptography`). What the upload says about the
application in the clear (its UUID, tracking code, service id and version) is the HPKE
`info`, so it is bound into the key schedule: an envelope moved to another item, or an
item whose code or service was changed on the way, does not open. A proxy, a
TLS-terminating box or a copy of the upload learns nothing of the answers.

A blob is ``VERSION (1 byte) | HPKE enc | ciphertext and tag``; the version byte is
part of the info too. Version 2 deflates the content with a preset dictionary
(kiosk.sync.dictionary), a third smaller on the wire; version 1 (plain deflate) still
opens. Opening refuses content that inflates beyond MAX_CONTENT_BYTES, so a hostile
upload cannot exhaust the centre's memory.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.hpke import AEAD, KDF, KEM, Suite

from kiosk.errors import KioskError
from kiosk.sync.dictionary import content_dictionary

ENVELOPE_VERSION = 2
OPENABLE_VERSIONS = (1, 2)
SUITE_NAME = "DHKEM(X25519,HKDF-SHA256)/HKDF-SHA256/ChaCha20Poly1305"
MAX_CONTENT_BYTES = 256 * 1024  # one application's answers are a few kilobytes
_SUITE = Suite(KEM.X25519, KDF.HKDF_SHA256, AEAD.CHACHA20_POLY1305)


class EnvelopeBroken(KioskError):
    """An envelope that does not open: another key, another label, or changed bytes."""


@dataclass(frozen=True)
class Label:
    """What an upload item says about its application in the clear."""

    application_id: str  # the kiosk's UUID, the idempotency key
    tracking_code: str
    service_id: str
    service_version: int

    def info(self, version: int = ENVELOPE_VERSION) -> bytes:
        parts = [
            "anjungan application",
            version,
            self.application_id,
            self.tracking_code,
            self.service_id,
            self.service_version,
        ]
        return json.dumps(parts, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def canonical_json(content: dict[str, Any]) -> bytes:
    """One byte string per content: the digest compares contents, not encodings."""
    text = json.dumps(content, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.encode("utf-8")


def content_digest(content: dict[str, Any]) -> str:
    """SHA-256 of the canonical content: same UUID and digest is a duplicate."""
    return hashlib.sha256(canonical_json(content)).hexdigest()


def seal_for_centre(content: dict[str, Any], label: Label, centre_key: X25519PublicKey) -> bytes:
    """`content` compressed and sealed so that only the centre opens it, bound to `label`."""
    deflater = zlib.compressobj(level=9, zdict=content_dictionary())
    compressed = deflater.compress(canonical_json(content)) + deflater.flush()
    return bytes([ENVELOPE_VERSION]) + _SUITE.encrypt(compressed, centre_key, info=label.info())


def open_at_centre(blob: bytes, label: Label, private_key: X25519PrivateKey) -> dict[str, Any]:
    """The content sealed with `label`; EnvelopeBroken for anything else."""
    version = blob[0] if blob else 0
    if version not in OPENABLE_VERSIONS:
        raise EnvelopeBroken("not an envelope of a known version")
    try:
        compressed = _SUITE.decrypt(blob[1:], private_key, info=label.info(version))
    except Exception:  # cryptography raises InvalidTag, ValueError or its own errors here
        raise EnvelopeBroken("the envelope does not open for this label and key") from None
    return _inflated(compressed, content_dictionary() if version >= 2 else b"")


def _inflated(compressed: bytes, dictionary: bytes) -> dict[str, Any]:
    inflater = zlib.decompressobj(zdict=dictionary) if dictionary else zlib.decompressobj()
    try:
        plaintext = inflater.decompress(compressed, MAX_CONTENT_BYTES)
    except zlib.error:
        raise EnvelopeBroken("the envelope's content is not compressed data") from None
    if inflater.unconsumed_tail or not inflater.eof:
        raise EnvelopeBroken("the envelope's content is too large or cut short")
    try:
        content = json.loads(plaintext.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise EnvelopeBroken("the envelope's content is not JSON") from None
    if not isinstance(content, dict):
        raise EnvelopeBroken("the envelope's content is not an object")
    return content


def public_key_bytes(key: X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_from_bytes(raw: bytes) -> X25519PublicKey:
    """The centre's sealing key as sent at enrolment; ValueError if it is not one."""
    return X25519PublicKey.from_public_bytes(raw)
