"""Signed catalogues: the kiosk accepts only the exact bytes the centre signed."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.sync.signatures import (
    SignatureInvalid,
    sign,
    signing_key_bytes,
    signing_key_from_bytes,
    verify,
)

PAYLOAD = b'{"services":[{"id":"sk_domisili","version":3}]}'


def test_a_signed_payload_verifies() -> None:
    key = Ed25519PrivateKey.generate()
    public = signing_key_from_bytes(signing_key_bytes(key.public_key()))
    verify(PAYLOAD, sign(PAYLOAD, key), public)


def test_a_changed_payload_is_refused() -> None:
    key = Ed25519PrivateKey.generate()
    with pytest.raises(SignatureInvalid):
        verify(PAYLOAD.replace(b"3", b"4"), sign(PAYLOAD, key), key.public_key())


def test_another_signer_is_refused() -> None:
    with pytest.raises(SignatureInvalid):
        stranger = Ed25519PrivateKey.generate()
        verify(PAYLOAD, sign(PAYLOAD, stranger), Ed25519PrivateKey.generate().public_key())


def test_a_bare_ed25519_signature_without_the_context_is_refused() -> None:
    key = Ed25519PrivateKey.generate()
    with pytest.raises(SignatureInvalid):
        verify(PAYLOAD, key.sign(PAYLOAD), key.public_key())
