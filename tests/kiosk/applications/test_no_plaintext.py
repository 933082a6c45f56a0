"""Nothing leaks: a planted NIK and name are neither in the database files nor in the logs."""

from __future__ import annotations

import logging
import secrets
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from stdnum.id import nik as stdnum_nik

from kiosk.applications.store import ApplicationStore
from kiosk.catalogue.model import ServiceDefinition
from kiosk.wizard import Wizard
from tests.helpers.stubs import FakeClock
from tests.kiosk.wizard.conftest import ANSWERS, complete


def planted_nik() -> str:
    """A valid NIK (Kota Bandung, a random 1970s birth date) no other test uses."""
    day, month = secrets.randbelow(28) + 1, secrets.randbelow(12) + 1
    year, serial = 70 + secrets.randbelow(10), 1000 + secrets.randbelow(9000)
    number = f"327301{day:02d}{month:02d}{year:02d}{serial:04d}"
    assert stdnum_nik.is_valid(number)
    return number


def planted_name() -> str:
    return f"Sumarni Plantedname {secrets.token_hex(6)}"


def database_files(db_url: str) -> list[Path]:
    path = Path(db_url.removeprefix("sqlite:///"))
    return [candidate for candidate in (path, Path(f"{path}-wal")) if candidate.exists()]


def assert_absent(needles: list[str], files: list[Path]) -> None:
    for file in files:
        data = file.read_bytes()
        for needle in needles:
            for encoding in ("utf-8", "utf-16-le"):
                assert needle.encode(encoding) not in data, f"{needle!r} in {file.name}"


def test_a_finalised_submission_leaves_no_plaintext_in_the_files_or_logs(
    db_url: str,
    engine: Engine,
    sessions: sessionmaker[Session],
    submissions: ApplicationStore,
    definition: ServiceDefinition,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    nik, name = planted_nik(), planted_name()
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="sqlalchemy.engine")  # every statement and row

    wizard = Wizard(definition, "id", clock, assisted=True)
    complete(wizard, {**ANSWERS, "nik": nik, "nama": name})
    receipt = submissions.finalise(wizard.result(), definition)
    wizard.wipe()
    submissions.status(receipt.tracking_code)
    assert submissions.receipt(receipt.tracking_code).masked_nik == receipt.masked_nik

    assert any("INSERT INTO submissions" in r.getMessage() for r in caplog.records)  # echo on
    files = database_files(db_url)
    assert any(file.name.endswith("-wal") for file in files)  # the new rows are there now
    assert_absent([nik, name], files)
    engine.dispose()  # checkpoint the WAL into the main file, and look again
    assert_absent([nik, name], database_files(db_url))

    logged = "\n".join(f"{r.getMessage()} {r.args!r} {r.exc_text or ''}" for r in caplog.records)
    assert nik not in logged and name not in logged
    assert nik[4:12] not in logged  # not even the part the masked form hides
