"""The envelope an application travels in: only the centre opens it, only under its label."""

from __future__ import annotations

import dataclasses
import zlib

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.hpke import AEAD, KDF, KEM, Suite

from kiosk.sync.sealing import (
    ENVELOPE_VERSION,
    MAX_CONTENT_BYTES,
    EnvelopeBroken,
    Label,
    content_digest,
    open_at_centre,
    public_key_bytes,
    public_key_from_bytes,
    seal_for_centre,
)

ANSWERS = {"nama": "Siti Aminah", "alamat": "Jl. Melati 3"}
CONTENT = {"answers": ANSWERS, "nik": "3201014501850001"}
LABEL = Label("6f1c3a0e-8d7b-4a51-9a0e-2b7f5d1c9e44", "K7QM-2XHD", "sk_domisili", 3)


@pytest.fixture(scope="module")
def centre() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


def test_the_centre_opens_what_the_kiosk_sealed(centre: X25519PrivateKey) -> None:
    blob = seal_for_centre(CONTENT, LABEL, centre.public_key())
    assert open_at_centre(blob, LABEL, centre) == CONTENT


def test_the_envelope_does_not_show_the_answers(centre: X25519PrivateKey) -> None:
    blob = seal_for_centre(CONTENT, LABEL, centre.public_key())
    assert b"Siti" not in blob and b"3201014501850001" not in blob
    assert b"Siti" not in zlib.compress(blob)


@pytest.mark.parametrize(
    "changed",
    [
        {"application_id": "00000000-0000-4000-8000-000000000000"},
        {"tracking_code": "AAAA-BBBB"},
        {"service_id": "sktm"},
        {"service_version": 4},
    ],
)
def test_an_envelope_moved_to_another_label_does_not_open(
    centre: X25519PrivateKey, changed: dict[str, object]
) -> None:
    blob = seal_for_centre(CONTENT, LABEL, centre.public_key())
    with pytest.raises(EnvelopeBroken):
        open_at_centre(blob, dataclasses.replace(LABEL, **changed), centre)  # type: ignore[arg-type]


def test_another_key_does_not_open_it(centre: X25519PrivateKey) -> None:
    blob = seal_for_centre(CONTENT, LABEL, centre.public_key())
    with pytest.raises(EnvelopeBroken):
        open_at_centre(blob, LABEL, X25519PrivateKey.generate())


@pytest.mark.parametrize("position", [0, 1, 20, -1])
def test_a_changed_byte_does_not_open(centre: X25519PrivateKey, position: int) -> None:
    blob = bytearray(seal_for_centre(CONTENT, LABEL, centre.public_key()))
    blob[position] ^= 0x01
    with pytest.raises(EnvelopeBroken):
        open_at_centre(bytes(blob), LABEL, centre)


@pytest.mark.parametrize("blob", [b"", b"\x01", b"\x02" + bytes(64), bytes(200)])
def test_garbage_does_not_open(centre: X25519PrivateKey, blob: bytes) -> None:
    with pytest.raises(EnvelopeBroken):
        open_at_centre(blob, LABEL, centre)


def _sealed_raw(plaintext: bytes, centre: X25519PrivateKey) -> bytes:
    """A well-sealed envelope around arbitrary bytes: what a hostile kiosk could send."""
    suite = Suite(KEM.X25519, KDF.HKDF_SHA256, AEAD.CHACHA20_POLY1305)
    return bytes([ENVELOPE_VERSION]) + suite.encrypt(
        plaintext, centre.public_key(), info=LABEL.info()
    )


def test_a_compression_bomb_is_refused(centre: X25519PrivateKey) -> None:
    bomb = zlib.compress(b'{"a":"' + b"x" * (MAX_CONTENT_BYTES * 4) + b'"}', level=9)
    assert len(bomb) < 4096
    with pytest.raises(EnvelopeBroken, match="too large"):
        open_at_centre(_sealed_raw(bomb, centre), LABEL, centre)


@pytest.mark.parametrize(
    "plaintext", [b"not zlib", zlib.compress(b"[1, 2]"), zlib.compress(b"\xff\xfe")]
)
def test_sealed_content_that_is_not_an_object_is_refused(
    centre: X25519PrivateKey, plaintext: bytes
) -> None:
    with pytest.raises(EnvelopeBroken):
        open_at_centre(_sealed_raw(plaintext, centre), LABEL, centre)


def test_the_digest_compares_contents_not_key_order() -> None:
    reordered = {"nik": CONTENT["nik"], "answers": dict(reversed(ANSWERS.items()))}
    assert content_digest(reordered) == content_digest(CONTENT)
    assert content_digest({**CONTENT, "nik": "3201014501850002"}) != content_digest(CONTENT)


def test_the_public_key_travels_as_32_bytes(centre: X25519PrivateKey) -> None:
    raw = public_key_bytes(centre.public_key())
    assert len(raw) == 32
    blob = seal_for_centre(CONTENT, LABEL, public_key_from_bytes(raw))
    assert open_at_centre(blob, LABEL, centre) == CONTENT
