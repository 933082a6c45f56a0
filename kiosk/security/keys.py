"""The office's keys: their names in the key store, their material, and check values.

Three random 32-byte keys protect what the database holds: the data key seals citizens'
answers and card holders' NIK and name (AES-256-GCM), the card key turns card tags into
fingerprints (HMAC-SHA256), and the PIN pepper keys staff PIN hashes (HMAC before
scrypt), so that the database file alone opens nothing and cracks no PIN. The keys live
only in the key store (the OS keyring, or systemd credentials on an appliance); the
database keeps a check value of each, so that a missing or different key is noticed
before anything is sealed with it (see kiosk.security.guard).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
from dataclasses import dataclass

from kiosk.errors import KioskError

DATA_KEY_NAME = "anjungan-data-key-v1"
CARD_KEY_NAME = "anjungan-card-key-v1"
PIN_PEPPER_NAME = "anjungan-pin-pepper-v1"
OFFICE_KEY_NAMES = (DATA_KEY_NAME, CARD_KEY_NAME, PIN_PEPPER_NAME)

KEY_BYTES = 32
CHECK_LABEL = b"anjungan key check v1"
CHECK_HEX_DIGITS = 32  # 128 bits of HMAC: tells keys apart, says nothing about them


class KeyDamaged(KioskError):
    """A key in the key store that is not 32 bytes of base64: it was edited by hand."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"the key {name} in the key store {problem}")
        self.name = name


@dataclass(frozen=True)
class OfficeKeys:
    """The three keys, checked against the database (kiosk.security.guard.KeyGuard)."""

    data: bytes
    card: bytes
    pin_pepper: bytes

    def __repr__(self) -> str:
        return "OfficeKeys(...)"  # never the key material, not even in a traceback

    @classmethod
    def generate(cls) -> OfficeKeys:
        """Fresh random keys (the tests' and the demo's; the kiosk's come from its store)."""
        return cls(new_key(), new_key(), new_key())


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)


def key_text(key: bytes) -> str:
    """How a key is kept in the store: base64 text."""
    return base64.b64encode(key).decode("ascii")


def key_from_text(name: str, text: str) -> bytes:
    """The key stored as `text`; KeyDamaged when it is not a key."""
    try:
        key = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise KeyDamaged(name, "is not base64") from None
    if len(key) != KEY_BYTES:
        raise KeyDamaged(name, f"is not {KEY_BYTES} bytes")
    return key


def check_value(key: bytes) -> str:
    """A value the database may keep to recognise `key` without learning anything of it."""
    return hmac.new(key, CHECK_LABEL, hashlib.sha256).hexdigest()[:CHECK_HEX_DIGITS]
