"""The outbox on its way out: sealed for the centre in batches, answers kept exactly once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.applications.models import Application, ApplicationEvent, OutboxItem
from kiosk.applications.store import ApplicationStore
from kiosk.applications.types import ApplicationStatus
from kiosk.security.sealing import Sealer
from kiosk.sync.outbox import ITEM_OVERHEAD, MAX_ITEMS, UNREADABLE, apply_results, next_batch
from kiosk.sync.sealing import content_digest, open_at_centre
from kiosk.sync.wire import ItemResult, UploadItem
from tests.helpers.definitions import MALE_NIK
from tests.helpers.stubs import FakeClock
from tests.kiosk.sync.conftest import store_applications


@dataclass
class Scene:
    sessions: sessionmaker[Session]
    store: ApplicationStore
    sealer: Sealer
    centre_key: X25519PrivateKey
    clock: FakeClock


@pytest.fixture
def scene(
    sessions: sessionmaker[Session],
    store: ApplicationStore,
    sealer: Sealer,
    centre_key: X25519PrivateKey,
    clock: FakeClock,
) -> Scene:
    return Scene(sessions, store, sealer, centre_key, clock)


def batch_of(scene: Scene, max_bytes: int = 1_000_000) -> list[UploadItem]:
    with scene.sessions() as session:
        key = scene.centre_key.public_key()
        batch = next_batch(session, scene.sealer, key, max_bytes, scene.clock.now())
        session.commit()
    return list(batch.items)


def answer(sessions: sessionmaker[Session], clock: FakeClock, results: list[ItemResult]) -> None:
    with sessions() as session:
        apply_results(session, results, clock.now())
        session.commit()


def outbox_rows(sessions: sessionmaker[Session]) -> list[OutboxItem]:
    with sessions() as session:
        return list(session.scalars(select(OutboxItem).order_by(OutboxItem.id)))


def status_of(sessions: sessionmaker[Session], application_id: str) -> Application:
    with sessions() as session:
        return session.get_one(Application, application_id)


def test_the_centre_opens_each_item_under_its_own_label(
    scene: Scene,
) -> None:
    store = scene.store
    ids = store_applications(store, 3)
    items = batch_of(scene)
    assert [item.label.application_id for item in items] == ids
    for item in items:
        content = open_at_centre(item.envelope, item.label, scene.centre_key)
        assert content["nik"] == MALE_NIK and content["answers"]["nama"].startswith("Warga")
        assert content["assisted"] is False and content["created_at"].endswith("Z")
        assert item.label.service_id == "layanan-uji" and item.label.service_version == 3
        assert MALE_NIK.encode() not in item.envelope


def test_sealing_again_gives_new_bytes_but_the_same_content(
    scene: Scene,
) -> None:
    store = scene.store
    store_applications(store, 1)
    first, again = (
        batch_of(scene)[0],
        batch_of(scene)[0],
    )
    assert first.envelope != again.envelope
    opened = [open_at_centre(i.envelope, i.label, scene.centre_key) for i in (first, again)]
    assert content_digest(opened[0]) == content_digest(opened[1])  # a retry is a duplicate


def test_a_batch_stays_within_its_byte_budget_but_always_carries_one(
    scene: Scene,
) -> None:
    store = scene.store
    store_applications(store, 5)
    assert len(batch_of(scene, max_bytes=10)) == 1
    one = len(batch_of(scene, max_bytes=10)[0].envelope)
    assert len(batch_of(scene, max_bytes=3 * (one + ITEM_OVERHEAD) + 10)) == 3


def test_a_batch_holds_at_most_the_contracts_hundred(
    scene: Scene,
) -> None:
    store = scene.store
    store_applications(store, MAX_ITEMS + 3)
    assert len(batch_of(scene)) == MAX_ITEMS


def test_answers_mark_rows_sent_once_and_move_the_applications(
    scene: Scene,
) -> None:
    sessions, store, clock = scene.sessions, scene.store, scene.clock
    accepted, duplicate, rejected, conflict = store_applications(store, 4)
    results = [
        ItemResult(accepted, "accepted", "received", None, None),
        ItemResult(duplicate, "duplicate", "ready", None, None),
        ItemResult(rejected, "rejected", None, "unknown-service", "Layanan tidak dikenal."),
        ItemResult(conflict, "conflict", None, "other-content", "Stored with other content."),
    ]
    clock.advance(minutes=5)
    answer(sessions, clock, results)
    rows = {row.submission_id: row for row in outbox_rows(sessions)}
    assert {row.outcome for row in rows.values()} == {
        "accepted",
        "duplicate",
        "rejected",
        "conflict",
    }
    assert all(row.sent_at == clock.now() and row.attempts == 1 for row in rows.values())
    assert status_of(sessions, accepted).status == ApplicationStatus.SENT
    assert status_of(sessions, duplicate).status == ApplicationStatus.READY
    refused = status_of(sessions, rejected)
    assert refused.status == ApplicationStatus.REJECTED
    assert refused.status_message == {"en": "Layanan tidak dikenal."}
    assert status_of(sessions, conflict).status == ApplicationStatus.RECEIVED
    assert batch_of(scene) == []

    clock.advance(minutes=5)
    answer(sessions, clock, results)  # the same answer again (a retried batch)
    assert [row.sent_at for row in outbox_rows(sessions)] == [
        clock.now() - timedelta(minutes=5)
    ] * 4
    with sessions() as session:
        events = session.scalars(select(ApplicationEvent.status)).all()
    assert len(events) == 4 + 3  # one at finalise each, one per move


def test_a_row_that_does_not_open_is_set_aside_and_the_rest_go(
    scene: Scene,
) -> None:
    sessions, store = scene.sessions, scene.store
    broken, fine = store_applications(store, 2)
    with sessions() as session:
        row = session.get_one(Application, broken)
        row.sealed = row.sealed[:-1] + bytes([row.sealed[-1] ^ 1])
        session.commit()
    items = batch_of(scene)
    assert [item.label.application_id for item in items] == [fine]
    assert [row.outcome for row in outbox_rows(sessions)] == [UNREADABLE, None]
    assert [item.label.application_id for item in batch_of(scene)] == [fine]


@pytest.mark.parametrize("outcome", ["accepted", "duplicate"])
def test_a_later_status_is_never_taken_back_by_a_late_answer(
    sessions: sessionmaker[Session],
    store: ApplicationStore,
    clock: FakeClock,
    outcome: str,
) -> None:
    (application,) = store_applications(store, 1)
    with sessions() as session:
        session.get_one(Application, application).status = ApplicationStatus.READY
        session.commit()
    answer(sessions, clock, [ItemResult(application, outcome, "received", None, None)])
    assert status_of(sessions, application).status == ApplicationStatus.READY
