"""The signed catalogue: what kiosks verify, what the centre remembers it served."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from central.centre import Centre
from central.errors import SetupError
from central.keys import create_keys
from central.operations.receiving import Outcome, receive_batch
from kiosk.catalogue.loader import load_definition_text
from kiosk.catalogue.paths import default_catalogue_dir
from kiosk.sync.signatures import signing_key_from_bytes, verify
from tests.central.applications import SERVICE_ID, form_content, sealed_item
from tests.central.conftest import StepClock, sqlite_settings
from tests.central.test_receiving import kiosk

SHIPPED = sorted(default_catalogue_dir().glob("*.yaml"))


def test_the_payload_verifies_and_every_source_loads(centre: Centre) -> None:
    signed = centre.signed_catalogue()
    verify(signed.payload, signed.signature, signing_key_from_bytes(centre.keys.signing_public()))
    document = json.loads(signed.payload)
    assert document["version"] == signed.version
    assert document["issued_at"].endswith("Z")
    loaded = [load_definition_text(s["source"]) for s in document["services"]]
    assert [(d.id, d.version) for d in loaded] == [
        (s["id"], s["version"]) for s in document["services"]
    ]
    assert len(loaded) == len(SHIPPED)


def copied_catalogue(tmp_path: Path) -> Path:
    folder = tmp_path / "services"
    folder.mkdir()
    for path in SHIPPED:
        shutil.copy(path, folder)
    return folder


def open_centre(tmp_path: Path, folder: Path, clock: StepClock) -> Centre:
    settings = sqlite_settings(tmp_path, folder)
    create_keys(settings.key_file)
    return Centre.open(settings, migrate=True, clock=clock)


def test_every_worker_signs_the_same_bytes(tmp_path: Path, clock: StepClock) -> None:
    folder = copied_catalogue(tmp_path)
    first = open_centre(tmp_path, folder, clock)
    one = first.serve_catalogue()
    clock.advance(hours=5)
    second = open_centre(tmp_path, folder, clock)
    assert second.serve_catalogue() == one
    first.close()
    second.close()


def test_a_definition_changed_without_a_new_version_is_refused(
    tmp_path: Path, clock: StepClock
) -> None:
    folder = copied_catalogue(tmp_path)
    centre = open_centre(tmp_path, folder, clock)
    centre.serve_catalogue()
    path = folder / f"{SERVICE_ID}.yaml"
    path.write_text(path.read_text().replace("Nama lengkap", "Nama lengkap Anda"))
    with pytest.raises(SetupError, match=f"{SERVICE_ID} version 1 changed"):
        centre.serve_catalogue()
    centre.close()


def test_a_broken_file_is_left_out_and_the_others_are_served(
    tmp_path: Path, clock: StepClock
) -> None:
    folder = copied_catalogue(tmp_path)
    (folder / "rusak.yaml").write_text("id: rusak\nversion: [")
    centre = open_centre(tmp_path, folder, clock)
    services = json.loads(centre.serve_catalogue().payload)["services"]
    assert len(services) == len(SHIPPED)
    centre.close()


def test_an_older_version_still_checks_applications_made_with_it(
    tmp_path: Path, clock: StepClock
) -> None:
    folder = copied_catalogue(tmp_path)
    centre = open_centre(tmp_path, folder, clock)
    centre.serve_catalogue()
    path = folder / f"{SERVICE_ID}.yaml"
    newer = (
        path.read_text()
        .replace("version: 1", "version: 2", 1)
        .replace("name: nama", "name: nama_lengkap")
    )
    path.write_text(newer)
    version = json.loads(centre.serve_catalogue().payload)
    assert {s["version"] for s in version["services"] if s["id"] == SERVICE_ID} == {2}
    key = X25519PublicKey.from_public_bytes(centre.keys.sealing_public())
    kiosk_id = kiosk(centre)
    old = receive_batch(centre, kiosk_id, [sealed_item(form_content(), key, service_version=1)])
    new = receive_batch(centre, kiosk_id, [sealed_item(form_content(), key, service_version=2)])
    assert old[0].outcome is Outcome.ACCEPTED
    assert (new[0].outcome, new[0].reason_code) == (Outcome.REJECTED, "unknown-field")  # nama
    centre.close()


def test_a_missing_catalogue_folder_is_a_setup_error(tmp_path: Path, clock: StepClock) -> None:
    centre = open_centre(tmp_path, tmp_path / "nowhere", clock)
    with pytest.raises(SetupError, match="does not exist"):
        centre.serve_catalogue()
    centre.close()
