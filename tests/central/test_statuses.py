"""Statuses an operator sets, and the pages of changes a kiosk pulls after its cursor."""

from __future__ import annotations

import uuid

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from central.centre import Centre
from central.errors import NotFound, Refused
from central.operations import applications
from central.operations.receiving import Outcome, receive_batch
from central.operations.statuses import Status, changes_after, set_status
from tests.central.applications import form_content, sealed_item
from tests.central.test_receiving import kiosk

READY = {"id": "Surat sudah siap.", "en": "The letter is ready."}


def received(centre: Centre, centre_key: X25519PublicKey, kiosk_id: uuid.UUID) -> uuid.UUID:
    item = sealed_item(form_content(), centre_key)
    [result] = receive_batch(centre, kiosk_id, [item])
    assert result.outcome is Outcome.ACCEPTED
    return item.id


def test_a_status_with_a_message_is_a_change_for_the_kiosk(
    centre: Centre, centre_key: X25519PublicKey
) -> None:
    kiosk_id = kiosk(centre)
    application_id = received(centre, centre_key, kiosk_id)
    change = set_status(centre, application_id, Status.READY, READY)
    page = changes_after(centre, kiosk_id, 0)
    assert page.changes == [change]
    assert (page.cursor, page.more) == (change.seq, False)
    assert (change.status, change.message) == (Status.READY, READY)
    summary = applications.find(centre, change.tracking_code)
    assert (summary.status, summary.status_message) == (Status.READY, READY)


@pytest.mark.parametrize("final", [Status.DONE, Status.REJECTED])
def test_nothing_moves_out_of_a_final_status(
    centre: Centre, centre_key: X25519PublicKey, final: Status
) -> None:
    application_id = received(centre, centre_key, kiosk(centre))
    set_status(centre, application_id, final, {"id": "Selesai."})
    for status in Status:
        with pytest.raises(Refused):
            set_status(centre, application_id, status, {"id": "Lagi."})


def test_received_is_where_an_application_starts_not_a_status_to_set(
    centre: Centre, centre_key: X25519PublicKey
) -> None:
    application_id = received(centre, centre_key, kiosk(centre))
    with pytest.raises(Refused):
        set_status(centre, application_id, Status.RECEIVED, None)
    set_status(centre, application_id, Status.IN_PROCESS, None)
    with pytest.raises(Refused):
        set_status(centre, application_id, Status.RECEIVED, None)


@pytest.mark.parametrize("status", [Status.NEEDS_CITIZEN, Status.REJECTED])
def test_a_status_that_asks_or_refuses_needs_an_indonesian_message(
    centre: Centre, centre_key: X25519PublicKey, status: Status
) -> None:
    application_id = received(centre, centre_key, kiosk(centre))
    for message in (None, {"en": "Bring your family card."}, {"id": "   "}):
        with pytest.raises(Refused):
            set_status(centre, application_id, status, message)
    with pytest.raises(Refused):
        set_status(centre, application_id, status, {"id": "x", "fr": "y"})
    with pytest.raises(Refused):
        set_status(centre, application_id, status, {"id": "x" * 501})
    set_status(centre, application_id, status, {"id": "Bawa Kartu Keluarga."})
    assert applications.find(centre, str(application_id)).status is status


def test_an_unknown_application_is_not_found(centre: Centre) -> None:
    with pytest.raises(NotFound):
        set_status(centre, uuid.uuid4(), Status.READY, None)
    with pytest.raises(NotFound):
        applications.find(centre, "ZZZZ-ZZZZ")


def test_each_kiosk_pages_through_its_own_changes_in_order(
    centre: Centre, centre_key: X25519PublicKey
) -> None:
    mine, theirs = kiosk(centre, "Desa A"), kiosk(centre, "Desa B")
    my_ids = [received(centre, centre_key, mine) for _ in range(5)]
    their_id = received(centre, centre_key, theirs)
    made = []
    for application_id in my_ids:
        made.append(set_status(centre, application_id, Status.IN_PROCESS, None))
        set_status(centre, their_id, Status.NEEDS_CITIZEN, {"id": f"Bawa {len(made)}."})
        made.append(set_status(centre, application_id, Status.READY, READY))
    pulled, cursor, pages = [], 0, 0
    while True:
        page = changes_after(centre, mine, cursor, limit=3)
        pulled += page.changes
        cursor, pages = page.cursor, pages + 1
        if not page.more:
            break
    assert pulled == made
    assert pages == 4  # 3 + 3 + 3 + 1
    assert [c.seq for c in pulled] == sorted(c.seq for c in pulled)
    assert changes_after(centre, mine, cursor).changes == []
    assert changes_after(centre, mine, cursor).cursor == cursor
    assert {c.application_id for c in changes_after(centre, theirs, 0).changes} == {their_id}
