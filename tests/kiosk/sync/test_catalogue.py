"""A catalogue from the centre: taken whole only if signed by the centre and every service loads."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session, sessionmaker

from kiosk.applications.desk import ApplicationDesk
from kiosk.applications.store import ApplicationStore
from kiosk.catalogue.live import LiveCatalogue
from kiosk.catalogue.paths import default_catalogue_dir
from kiosk.security.sealing import Sealer
from kiosk.sync.catalogue import store, stored, verified
from kiosk.sync.errors import CatalogueRefused
from kiosk.sync.models import CatalogueDocument
from kiosk.sync.signatures import sign, signing_key_bytes
from kiosk.sync.wire import SignedDocument
from tests.helpers.stubs import FakeClock, RecordingPrinter
from tests.kiosk.conftest import OFFICE_NAME

SKU = "surat-keterangan-usaha"
BROKEN = "id: rusak\nversion: 1\ntitle: {id: X}\nfields: 3\n"


def source(name: str, version: int | None = None) -> str:
    text = (default_catalogue_dir() / f"{name}.yaml").read_text(encoding="utf-8")
    return text if version is None else text.replace("\nversion: 1\n", f"\nversion: {version}\n")


def payload(*services: tuple[str, int, str], version: str = "v1") -> bytes:
    entries = [{"id": sid, "version": ver, "source": text} for sid, ver, text in services]
    return json.dumps(
        {"version": version, "issued_at": "2026-12-05T00:00:00Z", "services": entries}
    ).encode()


@pytest.fixture(scope="module")
def centre() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def signed(body: bytes, key: Ed25519PrivateKey) -> SignedDocument:
    return SignedDocument(body, sign(body, key), None)


def public(key: Ed25519PrivateKey) -> bytes:
    return signing_key_bytes(key.public_key())


def test_a_signed_catalogue_loads_every_service(centre: Ed25519PrivateKey) -> None:
    body = payload(
        (SKU, 1, source(SKU)), ("surat-pengantar-skck", 1, source("surat-pengantar-skck"))
    )
    catalogue = verified(signed(body, centre), public(centre))
    assert catalogue.version == "v1"
    assert set(catalogue.definitions) == {SKU, "surat-pengantar-skck"}
    assert catalogue.definitions[SKU].title["id"] == "Surat Keterangan Usaha (SKU)"


@pytest.mark.parametrize(
    "tamper",
    [
        lambda body, key: SignedDocument(body.replace(b"v1", b"v2"), sign(body, key), None),
        lambda body, key: signed(body, Ed25519PrivateKey.generate()),
        lambda body, key: SignedDocument(body, b"\x00" * 64, None),
        lambda body, key: SignedDocument(body, b"short", None),
    ],
    ids=["changed-payload", "other-signer", "zero-signature", "short-signature"],
)
def test_a_catalogue_the_centre_did_not_sign_is_refused(centre: Ed25519PrivateKey, tamper) -> None:  # type: ignore[no-untyped-def]
    body = payload((SKU, 1, source(SKU)))
    with pytest.raises(CatalogueRefused, match="signature"):
        verified(tamper(body, centre), public(centre))


@pytest.mark.parametrize(
    "body",
    [
        payload(
            (SKU, 1, source(SKU)),
            ("rusak", 1, "id: rusak\nversion: 1\ntitle: {id: X}\nfields: 3\n"),
        ),
        payload((SKU, 2, source(SKU))),  # says version 2, the text is version 1
        payload((SKU, 1, source(SKU)), (SKU, 1, source(SKU))),
        b"\xff not json",
        json.dumps({"version": 3, "services": []}).encode(),
        json.dumps({"version": "v1", "services": [{"id": SKU}]}).encode(),
        json.dumps([1, 2]).encode(),
    ],
    ids=[
        "one-broken",
        "mislabelled",
        "twice",
        "not-json",
        "bad-version",
        "no-source",
        "not-object",
    ],
)
def test_a_signed_catalogue_that_does_not_load_is_refused_whole(
    centre: Ed25519PrivateKey, body: bytes
) -> None:
    with pytest.raises(CatalogueRefused):
        verified(signed(body, centre), public(centre))


def test_the_stored_catalogue_is_verified_again_at_each_start(
    sessions: sessionmaker[Session], centre: Ed25519PrivateKey
) -> None:
    document = signed(payload((SKU, 1, source(SKU))), centre)
    with sessions() as session:
        store(session, document, "v1", datetime(2026, 12, 5, tzinfo=UTC))
        session.commit()
        loaded = stored(session, public(centre))
        assert loaded is not None and set(loaded.definitions) == {SKU}
        session.query(CatalogueDocument).one().payload = document.payload.replace(b"SKU", b"SKX")
        session.commit()
        assert stored(session, public(centre)) is None  # changed in the database: not offered
        assert stored(session, public(Ed25519PrivateKey.generate())) is None


def test_a_new_catalogue_applies_to_the_next_citizen_not_to_a_form_begun(
    sessions: sessionmaker[Session], clock: FakeClock, centre: Ed25519PrivateKey
) -> None:
    first = verified(signed(payload((SKU, 1, source(SKU))), centre), public(centre))
    live = LiveCatalogue(first.definitions)
    store_ = ApplicationStore(sessions, Sealer(bytes(32)), clock, OFFICE_NAME, "Asia/Jakarta")
    desk = ApplicationDesk(live, store_, RecordingPrinter(), clock, "Asia/Jakarta")
    begun = desk.start(SKU, "id", assisted=True)
    newer = verified(
        signed(payload((SKU, 2, source(SKU, 2)), version="v2"), centre), public(centre)
    )
    live.replace(newer.definitions)
    assert begun.definition.version == 1  # the citizen in front of the screen keeps hers
    assert desk.start(SKU, "id", assisted=True).definition.version == 2  # the next one
    assert desk.catalogue()[0].version == 2
