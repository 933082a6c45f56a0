"""Fixtures of submissions: a sealer on an in-memory secret store, the service, a form."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session, sessionmaker

from kiosk.applications.store import ApplicationStore
from kiosk.catalogue.model import ServiceDefinition
from kiosk.security.keys import new_key
from kiosk.security.sealing import Sealer
from kiosk.wizard import CompletedForm
from kiosk.wizard.form import JsonAnswer
from tests.helpers.definitions import MALE_NIK, sample_definition
from tests.helpers.stubs import FakeClock
from tests.kiosk.conftest import OFFICE_NAME


@pytest.fixture(scope="session")
def definition() -> ServiceDefinition:
    return sample_definition()


@pytest.fixture
def data_key() -> bytes:
    return new_key()


@pytest.fixture
def sealer(data_key: bytes) -> Sealer:
    return Sealer(data_key)


@pytest.fixture
def submissions(
    sessions: sessionmaker[Session], sealer: Sealer, clock: FakeClock
) -> ApplicationStore:
    return ApplicationStore(sessions, sealer, clock, OFFICE_NAME, "Asia/Jakarta")


def make_form(
    nik: str | None = MALE_NIK, name: str = "Budi Santoso", assisted: bool = False
) -> CompletedForm:
    answers: dict[str, JsonAnswer] = {"nama": name, "provinsi": "32", "dokumen": ["ktp"]}
    if nik:
        answers["nik"] = nik
    return CompletedForm(
        service_id="layanan-uji",
        service_version=3,
        answers=answers,
        assisted=assisted,
        language="id",
        nik=nik,
        consented_at=datetime(2024, 5, 6, 2, 0, tzinfo=UTC),
    )
