"""Fixtures of the end-to-end sync tests: one real centre per module, a fresh kiosk per test."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from central.models import Application, Kiosk
from central.operations import enrolment
from tests.central.live import LiveCentre, start, stop
from tests.helpers.database import migrate_and_seed, sqlite_url
from tests.sync.kiosk_side import SyncingKiosk

_names = itertools.count(1)


@pytest.fixture(scope="session")
def kiosk_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kiosk-template") / "anjungan.db"
    migrate_and_seed(sqlite_url(path))
    return path


@pytest.fixture(scope="module")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveCentre]:
    """`central serve` as a real process on loopback (SQLite), for the whole module."""
    live = start(tmp_path_factory.mktemp("centre"))
    yield live
    stop(live)


def centre_ids(centre: LiveCentre, kiosk_name: str) -> list[str]:
    """Every application the centre holds from this kiosk, one entry per row, sorted."""
    opened = centre.centre()
    try:
        with opened.sessions() as session:
            query = (
                select(Application.id)
                .join(Kiosk, Kiosk.id == Application.kiosk_id)
                .where(Kiosk.name == kiosk_name)
            )
            return sorted(str(row) for row in session.scalars(query))
    finally:
        opened.close()


def code_for(centre: LiveCentre, name: str) -> str:
    opened = centre.centre()
    try:
        code, _ = enrolment.make_code(opened, name)
    finally:
        opened.close()
    return code


@pytest.fixture
def kiosk(centre: LiveCentre, kiosk_template: Path, tmp_path: Path) -> SyncingKiosk:
    """A fresh kiosk enrolled with the module's centre under a name of its own."""
    kiosk = SyncingKiosk.fresh(kiosk_template, tmp_path / "kiosk")
    name = f"Anjungan uji {next(_names)} ({tmp_path.name})"
    kiosk.enrol(centre.url, code_for(centre, name), name)
    return kiosk
