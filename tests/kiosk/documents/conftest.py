"""Fixtures of documents: real migrated SQLite, sealed submissions of shipped services."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session, sessionmaker

from kiosk.applications.store import ApplicationStore
from kiosk.catalogue.model import ServiceDefinition
from kiosk.documents.maker import DocumentMaker
from kiosk.documents.types import Office
from kiosk.security.keys import new_key
from kiosk.security.sealing import Sealer
from kiosk.wizard.form import JsonAnswer
from printing.pdf.documents import PdfDocuments
from tests.helpers.stubs import FakeClock
from tests.kiosk.documents.helpers import complete_answers, form_for, shipped_services

OFFICE = Office(
    name="Pemerintah Desa Sukamaju",
    address="Jl. Raya Sukamaju No. 1, Kecamatan Cibeureum",
    place="Sukamaju",
    head_name="H. Ahmad Suryana",
    head_title="Kepala Desa Sukamaju",
)

Store = Callable[..., str]  # (service_id, **answers) -> tracking code


@pytest.fixture(scope="session")
def definitions() -> dict[str, ServiceDefinition]:
    return shipped_services()


@pytest.fixture
def sealer() -> Sealer:
    return Sealer(new_key())


@pytest.fixture
def documents(
    sessions: sessionmaker[Session],
    sealer: Sealer,
    definitions: dict[str, ServiceDefinition],
    clock: FakeClock,
) -> DocumentMaker:
    renderer = PdfDocuments(compress=False)
    return DocumentMaker(sessions, sealer, definitions, OFFICE, clock, "Asia/Jakarta", renderer)


@pytest.fixture
def store(
    sessions: sessionmaker[Session],
    sealer: Sealer,
    definitions: dict[str, ServiceDefinition],
    clock: FakeClock,
) -> Store:
    """Store a complete submission of a shipped service, some answers replaced."""
    submissions = ApplicationStore(sessions, sealer, clock, OFFICE.name, "Asia/Jakarta")

    def stored(service_id: str, **changes: JsonAnswer | None) -> str:
        definition = definitions[service_id]
        answers = {**complete_answers(definition), **changes}
        kept = {name: value for name, value in answers.items() if value is not None}
        return submissions.finalise(form_for(definition, kept), definition).tracking_code

    return stored
