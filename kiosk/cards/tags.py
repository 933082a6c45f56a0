"""Card tags as stored: an HMAC-SHA256 fingerprint of the normalised tag, never the tag.

EM4100 tags are short (40 bits), so a plain hash could be reversed by trying them all;
keying it with the office's card key (kiosk.security.keys, kept in the key store) stops
that for anyone holding only the database file. Losing the key means registering cards
again, so the key guard refuses to replace it while cards are registered.
"""

from __future__ import annotations

import hashlib
import hmac

from kiosk.cards.errors import InvalidTag
from kiosk.security.keys import CARD_KEY_NAME

__all__ = ["CARD_KEY_NAME", "TagFingerprinter", "normalise_tag"]

TAG_DIGITS = 10  # the RDM6300's ten hex digits: version byte and 32-bit id
HEX_DIGITS = frozenset("0123456789ABCDEF")


def normalise_tag(text: str) -> str:
    """Ten upper-case hex digits; spaces and a leading/trailing blank are forgiven."""
    tag = "".join(text.split()).upper()
    if len(tag) != TAG_DIGITS or not HEX_DIGITS.issuperset(tag):
        raise InvalidTag()
    return tag


class TagFingerprinter:
    """Turns tags into fingerprints with the office's card key."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def __repr__(self) -> str:
        return "TagFingerprinter()"

    def fingerprint(self, tag: str) -> str:
        normalised = normalise_tag(tag)
        return hmac.new(self._key, normalised.encode("ascii"), hashlib.sha256).hexdigest()
