"""Fixtures of sync: stored applications, the centre's key pair, a sync_state row."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy.orm import Session, sessionmaker

from kiosk.applications.store import ApplicationStore
from kiosk.security.keys import new_key
from kiosk.security.sealing import Sealer
from kiosk.sync.models import STATE_ROW, SyncState
from kiosk.sync.sealing import public_key_bytes
from kiosk.sync.signatures import signing_key_bytes
from tests.helpers.definitions import sample_definition
from tests.helpers.stubs import FakeClock
from tests.kiosk.applications.conftest import make_form
from tests.kiosk.conftest import OFFICE_NAME


@pytest.fixture
def sealer() -> Sealer:
    return Sealer(new_key())


@pytest.fixture(scope="session")
def centre_key() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


@pytest.fixture
def store(sessions: sessionmaker[Session], sealer: Sealer, clock: FakeClock) -> ApplicationStore:
    return ApplicationStore(sessions, sealer, clock, OFFICE_NAME, "Asia/Jakarta")


def store_applications(store: ApplicationStore, count: int) -> list[str]:
    """`count` finalised applications; their UUIDs, oldest first."""
    ids = []
    for number in range(count):
        form = make_form(name=f"Warga {number}")
        ids.append(store.finalise(form, sample_definition()).submission_id)
    return ids


def enrolled(sessions: sessionmaker[Session], centre_key: X25519PrivateKey) -> None:
    with sessions() as session:
        session.add(
            SyncState(
                id=STATE_ROW,
                central_url="https://pusat.example.id",
                kiosk_id="8c1f9a2e-5b7d-4e61-a0f3-9d2c6b1e7a44",
                sealing_key=public_key_bytes(centre_key.public_key()),
                signing_key=signing_key_bytes(Ed25519PrivateKey.generate().public_key()),
                enrolled_at=datetime(2026, 12, 1, tzinfo=UTC),
                status_cursor=0,
            )
        )
        session.commit()
