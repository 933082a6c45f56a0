"""Tracking codes: short, unambiguous, readable aloud, with a check symbol.

A code is seven random symbols and a check symbol, written ``XXXX-XXXX``, in
Douglas Crockford's base32 alphabet (digits and letters without I, L, O and U,
so that nothing reads as 1, 0 or a rude word). The check symbol is the
weighted sum of the seven symbols' values modulo 32 with odd weights 1, 3, 5,
... 13: an odd weight is invertible modulo 32, so every single wrong symbol
(including a wrong check symbol) changes the check and is caught. Most swaps of
two neighbours are caught too, but not all (a difference of 16 slips through);
Crockford's mod-37 check would catch those, at the price of check symbols such
as ``*`` and ``~`` that cannot be read aloud. 32**7 (about 3.4e10) codes leave
collisions rare; the store retries on one.
"""

from __future__ import annotations

import re
import secrets

from kiosk.applications.errors import InvalidTrackingCode

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
VALUES = {symbol: value for value, symbol in enumerate(ALPHABET)}
CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
PAYLOAD_LENGTH = 7
GROUP = 4
WEIGHTS = tuple(2 * position + 1 for position in range(PAYLOAD_LENGTH))
QR_PREFIX = "ANJUNGAN:S:"  # what Receipt.qr_payload puts before the code
IGNORED = re.compile(r"[\s\-.]")


def check_symbol(payload: str) -> str:
    """The check symbol of seven canonical symbols."""
    total = sum(weight * VALUES[symbol] for weight, symbol in zip(WEIGHTS, payload, strict=True))
    return ALPHABET[total % len(ALPHABET)]


def new_tracking_code() -> str:
    """A fresh random code such as ``K7QM-2XHD``."""
    payload = "".join(secrets.choice(ALPHABET) for _ in range(PAYLOAD_LENGTH))
    return _formatted(payload + check_symbol(payload))


def normalise_tracking_code(text: str) -> str:
    """The canonical ``XXXX-XXXX`` form of what a person typed or read out.

    Lower case, spaces, dashes and dots are accepted; O is read as 0, I and L as 1.
    Raises InvalidTrackingCode when the result is not a code or its check fails.
    """
    symbols = IGNORED.sub("", text).upper().translate(CONFUSABLE)
    if len(symbols) != PAYLOAD_LENGTH + 1 or any(symbol not in VALUES for symbol in symbols):
        raise InvalidTrackingCode("not a tracking code")
    if check_symbol(symbols[:PAYLOAD_LENGTH]) != symbols[PAYLOAD_LENGTH]:
        raise InvalidTrackingCode("the check symbol does not match")
    return _formatted(symbols)


def tracking_code_from_scan(text: str) -> str:
    """The code in a scanned receipt QR (``ANJUNGAN:S:K7QM-2XHD``) or a bare code."""
    stripped = text.strip()
    if stripped.upper().startswith(QR_PREFIX):
        stripped = stripped[len(QR_PREFIX) :]
    return normalise_tracking_code(stripped)


def _formatted(symbols: str) -> str:
    return f"{symbols[:GROUP]}-{symbols[GROUP:]}"
