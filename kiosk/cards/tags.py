"""Card tags as stored: an HMAC-SHA256 fingerprint of the normalised tag, never the tag.

EM4100 tags are short (40 bits), so a plain hash could be reversed by trying them all;
keying it with a random secret kept in the SecretStore (the OS keyring) stops that for
anyone holding only the database file. Losing the key means registering cards again.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import threading

from kiosk.cards.errors import CardError, InvalidTag
from kiosk.ports import SecretStore

CARD_KEY_NAME = "anjungan-card-key-v1"
KEY_BYTES = 32
TAG_DIGITS = 10  # the RDM6300's ten hex digits: version byte and 32-bit id
HEX_DIGITS = frozenset("0123456789ABCDEF")


class CardKeyBroken(CardError):
    """The card key in the secret store is missing or damaged."""


def normalise_tag(text: str) -> str:
    """Ten upper-case hex digits; spaces and a leading/trailing blank are forgiven."""
    tag = "".join(text.split()).upper()
    if len(tag) != TAG_DIGITS or not HEX_DIGITS.issuperset(tag):
        raise InvalidTag()
    return tag


class TagFingerprinter:
    """Turns tags into fingerprints with the key from the SecretStore (made on first use)."""

    def __init__(self, secrets: SecretStore, key_name: str = CARD_KEY_NAME) -> None:
        self._secrets = secrets
        self._key_name = key_name
        self._key: bytes | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"TagFingerprinter(key_name={self._key_name!r})"

    def fingerprint(self, tag: str) -> str:
        normalised = normalise_tag(tag)
        return hmac.new(self._load_key(), normalised.encode("ascii"), hashlib.sha256).hexdigest()

    def _load_key(self) -> bytes:
        with self._lock:
            if self._key is None:
                self._key = self._load_or_create()
            return self._key

    def _load_or_create(self) -> bytes:
        stored = self._secrets.get_secret(self._key_name)
        if stored is None:
            self._secrets.set_secret(
                self._key_name, base64.b64encode(os.urandom(KEY_BYTES)).decode()
            )
            stored = self._secrets.get_secret(self._key_name)
            if stored is None:
                raise CardKeyBroken("the secret store did not keep the card key")
        try:
            key = base64.b64decode(stored.encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError):
            raise CardKeyBroken("the card key in the secret store is not base64") from None
        if len(key) != KEY_BYTES:
            raise CardKeyBroken(f"the card key in the secret store is not {KEY_BYTES} bytes")
        return key
