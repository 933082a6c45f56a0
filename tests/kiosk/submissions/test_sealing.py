"""Sealing: AES-256-GCM round trips, tampering and wrong keys, and the key's life."""

from __future__ import annotations

import base64

import pytest

from kiosk.security.sealing import DATA_KEY_NAME, NONCE_BYTES, SealBroken, Sealer
from tests.helpers.secrets import MemorySecretStore

SUBMISSION_ID = "6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e"
RECORD = {"answers": {"nama": "Siti Nurhaliza", "alamat": "Jl. Melati 5, RT 02/RW 03"}, "n": 1}


@pytest.fixture
def store() -> MemorySecretStore:
    return MemorySecretStore()


@pytest.fixture
def sealer(store: MemorySecretStore) -> Sealer:
    return Sealer(store)


def test_a_sealed_record_opens_with_its_submission_id(sealer: Sealer) -> None:
    blob = sealer.seal(RECORD, SUBMISSION_ID)
    assert sealer.unseal(blob, SUBMISSION_ID) == RECORD
    assert b"Siti" not in blob and b"Melati" not in blob
    assert blob[0] == 1  # the format version


def test_every_seal_has_its_own_nonce(sealer: Sealer) -> None:
    first, second = sealer.seal(RECORD, SUBMISSION_ID), sealer.seal(RECORD, SUBMISSION_ID)
    assert first[1 : 1 + NONCE_BYTES] != second[1 : 1 + NONCE_BYTES]
    assert first != second


def test_another_submission_id_does_not_open_it(sealer: Sealer) -> None:
    blob = sealer.seal(RECORD, SUBMISSION_ID)
    with pytest.raises(SealBroken):
        sealer.unseal(blob, "00000000-0000-4000-8000-000000000000")


@pytest.mark.parametrize("position", [0, 1, 12, 13, 20, -1])
def test_a_changed_byte_is_noticed(sealer: Sealer, position: int) -> None:
    blob = bytearray(sealer.seal(RECORD, SUBMISSION_ID))
    blob[position] ^= 0x01
    with pytest.raises(SealBroken):
        sealer.unseal(bytes(blob), SUBMISSION_ID)


@pytest.mark.parametrize("blob", [b"", b"\x01", b"\x01" + bytes(12), b"\x02" + bytes(40)])
def test_short_or_unknown_blobs_are_refused(sealer: Sealer, blob: bytes) -> None:
    with pytest.raises(SealBroken):
        sealer.unseal(blob, SUBMISSION_ID)


def test_another_key_does_not_open_it(sealer: Sealer) -> None:
    blob = sealer.seal(RECORD, SUBMISSION_ID)
    with pytest.raises(SealBroken):
        Sealer(MemorySecretStore()).unseal(blob, SUBMISSION_ID)


def test_the_key_is_created_once_in_the_store_and_reused(store: MemorySecretStore) -> None:
    assert store.get_secret(DATA_KEY_NAME) is None
    first = Sealer(store)
    blob = first.seal(RECORD, SUBMISSION_ID)
    first.seal(RECORD, SUBMISSION_ID)
    assert store.writes == 1
    assert len(base64.b64decode(store.values[DATA_KEY_NAME], validate=True)) == 32

    second = Sealer(store)  # a restart: the key comes from the store again
    assert second.unseal(blob, SUBMISSION_ID) == RECORD
    assert store.writes == 1


def test_ensure_key_creates_it_without_sealing(store: MemorySecretStore) -> None:
    Sealer(store).ensure_key()
    assert DATA_KEY_NAME in store.values


@pytest.mark.parametrize("stored", ["not base64!", base64.b64encode(b"short").decode()])
def test_an_unusable_stored_key_is_refused(stored: str) -> None:
    sealer = Sealer(MemorySecretStore({DATA_KEY_NAME: stored}))
    with pytest.raises(SealBroken):
        sealer.seal(RECORD, SUBMISSION_ID)


def test_the_repr_shows_no_key(sealer: Sealer, store: MemorySecretStore) -> None:
    sealer.ensure_key()
    assert store.values[DATA_KEY_NAME] not in repr(sealer)
