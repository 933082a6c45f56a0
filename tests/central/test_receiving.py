"""A batch's outcomes per item, exactly as docs/sync.md gives them."""

from __future__ import annotations

import dataclasses
import uuid
import zlib

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from sqlalchemy import func, select

from central.centre import Centre
from central.models import Application
from central.operations import applications, enrolment
from central.operations.receiving import ItemResult, Outcome, UploadItem, receive_batch
from central.operations.statuses import Status
from kiosk.sync.sealing import ENVELOPE_VERSION, content_digest
from tests.central.applications import SERVICE_ID, form_content, sealed_item


def kiosk(centre: Centre, name: str = "Desa A") -> uuid.UUID:
    code, _ = enrolment.make_code(centre, name)
    return enrolment.enrol(centre, code, "0.1.0").kiosk_id


def stored_count(centre: Centre) -> int:
    with centre.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Application)) or 0)


def test_a_new_application_is_accepted_and_stored_sealed(
    centre: Centre, centre_key: X25519PublicKey
) -> None:
    kiosk_id = kiosk(centre)
    content = form_content()
    item = sealed_item(content, centre_key)
    [result] = receive_batch(centre, kiosk_id, [item])
    assert result == ItemResult(item.id, Outcome.ACCEPTED, Status.RECEIVED)
    with centre.sessions() as session:
        stored = session.get(Application, item.id)
    assert stored is not None
    assert stored.envelope == item.envelope  # as received: sealed for the centre's key
    assert b"Siti Aminah" not in stored.envelope
    assert stored.content_sha256 == content_digest(content)
    assert (stored.kiosk_id, stored.tracking_code, stored.created_at) == (
        kiosk_id,
        item.tracking_code,
        item.created_at,
    )
    assert applications.open_content(centre, item.id) == content


def test_the_same_item_again_is_a_duplicate_with_its_current_status(
    centre: Centre, centre_key: X25519PublicKey
) -> None:
    kiosk_id = kiosk(centre)
    item = sealed_item(form_content(), centre_key)
    receive_batch(centre, kiosk_id, [item])
    resealed = sealed_item(form_content(), centre_key, item.id, tracking_code=item.tracking_code)
    assert resealed.envelope != item.envelope  # HPKE is randomised; the content decides
    [again] = receive_batch(centre, kiosk_id, [resealed])
    assert again == ItemResult(item.id, Outcome.DUPLICATE, Status.RECEIVED)
    assert stored_count(centre) == 1


def test_the_same_id_with_other_content_is_a_conflict_and_the_first_stays(
    centre: Centre, centre_key: X25519PublicKey
) -> None:
    kiosk_id = kiosk(centre)
    item = sealed_item(form_content(), centre_key)
    receive_batch(centre, kiosk_id, [item])
    other = sealed_item(form_content(assisted=True), centre_key, item.id)
    [result] = receive_batch(centre, kiosk_id, [other])
    assert (result.outcome, result.status, result.reason_code) == (
        Outcome.CONFLICT,
        None,
        "conflict-content",
    )
    assert result.reason
    assert applications.open_content(centre, item.id)["assisted"] is False


def test_the_same_id_from_another_kiosk_is_a_conflict(
    centre: Centre, centre_key: X25519PublicKey
) -> None:
    first, second = kiosk(centre, "Desa A"), kiosk(centre, "Desa B")
    item = sealed_item(form_content(), centre_key)
    receive_batch(centre, first, [item])
    [result] = receive_batch(centre, second, [item])
    assert (result.outcome, result.reason_code) == (Outcome.CONFLICT, "conflict-kiosk")


def test_one_id_twice_in_one_batch_is_stored_once(
    centre: Centre, centre_key: X25519PublicKey
) -> None:
    item = sealed_item(form_content(), centre_key)
    changed = sealed_item(form_content(assisted=True), centre_key, item.id)
    outcomes = [r.outcome for r in receive_batch(centre, kiosk(centre), [item, item, changed])]
    assert outcomes == [Outcome.ACCEPTED, Outcome.DUPLICATE, Outcome.CONFLICT]
    assert stored_count(centre) == 1


def rejection(centre: Centre, item: UploadItem) -> tuple[Outcome, str | None]:
    [result] = receive_batch(centre, kiosk(centre, f"Desa {uuid.uuid4()}"), [item])
    if result.outcome is Outcome.REJECTED:
        assert result.status is None
        assert result.reason and "3171011708450001" not in result.reason
    return result.outcome, result.reason_code


def test_an_envelope_under_another_label_is_rejected(
    centre: Centre, centre_key: X25519PublicKey
) -> None:
    item = sealed_item(form_content(), centre_key)
    moved = dataclasses.replace(item, tracking_code="ZZZZ-ZZZZ")
    assert rejection(centre, moved) == (Outcome.REJECTED, "envelope-broken")
    other_version = dataclasses.replace(item, service_version=2)
    assert rejection(centre, other_version) == (Outcome.REJECTED, "envelope-broken")


def test_envelopes_for_another_key_or_not_decoded_are_rejected(centre: Centre) -> None:
    stranger = X25519PrivateKey.generate().public_key()
    assert rejection(centre, sealed_item(form_content(), stranger)) == (
        Outcome.REJECTED,
        "envelope-broken",
    )
    garbage = dataclasses.replace(sealed_item(form_content(), stranger), envelope=None)
    assert rejection(centre, garbage) == (Outcome.REJECTED, "envelope-broken")
    assert stored_count(centre) == 0


def test_a_compression_bomb_is_rejected(centre: Centre, centre_key: X25519PublicKey) -> None:
    from kiosk.sync.sealing import _SUITE, Label

    item = sealed_item(form_content(), centre_key)
    bomb = zlib.compress(b"{" + b" " * (64 * 1024 * 1024) + b"}", 9)  # 64 MiB of nothing
    label = Label(str(item.id), item.tracking_code, item.service_id, item.service_version)
    envelope = bytes([ENVELOPE_VERSION]) + _SUITE.encrypt(bomb, centre_key, info=label.info())
    bombed = dataclasses.replace(item, envelope=envelope)
    assert rejection(centre, bombed) == (Outcome.REJECTED, "envelope-broken")


def test_an_unknown_service_or_version_is_rejected(
    centre: Centre, centre_key: X25519PublicKey
) -> None:
    unknown = sealed_item(form_content(), centre_key, service_id="surat-tidak-ada")
    assert rejection(centre, unknown) == (Outcome.REJECTED, "unknown-service")
    newer = sealed_item(form_content(), centre_key, service_version=99)
    assert rejection(centre, newer) == (Outcome.REJECTED, "unknown-service")


@pytest.mark.parametrize(
    ("answers", "code"),
    [
        ({"warna_favorit": "biru"}, "unknown-field"),  # not a field of the service
        ({"nama": None}, "missing-answer"),  # required and asked
        ({"keperluan": "liburan"}, "invalid-answer"),  # not one of the choices
        ({"no_hp": "12"}, "invalid-answer"),  # not a phone number
        ({"nik": "1234567890123456"}, "invalid-answer"),  # fails the NIK's own check
        ({"surat_kehilangan": None}, "missing-answer"),  # asked because keperluan=hilang
    ],
)
def test_answers_that_fail_the_definitions_checks_are_rejected(
    centre: Centre, centre_key: X25519PublicKey, answers: dict[str, object], code: str
) -> None:
    content = form_content()
    content["answers"].update(answers)
    content["answers"] = {k: v for k, v in content["answers"].items() if v is not None}
    assert rejection(centre, sealed_item(content, centre_key)) == (Outcome.REJECTED, code)


def test_a_constraint_is_checked_on_the_day_the_application_was_made(
    centre: Centre, centre_key: X25519PublicKey
) -> None:
    content = form_content()
    content["answers"].update(keperluan="cek_status", tanggal_rekam="2026-12-05")
    del content["answers"]["surat_kehilangan"]
    assert rejection(centre, sealed_item(content, centre_key))[0] is Outcome.ACCEPTED
    content["answers"]["tanggal_rekam"] = "2026-12-07"  # after the day it was made
    outcome, code = rejection(centre, sealed_item(content, centre_key))
    assert (outcome, code) == (Outcome.REJECTED, "invalid-answer")


def test_content_of_the_wrong_shape_is_rejected(
    centre: Centre, centre_key: X25519PublicKey
) -> None:
    for content in ({"answers": []}, form_content(nik=12), form_content(assisted="no")):
        outcome = rejection(centre, sealed_item(content, centre_key))
        assert outcome == (Outcome.REJECTED, "content-malformed")


def test_a_batch_mixes_outcomes_in_request_order(
    centre: Centre, centre_key: X25519PublicKey
) -> None:
    kiosk_id = kiosk(centre)
    known = sealed_item(form_content(), centre_key)
    receive_batch(centre, kiosk_id, [known])
    fresh = sealed_item(form_content(), centre_key)
    broken = dataclasses.replace(sealed_item(form_content(), centre_key), envelope=b"\x01nope")
    results = receive_batch(centre, kiosk_id, [broken, known, fresh])
    assert [(r.id, r.outcome) for r in results] == [
        (broken.id, Outcome.REJECTED),
        (known.id, Outcome.DUPLICATE),
        (fresh.id, Outcome.ACCEPTED),
    ]
    assert {a.service_id for a in applications.list_applications(centre)} == {SERVICE_ID}
