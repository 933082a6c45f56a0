"""`central` as an operator runs it: real processes, exit codes 0/1/2, one-line errors."""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

import pytest

from central.centre import Centre
from central.openapi import COMMITTED
from central.operations import enrolment
from central.operations.receiving import Outcome, receive_batch
from central.settings import Settings
from kiosk.sync.sealing import public_key_from_bytes
from tests.central.applications import form_content, sealed_item
from tests.central.live import central_cli, environment
from tests.helpers.forms import NIK


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = environment(tmp_path)
    assert central_cli(env, "init").returncode == 0
    return env


def assert_one_line_error(result: object, words: str) -> None:
    assert result.returncode == 1
    stderr = str(result.stderr)
    assert stderr.startswith("central: ") and words in stderr, stderr
    assert "Traceback" not in stderr and stderr.count("\n") == 1


def test_init_is_idempotent_and_keeps_the_keys(env: dict[str, str]) -> None:
    key_file = Path(env["CENTRAL_DATA_DIR"]) / "centre-keys.json"
    before = key_file.read_bytes()
    again = central_cli(env, "init")
    assert again.returncode == 0 and "kept as it was" in again.stdout
    assert key_file.read_bytes() == before
    assert os.stat(key_file).st_mode & 0o777 == 0o600


def test_an_enrolment_code_is_printed_once_and_enrols(env: dict[str, str]) -> None:
    made = central_cli(env, "enrol-code", "--name", "Desa Sukamaju", "--hours", "2")
    assert made.returncode == 0, made.stderr
    code = made.stdout.strip()
    assert re.fullmatch(r"[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}", code)
    centre = Centre.open(Settings.from_environment(env))
    try:
        enrolled = enrolment.enrol(centre, code, "0.1.0")
    finally:
        centre.close()
    listed = central_cli(env, "kiosks")
    assert str(enrolled.kiosk_id) in listed.stdout and "Desa Sukamaju" in listed.stdout
    assert central_cli(env, "revoke", str(enrolled.kiosk_id)).returncode == 0
    assert "revoked" in central_cli(env, "kiosks").stdout


def test_applications_are_listed_without_personal_data_unless_opened(env: dict[str, str]) -> None:
    centre = Centre.open(Settings.from_environment(env))
    try:
        centre.serve_catalogue()  # records the definitions, as `central serve` does
        code, _ = enrolment.make_code(centre, "Desa A")
        kiosk_id = enrolment.enrol(centre, code, "0.1.0").kiosk_id
        key = public_key_from_bytes(centre.keys.sealing_public())
        item = sealed_item(form_content(), key)
        [result] = receive_batch(centre, kiosk_id, [item])
        assert result.outcome is Outcome.ACCEPTED
    finally:
        centre.close()
    for args in (
        ("applications",),
        ("applications", "--status", "received"),
        ("show", item.tracking_code),
    ):
        shown = central_cli(env, *args)
        assert shown.returncode == 0 and item.tracking_code in shown.stdout
        assert NIK not in shown.stdout and "Siti Aminah" not in shown.stdout
    assert item.tracking_code not in central_cli(env, "applications", "--status", "ready").stdout
    opened = central_cli(env, "show", str(item.id), "--open")
    assert NIK in opened.stdout and "Siti Aminah" in opened.stdout
    needs = central_cli(env, "status", item.tracking_code, "needs_citizen")
    assert_one_line_error(needs, "needs a message in Indonesian")
    moved = central_cli(
        env, "status", item.tracking_code, "needs_citizen", "--message-id", "Bawa KK."
    )
    assert moved.returncode == 0 and "needs_citizen" in moved.stdout


def test_operator_mistakes_are_one_line_and_exit_1(env: dict[str, str]) -> None:
    assert_one_line_error(central_cli(env, "revoke", "kiosk-7"), "not a kiosk id")
    assert_one_line_error(central_cli(env, "revoke", str(uuid.uuid4())), "no kiosk")
    assert_one_line_error(central_cli(env, "status", "ZZZZ-ZZZZ", "ready"), "no application")
    assert_one_line_error(central_cli(env, "enrol-code", "--name", " "), "--name")
    assert_one_line_error(central_cli(env, "enrol-code", "--name", "A", "--hours", "0"), "--hours")


def test_usage_errors_exit_2(env: dict[str, str]) -> None:
    assert central_cli(env, "status", "ZZZZ-ZZZZ", "lost").returncode == 2
    assert central_cli(env, "enrol-code").returncode == 2
    assert central_cli(env).returncode == 2


def test_setup_problems_are_one_line(tmp_path: Path) -> None:
    fresh = environment(tmp_path / "fresh")
    assert_one_line_error(central_cli(fresh, "kiosks"), "run `central init` first")
    bad_url = environment(tmp_path, CENTRAL_DATABASE_URL="nonsense")
    assert_one_line_error(central_cli(bad_url, "init"), "CENTRAL_DATABASE_URL")


def test_openapi_prints_the_committed_document(tmp_path: Path) -> None:
    printed = central_cli(environment(tmp_path), "openapi")
    assert printed.returncode == 0
    assert printed.stdout == COMMITTED.read_text(encoding="utf-8")
