"""The centre on PostgreSQL under a burst: a worker keeps a fixed set of connections.

Runs when KIOSK_TEST_POSTGRES_URL is set (see tests/central/test_postgres.py).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import event, text

from central.centre import Centre
from central.database import POSTGRES_POOL
from tests.central.test_health import assert_history_is_the_newest
from tests.central.test_postgres import DEADLINE_S, SERVER_URL, pg_centre, pg_url  # noqa: F401

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
