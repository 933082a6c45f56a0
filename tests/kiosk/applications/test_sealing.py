"""Sealing: AES-256-GCM round trips, tampering, wrong keys, and the first format's re-seal."""

from __future__ import annotations

import pytest

from kiosk.security.keys import new_key
from kiosk.security.sealing import NONCE_BYTES, SealBroken, Sealer, is_legacy
from tests.helpers.sealing import legacy_seal

SUBMISSION_ID = "6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e"
RECORD = {"answers": {"nama": "Siti Nurhaliza", "alamat": "Jl. Melati 5, RT 02/RW 03"}, "n": 1}


@pytest.fixture
def key() -> bytes:
    return new_key()


@pytest.fixture
def sealer(key: bytes) -> Sealer:
    return Sealer(key)


def test_a_sealed_record_opens_with_its_associated_data(sealer: Sealer) -> None:
    blob = sealer.seal(RECORD, SUBMISSION_ID)
    assert sealer.unseal(blob, SUBMISSION_ID) == RECORD
    assert b"Siti" not in blob and b"Melati" not in blob
    assert blob[0] == 2  # the format version
    assert not is_legacy(blob)


def test_every_seal_has_its_own_nonce(sealer: Sealer) -> None:
    first, second = sealer.seal(RECORD, SUBMISSION_ID), sealer.seal(RECORD, SUBMISSION_ID)
    assert first[1 : 1 + NONCE_BYTES] != second[1 : 1 + NONCE_BYTES]
    assert first != second


def test_other_associated_data_does_not_open_it(sealer: Sealer) -> None:
    blob = sealer.seal(RECORD, SUBMISSION_ID)
    with pytest.raises(SealBroken):
        sealer.unseal(blob, "00000000-0000-4000-8000-000000000000")


@pytest.mark.parametrize("position", [0, 1, 12, 13, 20, -1])
def test_a_changed_byte_is_noticed(sealer: Sealer, position: int) -> None:
    blob = bytearray(sealer.seal(RECORD, SUBMISSION_ID))
    blob[position] ^= 0x01
    with pytest.raises(SealBroken):
        sealer.unseal(bytes(blob), SUBMISSION_ID)


@pytest.mark.parametrize("blob", [b"", b"\x02", b"\x02" + bytes(12), b"\x03" + bytes(40)])
def test_short_or_unknown_blobs_are_refused(sealer: Sealer, blob: bytes) -> None:
    with pytest.raises(SealBroken):
        sealer.unseal(blob, SUBMISSION_ID)


def test_another_key_does_not_open_it(sealer: Sealer) -> None:
    blob = sealer.seal(RECORD, SUBMISSION_ID)
    with pytest.raises(SealBroken):
        Sealer(new_key()).unseal(blob, SUBMISSION_ID)


def test_a_first_format_blob_is_never_opened_as_a_current_one(key: bytes) -> None:
    old = legacy_seal(key, RECORD, SUBMISSION_ID)
    assert is_legacy(old)
    with pytest.raises(SealBroken):
        Sealer(key).unseal(old, SUBMISSION_ID)


def test_a_first_format_blob_is_resealed_to_new_associated_data(key: bytes) -> None:
    old = legacy_seal(key, RECORD, SUBMISSION_ID)
    new = Sealer(key).reseal_legacy(old, SUBMISSION_ID, "bound-to-more")
    assert Sealer(key).unseal(new, "bound-to-more") == RECORD
    with pytest.raises(SealBroken):
        Sealer(key).reseal_legacy(old, "another-id", "bound-to-more")
    with pytest.raises(SealBroken):
        Sealer(new_key()).reseal_legacy(old, SUBMISSION_ID, "bound-to-more")


def test_a_data_key_is_32_bytes_and_the_repr_shows_none_of_it(key: bytes) -> None:
    with pytest.raises(ValueError):
        Sealer(key[:16])
    assert key.hex() not in repr(Sealer(key)) and repr(Sealer(key)) == "Sealer()"
