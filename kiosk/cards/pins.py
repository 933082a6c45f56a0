"""Staff PINs: the policy (six digits, no repeats or runs) and peppered scrypt hashes.

A six-digit PIN has a million values: scrypt alone makes each guess cost tens of
milliseconds, which a stolen database file shrugs off (516 guesses, 19 s). So the PIN
is first keyed with the office's PIN pepper (HMAC-SHA256; kiosk.security.keys, kept in
the key store and never in the database), and only then hashed: the database alone
cracks nothing.

Stored forms, ``scheme$n$r$p$salt$digest`` with base64 salt and digest:

- ``scrypt-hmac``: scrypt(HMAC(pepper, PIN), salt), what every new PIN gets;
- ``scrypt-wrapped``: HMAC(pepper, scrypt(PIN, salt)), a hash made before the pepper
  existed, wrapped at start-up (it needs no PIN), and replaced by ``scrypt-hmac`` at the
  member's next sign-in;
- ``scrypt``: scrypt(PIN, salt) from before the pepper. Never accepted for a sign-in:
  whoever can write the database could otherwise set a PIN they know.

Every check costs one scrypt and one HMAC, whatever the form, so the time taken tells
nothing about which form a member has.
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
SCHEME = "scrypt-hmac"
WRAPPED_SCHEME = "scrypt-wrapped"
LEGACY_SCHEME = "scrypt"


@dataclass(frozen=True)
class ScryptCost:
    """scrypt's work factors; about 16 MiB and a few tens of milliseconds by default."""

    n: int = 2**14
    r: int = 8
    p: int = 1


DEFAULT_COST = ScryptCost()
# A stored hash names its own cost; one edited in the database must not make a sign-in
# allocate more than this (scrypt needs 128 * n * r bytes) or take minutes.
MAX_MEMORY = 64 * 1024 * 1024
MAX_P = 4
_DUMMY_SALT = bytes(SALT_BYTES)


@dataclass(frozen=True)
class _Stored:
    scheme: str
    cost: ScryptCost
    salt: bytes
    digest: bytes

    def text(self) -> str:
        cost = self.cost
        parts = [self.scheme, str(cost.n), str(cost.r), str(cost.p)]
        return "$".join([*parts, _b64(self.salt), _b64(self.digest)])


def check_pin_policy(pin: str) -> None:
    """Raise WeakPin unless `pin` is six ASCII digits, not all one digit, not a run."""
    if len(pin) != PIN_LENGTH or not all(c in "0123456789" for c in pin):
        raise WeakPin(WeakPin.NOT_SIX_DIGITS)
    if len(set(pin)) == 1:
        raise WeakPin(WeakPin.ALL_SAME)
    steps = {int(b) - int(a) for a, b in itertools.pairwise(pin)}
    if steps in ({1}, {-1}):
        raise WeakPin(WeakPin.SEQUENCE)


class PinHasher:
    """Hashes and checks PINs with the office's pepper."""

    def __init__(self, pepper: bytes, cost: ScryptCost = DEFAULT_COST) -> None:
        self._pepper = pepper
        self._cost = cost

    def __repr__(self) -> str:
        return "PinHasher()"

    def hash(self, pin: str) -> str:
        salt = os.urandom(SALT_BYTES)
        digest = _scrypt(self._keyed(pin.encode("utf-8")), salt, self._cost)
        return _Stored(SCHEME, self._cost, salt, digest).text()

    def verify(self, pin: str, stored: str) -> bool:
        """True when `pin` matches `stored`; a damaged or unpeppered hash never matches."""
        parsed = _parsed(stored)
        if parsed is None or parsed.scheme == LEGACY_SCHEME:
            # as slow as a real check: the time taken tells nothing about the hash
            _scrypt(self._keyed(pin.encode("utf-8")), _DUMMY_SALT, DEFAULT_COST)
            return False
        if parsed.scheme == SCHEME:
            actual = _scrypt(self._keyed(pin.encode("utf-8")), parsed.salt, parsed.cost)
        else:
            actual = self._keyed(_scrypt(pin.encode("utf-8"), parsed.salt, parsed.cost))
        return hmac.compare_digest(actual, parsed.digest)

    def wrap_legacy(self, stored: str) -> str | None:
        """An unpeppered hash keyed with the pepper (no PIN needed); None for any other."""
        parsed = _parsed(stored)
        if parsed is None or parsed.scheme != LEGACY_SCHEME:
            return None
        wrapped = _Stored(WRAPPED_SCHEME, parsed.cost, parsed.salt, self._keyed(parsed.digest))
        return wrapped.text()

    def _keyed(self, data: bytes) -> bytes:
        return hmac.new(self._pepper, data, hashlib.sha256).digest()


def needs_rehash(stored: str) -> bool:
    """A hash to replace with a fresh one at the next sign-in (the PIN is known then)."""
    parsed = _parsed(stored)
    return parsed is None or parsed.scheme != SCHEME


def is_legacy(stored: str) -> bool:
    parsed = _parsed(stored)
    return parsed is not None and parsed.scheme == LEGACY_SCHEME


def _parsed(stored: str) -> _Stored | None:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        parsed = _Stored(
            scheme,
            ScryptCost(int(n), int(r), int(p)),
            base64.b64decode(salt, validate=True),
            base64.b64decode(digest, validate=True),
        )
    except (ValueError, binascii.Error):
        return None
    known = parsed.scheme in (SCHEME, WRAPPED_SCHEME, LEGACY_SCHEME)
    return parsed if known and _sane(parsed.cost) else None


def _sane(cost: ScryptCost) -> bool:
    power_of_two = cost.n > 1 and cost.n & (cost.n - 1) == 0
    memory = 128 * cost.n * cost.r
    return power_of_two and cost.r >= 1 and memory <= MAX_MEMORY and 1 <= cost.p <= MAX_P


def _scrypt(data: bytes, salt: bytes, cost: ScryptCost) -> bytes:
    return hashlib.scrypt(
        data,
        salt=salt,
        n=cost.n,
        r=cost.r,
        p=cost.p,
        maxmem=256 * cost.n * cost.r,
        dklen=HASH_BYTES,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
