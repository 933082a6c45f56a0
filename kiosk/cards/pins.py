"""Staff PINs: the policy (six digits, no repeats or runs) and scrypt hashes.

A hash is stored as ``scrypt$n$r$p$salt$hash`` (base64 salt and hash), so that
stronger parameters can be chosen later without breaking the PINs already set.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import itertools
import os
from dataclasses import dataclass

from kiosk.cards.errors import WeakPin

PIN_LENGTH = 6
SALT_BYTES = 16
HASH_BYTES = 32
SCHEME = "scrypt"


@dataclass(frozen=True)
class ScryptCost:
    """scrypt's work factors; about 16 MiB and a few tens of milliseconds by default."""

    n: int = 2**14
    r: int = 8
    p: int = 1


DEFAULT_COST = ScryptCost()


def check_pin_policy(pin: str) -> None:
    """Raise WeakPin unless `pin` is six ASCII digits, not all one digit, not a run."""
    if len(pin) != PIN_LENGTH or not all(c in "0123456789" for c in pin):
        raise WeakPin(WeakPin.NOT_SIX_DIGITS)
    if len(set(pin)) == 1:
        raise WeakPin(WeakPin.ALL_SAME)
    steps = {int(b) - int(a) for a, b in itertools.pairwise(pin)}
    if steps in ({1}, {-1}):
        raise WeakPin(WeakPin.SEQUENCE)


def hash_pin(pin: str, cost: ScryptCost = DEFAULT_COST) -> str:
    salt = os.urandom(SALT_BYTES)
    digest = _scrypt(pin, salt, cost)
    parts = [SCHEME, str(cost.n), str(cost.r), str(cost.p), _b64(salt), _b64(digest)]
    return "$".join(parts)


def verify_pin(pin: str, stored: str) -> bool:
    """True when `pin` matches `stored`; a damaged hash never matches."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        cost = ScryptCost(int(n), int(r), int(p))
        expected = base64.b64decode(digest, validate=True)
        actual = _scrypt(pin, base64.b64decode(salt, validate=True), cost)
    except (ValueError, binascii.Error):
        return False
    return scheme == SCHEME and hmac.compare_digest(actual, expected)


def _scrypt(pin: str, salt: bytes, cost: ScryptCost) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"),
        salt=salt,
        n=cost.n,
        r=cost.r,
        p=cost.p,
        maxmem=256 * cost.n * cost.r,
        dklen=HASH_BYTES,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
