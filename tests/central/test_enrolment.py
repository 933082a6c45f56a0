"""Enrolment codes and tokens: once, before they expire, and stored only as SHA-256."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from central.centre import Centre
from central.errors import EnrolmentCodeInvalid, KioskRevoked, NotFound, Unauthenticated
from central.operations import enrolment
from central.settings import Settings
from tests.central.conftest import StepClock


def test_a_code_enrols_one_kiosk_under_the_operators_name(centre: Centre) -> None:
    code, _ = enrolment.make_code(centre, "Kantor Desa Sukamaju, anjungan 1")
    enrolled = enrolment.enrol(centre, code, "0.1.0")
    assert enrolment.authenticate(centre, enrolled.token) == enrolled.kiosk_id
    [kiosk] = enrolment.kiosks(centre)
    assert (kiosk.id, kiosk.name, kiosk.software_version) == (
        enrolled.kiosk_id,
        "Kantor Desa Sukamaju, anjungan 1",
        "0.1.0",
    )
    assert len(enrolled.token) == 43


def test_a_code_works_once(centre: Centre) -> None:
    code, _ = enrolment.make_code(centre, "Desa A")
    enrolment.enrol(centre, code, "0.1.0")
    with pytest.raises(EnrolmentCodeInvalid):
        enrolment.enrol(centre, code, "0.1.0")
    assert len(enrolment.kiosks(centre)) == 1


def test_a_code_is_read_as_typed_without_dashes_or_case(centre: Centre) -> None:
    code, _ = enrolment.make_code(centre, "Desa A")
    enrolled = enrolment.enrol(centre, f" {code.replace('-', ' ').lower()} ", "0.1.0")
    assert enrolment.authenticate(centre, enrolled.token) == enrolled.kiosk_id


def test_an_expired_code_is_refused_like_a_wrong_one(centre: Centre, clock: StepClock) -> None:
    code, _ = enrolment.make_code(centre, "Desa A", hours=2)
    clock.advance(hours=2)
    with pytest.raises(EnrolmentCodeInvalid) as expired:
        enrolment.enrol(centre, code, "0.1.0")
    with pytest.raises(EnrolmentCodeInvalid) as wrong:
        enrolment.enrol(centre, "AAAA-BBBB-CCCC", "0.1.0")
    assert str(expired.value) == str(wrong.value)
    assert enrolment.kiosks(centre) == []


def test_a_code_still_works_just_before_it_expires(centre: Centre, clock: StepClock) -> None:
    code, _ = enrolment.make_code(centre, "Desa A")  # 24 hours by default
    clock.advance(hours=23, minutes=59)
    enrolment.enrol(centre, code, "0.1.0")


def test_unknown_and_missing_tokens_are_unauthenticated(centre: Centre) -> None:
    for token in (None, "", "x" * 43):
        with pytest.raises(Unauthenticated):
            enrolment.authenticate(centre, token)


def test_a_revoked_kiosk_is_refused_at_once(centre: Centre) -> None:
    code, _ = enrolment.make_code(centre, "Desa A")
    enrolled = enrolment.enrol(centre, code, "0.1.0")
    first = enrolment.revoke(centre, enrolled.kiosk_id)
    with pytest.raises(KioskRevoked):
        enrolment.authenticate(centre, enrolled.token)
    assert enrolment.revoke(centre, enrolled.kiosk_id).revoked_at == first.revoked_at
    with pytest.raises(NotFound):
        enrolment.revoke(centre, uuid.uuid4())


def test_neither_code_nor_token_is_in_the_database_file(centre: Centre, settings: Settings) -> None:
    code, _ = enrolment.make_code(centre, "Desa A")
    enrolled = enrolment.enrol(centre, code, "0.1.0")
    centre.close()  # checkpoints the WAL into the file
    database = Path(settings.database_url.database or "")
    stored = b"".join(path.read_bytes() for path in database.parent.glob(database.name + "*"))
    assert enrolment.sha256_hex(enrolled.token).encode() in stored  # the search does find text
    for secret in (code, code.replace("-", ""), enrolled.token):
        assert secret.encode() not in stored
