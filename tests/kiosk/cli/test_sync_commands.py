"""`kiosk enrol`, `kiosk sync status`, `kiosk sync now` against a real centre on loopback,
with the credential in the real OS key store (gnome-keyring under scripts/with-keyring)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cli.main import main
from kiosk.cli.secrets import key_store
from kiosk.config import load_settings
from kiosk.i18n import translations
from kiosk.sync.state import TOKEN_SECRET
from kiosk.sync.texts import describe_problem
from tests.central.live import LiveCentre, start, stop

pytestmark = pytest.mark.usefixtures("own_settings")


@pytest.fixture(scope="module")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveCentre]:
    server = start(tmp_path_factory.mktemp("centre"))
    yield server
    stop(server)


def code_for(centre: LiveCentre, name: str) -> str:
    made = centre.cli("enrol-code", "--name", name)
    assert made.returncode == 0, made.stderr
    return made.stdout.strip().split()[-1]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out = capsys.readouterr()
    return status, out.out, out.err


def test_enrol_keeps_the_credential_in_the_key_store_only_and_sync_runs(
    centre: LiveCentre, own_settings: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "enrol", centre.url, code_for(centre, "CLI kiosk"))
    assert status == 0, err
    assert centre.url in out
    token = key_store(load_settings()).get_secret(TOKEN_SECRET)
    assert token and len(token) >= 40
    for stored in own_settings.rglob("*"):
        if stored.is_file():
            assert token.encode() not in stored.read_bytes(), stored
    assert run(capsys, "keys", "init")[0] == 0
    status, out, err = run(capsys, "sync", "now")
    assert status == 0, err
    status, out, _ = run(capsys, "sync", "status")
    assert status == 0 and centre.url in out
    waiting = translations("id").gettext("Waiting to be sent: %(count)d") % {"count": 0}
    assert waiting in out


def test_a_wrong_code_is_refused_in_plain_words_and_nothing_is_kept(
    centre: LiveCentre, capsys: pytest.CaptureFixture[str]
) -> None:
    before = key_store(load_settings()).get_secret(TOKEN_SECRET)  # the OS user's keyring
    status, _, err = run(capsys, "enrol", centre.url, "QX7M-K2PD-9HRT")
    assert status == 1
    assert err.strip() == describe_problem("enrolment_refused", "id")
    assert key_store(load_settings()).get_secret(TOKEN_SECRET) == before
    _, out, _ = run(capsys, "sync", "status")
    assert centre.url not in out


def test_a_centre_in_the_clear_beyond_this_machine_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, _, err = run(capsys, "enrol", "http://pusat.example.id", "QX7M-K2PD-9HRT")
    assert status == 1
    assert err.strip() == describe_problem("insecure_address", "id")


def test_a_revoked_kiosk_says_so_and_keeps_saying_so(
    centre: LiveCentre, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "keys", "init")[0] == 0
    assert run(capsys, "enrol", centre.url, code_for(centre, "Soon revoked"))[0] == 0
    assert run(capsys, "sync", "now")[0] == 0
    kiosks = centre.cli("kiosks")
    line = next(row for row in kiosks.stdout.splitlines() if "Soon revoked" in row)
    assert centre.cli("revoke", line.split()[0]).returncode == 0
    plain = describe_problem("revoked", "id")
    status, _, err = run(capsys, "sync", "now")
    assert status == 1 and err.strip() == plain
    _, out, _ = run(capsys, "sync", "status")
    assert plain in out
    assert run(capsys, "sync", "now")[2].strip() == plain  # without asking the centre again


def test_sync_now_says_when_another_station_is_sending(
    centre: LiveCentre, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.db.engine import create_engine_for
    from kiosk.sync.lease import sync_lease

    assert run(capsys, "enrol", centre.url, code_for(centre, "Second station"))[0] == 0
    assert run(capsys, "keys", "init")[0] == 0
    engine = create_engine_for(load_settings().database.url)
    try:
        with sync_lease(engine) as held:  # the office's other station, mid-round
            assert held
            status, out, _ = run(capsys, "sync", "now")
    finally:
        engine.dispose()
    assert status == 0
    said = translations("id").gettext(
        "Another station of this office is syncing now; it sends for everyone."
    )
    assert out.strip() == said
