"""Signed documents from the centre (the service catalogue): Ed25519 over exact bytes.

The centre signs the bytes of a payload and sends both; the kiosk verifies the
signature with the key it learnt at enrolment before it parses anything, so a
catalogue changed on the way, or served by someone else, is refused whole.
"""

from __future__ import annotations

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.errors import KioskError

_CONTEXT = b"anjungan signed document v1\x00"  # a signature over a catalogue means only that


class SignatureInvalid(KioskError):
    """A payload whose signature does not verify with the centre's key."""


def sign(payload: bytes, key: Ed25519PrivateKey) -> bytes:
    return key.sign(_CONTEXT + payload)


def verify(payload: bytes, signature: bytes, key: Ed25519PublicKey) -> None:
    """Returns only if `signature` is the centre's over `payload`."""
    try:
        key.verify(signature, _CONTEXT + payload)
    except InvalidSignature:
        raise SignatureInvalid("the signature does not match the centre's key") from None


def signing_key_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def signing_key_from_bytes(raw: bytes) -> Ed25519PublicKey:
    """The centre's signing key as sent at enrolment; ValueError if it is not one."""
    return Ed25519PublicKey.from_public_bytes(raw)
