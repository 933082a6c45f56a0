"""The centre on a temporary SQLite database, with a clock that moves only when told."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from sqlalchemy.engine import make_url

from central.centre import Centre
from central.keys import create_keys
from central.settings import Settings
from kiosk.catalogue.paths import default_catalogue_dir
from kiosk.sync.sealing import public_key_from_bytes
from tests.central.applications import MADE_AT
from tests.central.live import KioskCredentials, LiveCentre, enrol, start, stop


class StepClock:
    def __init__(self, start: datetime = MADE_AT + timedelta(hours=1)) -> None:
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


@pytest.fixture
def clock() -> StepClock:
    return StepClock()


def sqlite_settings(directory: Path, catalogue: Path | None = None) -> Settings:
    return Settings(
        database_url=make_url(f"sqlite:///{directory / 'central.db'}"),
        key_file=directory / "keys.json",
        catalogue_dir=catalogue or default_catalogue_dir(),
    )


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = sqlite_settings(tmp_path)
    create_keys(settings.key_file)
    return settings


@pytest.fixture
def centre(settings: Settings, clock: StepClock) -> Iterator[Centre]:
    centre = Centre.open(settings, migrate=True, clock=clock)
    centre.serve_catalogue()
    yield centre
    centre.close()


@pytest.fixture
def centre_key(centre: Centre) -> X25519PublicKey:
    return public_key_from_bytes(centre.keys.sealing_public())


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveCentre]:
    """One `central serve` process for the API tests (each test enrols its own kiosk)."""
    server = start(tmp_path_factory.mktemp("central"))
    yield server
    stop(server)


@pytest.fixture
def kiosk_credentials(live: LiveCentre) -> KioskCredentials:
    return enrol(live)
