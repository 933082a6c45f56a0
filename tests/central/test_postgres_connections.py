"""The centre's connections to PostgreSQL: a fixed set per worker, and reads outside a
transaction that leave every connection transactional for the next writer.

Runs when KIOSK_TEST_POSTGRES_URL is set (see tests/central/test_postgres.py).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from typing import Any

import pytest
from sqlalchemy import event, func, insert, select, text

from central.centre import Centre
from central.database import POSTGRES_POOL, reading
from central.models import HealthReport
from central.operations import enrolment, statuses
from tests.central.test_health import assert_history_is_the_newest, report
from tests.central.test_postgres import DEADLINE_S, SERVER_URL, pg_centre, pg_url  # noqa: F401
from tests.central.test_receiving import kiosk

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not SERVER_URL, reason="KIOSK_TEST_POSTGRES_URL is not set"),
]
BURST = 3 * POSTGRES_POOL  # as many requests at once as a worker's threads could run


def burst(centre: Centre) -> None:
    """BURST requests at once, each holding its connection a little while."""
    gate = threading.Barrier(BURST)

    def request() -> None:
        gate.wait(DEADLINE_S)
        with centre.sessions() as session:
            session.execute(text("SELECT pg_sleep(0.05)"))

    with ThreadPoolExecutor(BURST) as pool:
        for done in [pool.submit(request) for _ in range(BURST)]:
            done.result(DEADLINE_S)


def test_a_burst_of_requests_shares_a_fixed_set_of_connections(pg_centre: Centre) -> None:  # noqa: F811
    opened: list[Any] = []
    event.listen(pg_centre.engine, "connect", lambda connection, _record: opened.append(connection))
    burst(pg_centre)
    assert 0 < len(opened) <= POSTGRES_POOL  # the rest waited for a connection
    assert pg_centre.engine.pool.checkedin() == POSTGRES_POOL  # kept open, not closed
    before = len(opened)
    burst(pg_centre)
    assert len(opened) == before  # the second burst opened none


def test_health_history_keeps_the_newest_on_postgresql(pg_centre: Centre) -> None:  # noqa: F811
    assert_history_is_the_newest(pg_centre)


def test_a_read_outside_a_transaction_leaves_the_pool_transactional(pg_centre: Centre) -> None:  # noqa: F811
    kiosk_id = kiosk(pg_centre)
    token = enrolment.enrol(pg_centre, enrolment.make_code(pg_centre, "Desa B")[0], None).token
    for _ in range(2 * POSTGRES_POOL):  # reads on every connection of the pool, in turn
        enrolment.authenticate(pg_centre, token)
        statuses.changes_after(pg_centre, kiosk_id, 0)
    row = {"kiosk_id": kiosk_id, "at": pg_centre.clock(), "received_at": pg_centre.clock()}
    with ExitStack() as held:
        connections = [held.enter_context(pg_centre.engine.connect()) for _ in range(POSTGRES_POOL)]
        for connection in connections:  # all of them at once: each is one of the pool's
            connection.execute(insert(HealthReport).values(row | {"report": report(1)}))
            connection.rollback()
    with reading(pg_centre.engine) as connection:
        assert connection.execute(select(func.count()).select_from(HealthReport)).scalar() == 0
