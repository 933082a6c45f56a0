"""The centre on PostgreSQL: races a single SQLite writer never has.

Runs when KIOSK_TEST_POSTGRES_URL names a server the tests may create databases on;
each test gets its own database, dropped after it.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import URL, make_url

from central.centre import Centre
from central.database import create_engine_for
from central.keys import create_keys
from central.migrate import VERSION_TABLE, upgrade
from central.models import Application, StatusChange
from central.operations.receiving import Outcome, receive_batch
from central.operations.statuses import Status, _next_seq, changes_after, set_status
from central.settings import Settings
from kiosk.catalogue.paths import default_catalogue_dir
from kiosk.sync.sealing import content_digest, public_key_from_bytes
from tests.central.applications import as_json, form_content, sealed_item
from tests.central.conftest import StepClock
from tests.central.live import enrol as enrol_over_http
from tests.central.live import start, stop
from tests.central.test_receiving import kiosk

SERVER_URL = os.environ.get("KIOSK_TEST_POSTGRES_URL", "")
DEADLINE_S = 60.0

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not SERVER_URL, reason="KIOSK_TEST_POSTGRES_URL is not set"),
]


@pytest.fixture
def pg_url() -> Iterator[URL]:
    """A brand-new database of our own (not the kiosk tests' schemas), dropped after."""
    name = f"central_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(make_url(SERVER_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(SERVER_URL).set(database=name, drivername="postgresql+psycopg")
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg_centre(pg_url: URL, tmp_path: Path, clock: StepClock) -> Iterator[Centre]:
    settings = Settings(pg_url, tmp_path / "keys.json", default_catalogue_dir())
    create_keys(settings.key_file)
    centre = Centre.open(settings, migrate=True, clock=clock)
    centre.serve_catalogue()
    yield centre
    centre.close()


def wait_until_blocked(centre: Centre, thread: threading.Thread) -> None:
    """Until another backend of this database waits for a lock (or the thread ended)."""
    query = text(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    deadline = time.monotonic() + DEADLINE_S
    with centre.engine.connect() as connection:
        while time.monotonic() < deadline and thread.is_alive():
            if connection.execute(query).scalar_one() > 0:
                return
            time.sleep(0.05)
    raise AssertionError("the second transaction never waited for the first")


def in_thread(work: Callable[[], Any]) -> tuple[threading.Thread, list[Any]]:
    results: list[Any] = []
    thread = threading.Thread(target=lambda: results.append(work()))
    thread.start()
    return thread, results


def test_migrations_run_once_when_four_start_together(pg_url: URL) -> None:
    engines = [create_engine_for(pg_url) for _ in range(4)]
    try:
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(upgrade, engines))
        with engines[0].connect() as connection:
            versions = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).all()
    finally:
        for engine in engines:
            engine.dispose()
    assert [row[0] for row in versions] == ["0001"]


def test_a_racing_request_with_the_same_uuid_answers_duplicate(pg_centre: Centre) -> None:
    kiosk_id = kiosk(pg_centre)
    centre_key = public_key_from_bytes(pg_centre.keys.sealing_public())
    content = form_content()
    item = sealed_item(content, centre_key)
    with pg_centre.sessions.begin() as first:  # the first request, not yet committed
        first.add(
            Application(
                id=item.id,
                kiosk_id=kiosk_id,
                tracking_code=item.tracking_code,
                service_id=item.service_id,
                service_version=item.service_version,
                created_at=item.created_at,
                received_at=pg_centre.clock(),
                content_sha256=content_digest(content),
                envelope=item.envelope,
                status=Status.RECEIVED.value,
                status_changed_at=pg_centre.clock(),
            )
        )
        first.flush()
        thread, results = in_thread(lambda: receive_batch(pg_centre, kiosk_id, [item]))
        wait_until_blocked(pg_centre, thread)
    thread.join(DEADLINE_S)
    [[second]] = results
    assert (second.outcome, second.status) == (Outcome.DUPLICATE, Status.RECEIVED)
    with pg_centre.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Application)) == 1


def test_status_changes_commit_in_the_order_of_their_seq(pg_centre: Centre) -> None:
    kiosk_id = kiosk(pg_centre)
    centre_key = public_key_from_bytes(pg_centre.keys.sealing_public())
    items = [sealed_item(form_content(), centre_key) for _ in range(2)]
    receive_batch(pg_centre, kiosk_id, items)
    with pg_centre.sessions.begin() as first:  # a status change holding seq 1, not committed
        seq = _next_seq(first)
        first.add(
            StatusChange(
                seq=seq,
                application_id=items[0].id,
                kiosk_id=kiosk_id,
                status=Status.IN_PROCESS.value,
                at=pg_centre.clock(),
            )
        )
        first.flush()
        thread, results = in_thread(lambda: set_status(pg_centre, items[1].id, Status.READY, None))
        wait_until_blocked(pg_centre, thread)
        assert changes_after(pg_centre, kiosk_id, 0).changes == []  # no seq 2 before seq 1
    thread.join(DEADLINE_S)
    [second] = results
    page = changes_after(pg_centre, kiosk_id, 0)
    assert [(c.seq, c.application_id) for c in page.changes] == [
        (seq, items[0].id),
        (second.seq, items[1].id),
    ]
    assert second.seq == seq + 1


def test_two_workers_answer_a_duplicated_request_once(pg_url: URL, tmp_path: Path) -> None:
    live = start(tmp_path, workers=2, CENTRAL_DATABASE_URL=pg_url.render_as_string(False))
    try:
        credentials = enrol_over_http(live)
        body = {"items": [as_json(sealed_item(form_content(), credentials.sealing_key))]}

        def post() -> str:
            answer = live.post("/v1/applications/batch", credentials.token, json=body)
            assert answer.status_code == 200, answer.text
            return str(answer.json()["results"][0]["outcome"])

        with ThreadPoolExecutor(8) as pool:
            outcomes = sorted(pool.map(lambda _: post(), range(8)))
    finally:
        stop(live)
    assert outcomes == ["accepted"] + ["duplicate"] * 7
