"""Carrying the office's keys to another PC in a passphrase-wrapped file."""

from __future__ import annotations

import json

import pytest

from kiosk.security.key_transfer import KeyTransferError, export_bundle, import_bundle
from kiosk.security.keys import DATA_KEY_NAME, key_from_text, key_text, new_key
from kiosk.security.sealing import Sealer
from tests.helpers.secrets import MemorySecretStore

PASSPHRASE = "sawah hijau di lereng"
NAMES = (DATA_KEY_NAME, "anjungan-card-key-v1")


def data_sealer(store: MemorySecretStore) -> Sealer:
    stored = store.get_secret(DATA_KEY_NAME)
    assert stored is not None
    return Sealer(key_from_text(DATA_KEY_NAME, stored))


@pytest.fixture
def kiosk_pc() -> MemorySecretStore:
    store = MemorySecretStore()
    store.set_secret(DATA_KEY_NAME, key_text(new_key()))
    store.set_secret("anjungan-card-key-v1", "kartu-rahasia")
    return store


def test_a_counter_pc_opens_what_the_kiosk_sealed(kiosk_pc: MemorySecretStore) -> None:
    blob = data_sealer(kiosk_pc).seal({"nik": "3201010101010001"}, "submission-1")
    counter_pc = MemorySecretStore()
    result = import_bundle(
        counter_pc, export_bundle(kiosk_pc, NAMES, PASSPHRASE), PASSPHRASE, NAMES
    )
    assert sorted(result.written) == sorted(NAMES)
    assert data_sealer(counter_pc).unseal(blob, "submission-1") == {"nik": "3201010101010001"}
    assert counter_pc.get_secret("anjungan-card-key-v1") == "kartu-rahasia"


def test_the_file_holds_no_key_in_clear(kiosk_pc: MemorySecretStore) -> None:
    bundle = export_bundle(kiosk_pc, NAMES, PASSPHRASE)
    for value in kiosk_pc.values.values():
        assert value.encode() not in bundle
    assert json.loads(bundle)["kdf"]["name"] == "scrypt"


def test_a_wrong_passphrase_or_a_changed_file_is_refused(kiosk_pc: MemorySecretStore) -> None:
    bundle = export_bundle(kiosk_pc, NAMES, PASSPHRASE)
    with pytest.raises(KeyTransferError, match="wrong passphrase"):
        import_bundle(MemorySecretStore(), bundle, "sawah hijau di lereng!", NAMES)
    fields = json.loads(bundle)
    fields["kdf"]["n"] = 2**10  # a weaker KDF slipped into the header
    with pytest.raises(KeyTransferError, match="other settings"):
        import_bundle(MemorySecretStore(), json.dumps(fields).encode(), PASSPHRASE, NAMES)
    with pytest.raises(KeyTransferError, match="not an Anjungan key file"):
        import_bundle(MemorySecretStore(), b"\x00garbage", PASSPHRASE, NAMES)


def test_another_key_already_here_is_kept_unless_replace(kiosk_pc: MemorySecretStore) -> None:
    bundle = export_bundle(kiosk_pc, NAMES, PASSPHRASE)
    used_pc = MemorySecretStore({DATA_KEY_NAME: key_text(new_key())})
    own_key = used_pc.get_secret(DATA_KEY_NAME)
    with pytest.raises(KeyTransferError, match=DATA_KEY_NAME):
        import_bundle(used_pc, bundle, PASSPHRASE, NAMES)
    assert used_pc.get_secret(DATA_KEY_NAME) == own_key
    assert used_pc.get_secret("anjungan-card-key-v1") is None  # nothing half-imported
    import_bundle(used_pc, bundle, PASSPHRASE, NAMES, replace=True)
    assert used_pc.get_secret(DATA_KEY_NAME) == kiosk_pc.get_secret(DATA_KEY_NAME)


def test_importing_twice_changes_nothing(kiosk_pc: MemorySecretStore) -> None:
    bundle = export_bundle(kiosk_pc, NAMES, PASSPHRASE)
    result = import_bundle(kiosk_pc, bundle, PASSPHRASE, NAMES)
    assert result.written == () and sorted(result.unchanged) == sorted(NAMES)


def test_short_passphrases_and_empty_pcs_are_refused(kiosk_pc: MemorySecretStore) -> None:
    with pytest.raises(KeyTransferError, match="at least 12"):
        export_bundle(kiosk_pc, NAMES, "pendek")
    with pytest.raises(KeyTransferError, match="no keys yet"):
        export_bundle(MemorySecretStore(), NAMES, PASSPHRASE)


def test_only_the_office_keys_are_imported(kiosk_pc: MemorySecretStore) -> None:
    kiosk_pc.set_secret("some-other-service-token", "ditanam")
    bundle = export_bundle(kiosk_pc, (*NAMES, "some-other-service-token"), PASSPHRASE)
    counter_pc = MemorySecretStore()
    with pytest.raises(KeyTransferError, match="unknown keys: some-other-service-token"):
        import_bundle(counter_pc, bundle, PASSPHRASE, NAMES)
    assert counter_pc.values == {}


def test_a_check_refuses_before_anything_is_written(kiosk_pc: MemorySecretStore) -> None:
    bundle = export_bundle(kiosk_pc, NAMES, PASSPHRASE)
    counter_pc = MemorySecretStore()
    seen: list[dict[str, str]] = []

    def refuse(values: dict[str, str]) -> None:
        seen.append(dict(values))
        raise KeyTransferError("these keys do not open this database")

    with pytest.raises(KeyTransferError, match="do not open"):
        import_bundle(counter_pc, bundle, PASSPHRASE, NAMES, replace=True, check=refuse)
    assert counter_pc.values == {} and seen == [kiosk_pc.values]


def test_a_cut_nonce_is_a_damaged_file(kiosk_pc: MemorySecretStore) -> None:
    fields = json.loads(export_bundle(kiosk_pc, NAMES, PASSPHRASE))
    fields["nonce"] = ""
    with pytest.raises(KeyTransferError, match="damaged"):
        import_bundle(MemorySecretStore(), json.dumps(fields).encode(), PASSPHRASE, NAMES)
