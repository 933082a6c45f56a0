"""The `kiosk` command and its settings: no password shown, no number that is not finite."""

from __future__ import annotations

import logging

import pytest

from kiosk.cli.main import main

PASSWORD = "Rahasia-s3kali"
SHARED_URL = f"postgresql+psycopg://kiosk:{PASSWORD}@127.0.0.1:1/anjungan"


@pytest.mark.usefixtures("own_settings")
def test_config_show_hides_the_database_password(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIOSK_DATABASE_URL", SHARED_URL)
    assert main(["config", "show"]) == 0
    shown = capsys.readouterr()
    assert 'url = "postgresql+psycopg://kiosk:***@127.0.0.1:1/anjungan"' in shown.out
    assert PASSWORD not in shown.out + shown.err


@pytest.mark.usefixtures("own_settings")
def test_the_start_up_log_names_the_database_without_its_password(
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("KIOSK_DATABASE_URL", SHARED_URL)
    with caplog.at_level(logging.DEBUG):
        assert main(["db", "upgrade"]) == 1  # nothing listens on port 1
    assert "database postgresql+psycopg://kiosk:***@127.0.0.1:1/anjungan" in caplog.text
    err = capsys.readouterr().err
    assert "Connection refused" in err
    assert PASSWORD not in caplog.text + err


@pytest.mark.usefixtures("own_settings")
def test_a_wrong_database_url_is_reported_without_its_password(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIOSK_DATABASE_URL", f"postgres://kiosk:{PASSWORD}@db/anjungan")
    assert main(["config", "show"]) == 1
    err = capsys.readouterr().err
    assert "KIOSK_DATABASE_URL: database.url: 'postgres://kiosk:***@db/anjungan'" in err
    assert PASSWORD not in err


@pytest.mark.usefixtures("own_settings")
@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_the_kiosk_does_not_start_with_a_non_finite_number(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    started: list[object] = []
    monkeypatch.setattr("kiosk.cli.app_commands.start_ui", lambda *args: started.append(args))
    monkeypatch.setenv("KIOSK_PRINTER_STATUS_TIMEOUT", value)
    assert main(["run"]) == 1
    err = capsys.readouterr().err
    assert "environment variable KIOSK_PRINTER_STATUS_TIMEOUT: printer.status_timeout" in err
    assert "not a finite number" in err
    assert started == []
