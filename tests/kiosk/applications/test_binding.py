"""An application's answers are bound to its row: tracking code, service id and version."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from kiosk.applications.binding import (
    DATA_KEY_USE,
    open_answers,
    reseal_legacy_applications,
)
from kiosk.applications.models import Application
from kiosk.applications.store import ApplicationStore
from kiosk.catalogue.model import ServiceDefinition
from kiosk.cli.office_keys import upgrade_sealed_data
from kiosk.security.keys import OfficeKeys, new_key
from kiosk.security.sealing import SealBroken, Sealer, is_legacy
from tests.helpers.definitions import FEMALE_NIK, MALE_NIK
from tests.helpers.sealing import legacy_seal
from tests.kiosk.applications.conftest import make_form


def two_applications(
    submissions: ApplicationStore, definition: ServiceDefinition
) -> tuple[str, str]:
    first = submissions.finalise(make_form(nik=MALE_NIK, name="Budi"), definition)
    second = submissions.finalise(make_form(nik=FEMALE_NIK, name="Siti"), definition)
    return first.tracking_code, second.tracking_code


def set_column(sessions: sessionmaker[Session], code: str, **values: object) -> None:
    with sessions() as session:
        session.execute(update(Application).where(Application.tracking_code == code).values(values))
        session.commit()


def test_swapping_two_rows_tracking_codes_opens_neither(
    submissions: ApplicationStore,
    sessions: sessionmaker[Session],
    definition: ServiceDefinition,
) -> None:
    code_a, code_b = two_applications(submissions, definition)
    assert submissions.receipt(code_a).masked_nik == "3273********0001"
    set_column(sessions, code_a, tracking_code="SWAP-TEMP")
    set_column(sessions, code_b, tracking_code=code_a)
    set_column(sessions, "SWAP-TEMP", tracking_code=code_b)
    # Before the binding, code A now printed citizen B's NIK.
    with pytest.raises(SealBroken):
        submissions.receipt(code_a)
    with pytest.raises(SealBroken):
        submissions.receipt(code_b)


@pytest.mark.parametrize("change", [{"service_id": "sktm"}, {"service_version": 99}])
def test_changing_what_a_row_says_it_is_makes_it_refuse_to_open(
    submissions: ApplicationStore,
    sessions: sessionmaker[Session],
    definition: ServiceDefinition,
    change: dict[str, object],
) -> None:
    code, _ = two_applications(submissions, definition)
    with sessions() as session:
        session.execute(update(Application).where(Application.tracking_code == code).values(change))
        session.commit()
        row = session.scalars(select(Application).where(Application.tracking_code == code)).one()
    with pytest.raises(SealBroken):
        submissions.receipt(code)
    assert row.tracking_code == code


def make_legacy(sessions: sessionmaker[Session], sealer_key: bytes) -> list[str]:
    """Seal every stored application again the way the first format did (UUID only)."""
    ids = []
    with sessions() as session:
        for row in session.scalars(select(Application)):
            content = open_answers(Sealer(sealer_key), row)
            row.sealed = legacy_seal(sealer_key, content, row.id)
            ids.append(row.id)
        session.commit()
    return ids


def test_first_format_applications_are_resealed_bound_to_their_row_once(
    sessions: sessionmaker[Session],
    submissions: ApplicationStore,
    definition: ServiceDefinition,
    data_key: bytes,
) -> None:
    code_a, code_b = two_applications(submissions, definition)
    make_legacy(sessions, data_key)
    with pytest.raises(SealBroken):  # a legacy blob is not opened as a current one
        submissions.receipt(code_a)

    keys = replace(OfficeKeys.generate(), data=data_key)
    assert upgrade_sealed_data(sessions, keys) == 2
    assert submissions.receipt(code_a).masked_nik == "3273********0001"
    assert submissions.receipt(code_b).masked_nik == "3273********0002"
    with sessions() as session:
        assert not any(is_legacy(row.sealed) for row in session.scalars(select(Application)))


def test_a_first_format_blob_planted_after_the_upgrade_is_never_adopted(
    sessions: sessionmaker[Session],
    submissions: ApplicationStore,
    definition: ServiceDefinition,
    data_key: bytes,
) -> None:
    """Someone with write access and a backup from before the upgrade puts B's old blob
    on A's row: the next start (the upgrade again) must not bind it to A's code."""
    code_a, _ = two_applications(submissions, definition)
    keys = replace(OfficeKeys.generate(), data=data_key)
    assert upgrade_sealed_data(sessions, keys) == 0  # nothing of the old format yet
    with sessions() as session:
        row = session.scalars(select(Application).where(Application.tracking_code == code_a)).one()
        row.sealed = legacy_seal(data_key, {"nik": "3273015708850002"}, row.id)
        session.commit()
    assert upgrade_sealed_data(sessions, keys) is None  # done once, never again
    with pytest.raises(SealBroken):
        submissions.receipt(code_a)


def test_a_legacy_row_that_does_not_open_is_left_alone(
    sessions: sessionmaker[Session], submissions: ApplicationStore, definition: ServiceDefinition
) -> None:
    code, _ = two_applications(submissions, definition)
    foreign = new_key()  # sealed with a key the kiosk does not have
    with sessions() as session:
        row = session.scalars(select(Application).where(Application.tracking_code == code)).one()
        row.sealed = legacy_seal(foreign, {"nik": MALE_NIK}, row.id)
        session.commit()
    with sessions() as session:
        assert reseal_legacy_applications(session, Sealer(new_key())) == 0
        session.commit()
    with sessions() as session:
        row = session.scalars(select(Application).where(Application.tracking_code == code)).one()
        assert is_legacy(row.sealed)


def test_the_data_key_use_counts_applications_and_tries_a_key_on_them(
    sessions: sessionmaker[Session], submissions: ApplicationStore, definition: ServiceDefinition
) -> None:
    assert DATA_KEY_USE.opens is not None
    with sessions() as session:
        assert DATA_KEY_USE.count(session) == 0
        assert DATA_KEY_USE.opens(session, new_key()) is None  # nothing to try it on
    two_applications(submissions, definition)
    with sessions() as session:
        assert DATA_KEY_USE.count(session) == 2
        assert DATA_KEY_USE.opens(session, new_key()) is False
