"""PostgreSQL fixtures of the core's tests: a fresh schema per test, migrated and seeded.

Imported by tests/kiosk/conftest.py, so every test under tests/kiosk may ask for them.

KIOSK_TEST_POSTGRES_URL names a database the tests may create schemas in, e.g.
``postgresql+psycopg://postgres@127.0.0.1:5432/anjungan_test``; each test gets its own
schema (through ``search_path``) and drops it afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from kiosk.db.engine import create_engine_for
from tests.helpers.database import migrate_and_seed

SERVER_URL = os.environ.get("KIOSK_TEST_POSTGRES_URL", "")
NEEDS_POSTGRES = [
    pytest.mark.postgres,
    pytest.mark.skipif(not SERVER_URL, reason="KIOSK_TEST_POSTGRES_URL is not set"),
]


@pytest.fixture
def empty_url() -> Iterator[str]:
    """A URL whose search_path is a brand-new schema, dropped after the test."""
    schema = f"kiosk_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine_for(SERVER_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(SERVER_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def pg_url(empty_url: str) -> str:
    migrate_and_seed(empty_url)
    return empty_url


@pytest.fixture
def pg_engine(pg_url: str) -> Iterator[Engine]:
    engine = create_engine_for(pg_url)
    yield engine
    engine.dispose()
