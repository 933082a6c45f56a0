"""Settings: defaults, kiosk.toml, environment overrides and messages for technicians."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kiosk.config import OPTIONS, ConfigError, default_data_dir, describe_settings, load_settings
from kiosk.config.option import Kind, Option
from tests.kiosk.config.helpers import write

FLOAT_OPTIONS = [option for option in OPTIONS if option.kind is Kind.FLOAT]
NON_FINITE_TOML = ("nan", "+nan", "-nan", "inf", "+inf", "-inf")
NON_FINITE_TEXT = ("nan", "NaN", "inf", "-inf", "Infinity", "-Infinity", "1e999")


@pytest.fixture
def no_user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the platform config path at an empty folder, whatever the machine has."""
    monkeypatch.setattr(
        "kiosk.config.settings.default_config_path", lambda: tmp_path / "none" / "kiosk.toml"
    )


@pytest.mark.usefixtures("no_user_config")
def test_defaults_without_any_file_or_variable() -> None:
    settings = load_settings(environ={})

    assert settings.office.timezone == "Asia/Jakarta"
    assert settings.paths.data_dir == default_data_dir()
    assert settings.database.url == f"sqlite:///{default_data_dir() / 'anjungan.db'}"
    assert settings.printer.url == ""
    assert settings.printer.baudrate == 9600
    assert settings.printer.profile == "80mm"
    assert settings.printer.status_timeout == 0.1
    assert settings.ui.language == "id"
    assert settings.ui.idle_timeout_seconds == 60
    assert settings.ui.high_contrast is False
    assert settings.ui.fullscreen is True
    assert settings.ui.role == "kiosk"
    assert settings.source is None


def test_toml_overrides_defaults(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        [office]
        name = "Kantor Desa Sukamaju"
        timezone = "Asia/Makassar"
        [printer]
        url = "/dev/ttyUSB0"
        baudrate = 19200
        status_timeout = 1
        [ui]
        high_contrast = true
        role = "counter"
        """,
    )

    settings = load_settings(path, environ={})

    assert settings.office.name == "Kantor Desa Sukamaju"
    assert settings.office.timezone == "Asia/Makassar"
    assert settings.printer.url == "/dev/ttyUSB0"
    assert settings.printer.baudrate == 19200
    assert settings.printer.status_timeout == 1.0
    assert isinstance(settings.printer.status_timeout, float)
    assert settings.ui.high_contrast is True
    assert settings.ui.role == "counter"
    assert settings.printer.profile == "80mm"  # untouched keys keep their default
    assert settings.source == path


def test_data_dir_moves_the_default_database(tmp_path: Path) -> None:
    path = write(tmp_path, f'[paths]\ndata_dir = "{tmp_path / "data"}"\n')

    settings = load_settings(path, environ={})

    assert settings.database.url == f"sqlite:///{tmp_path / 'data' / 'anjungan.db'}"


def test_environment_beats_toml(tmp_path: Path) -> None:
    path = write(tmp_path, '[printer]\nurl = "/dev/ttyUSB0"\nbaudrate = 19200\nprofile = "58mm"\n')
    environ = {
        "KIOSK_PRINTER_URL": "emu://other",
        "KIOSK_PRINTER_BAUDRATE": "115200",
        "KIOSK_PRINTER_PROFILE": "80mm-noqr",
        "KIOSK_DATABASE_URL": "postgresql+psycopg://kiosk@db/anjungan",
        "KIOSK_DATA_DIR": str(tmp_path / "elsewhere"),
        "KIOSK_UI_FULLSCREEN": "no",
    }

    settings = load_settings(path, environ=environ)

    assert settings.printer.url == "emu://other"
    assert settings.printer.baudrate == 115200
    assert settings.printer.profile == "80mm-noqr"
    assert settings.database.url == "postgresql+psycopg://kiosk@db/anjungan"
    assert settings.paths.data_dir == tmp_path / "elsewhere"
    assert settings.ui.fullscreen is False


def test_kiosk_config_variable_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, '[ui]\nlanguage = "en"\n')

    settings = load_settings(environ={"KIOSK_CONFIG": str(path)})

    assert settings.ui.language == "en"
    assert settings.source == path


@pytest.mark.usefixtures("no_user_config")
def test_missing_platform_file_means_defaults_but_a_named_file_must_exist(
    tmp_path: Path,
) -> None:
    assert load_settings(environ={}).source is None
    with pytest.raises(ConfigError, match="file not found"):
        load_settings(tmp_path / "typo.toml", environ={})


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ('[printer]\nbaudrate = "9600"\n', "printer.baudrate", "expected an integer, got string"),
        ("[printer]\nbaudrate = 9601\n", "printer.baudrate", "not one of: 1200"),
        ("[printer]\nspeed = 1\n", "printer.speed", "unknown setting"),
        ("[printr]\nurl = 'x'\n", "[printr]", "unknown section"),
        ("[ui]\nidle_timeout_seconds = 5\n", "ui.idle_timeout_seconds", "below the minimum 10"),
        ("[ui]\nidle_timeout_seconds = 900\n", "ui.idle_timeout_seconds", "above the maximum"),
        ("[ui]\nhigh_contrast = 1\n", "ui.high_contrast", "expected a boolean"),
        ('[ui]\nlanguage = "fr"\n', "ui.language", "not one of: id, en"),
        ('[office]\ntimezone = "WIB"\n', "office.timezone", "not an IANA time zone"),
        ('[printer]\nprofile = "100mm"\n', "printer.profile", "not one of"),
        ('[database]\nurl = "mysql://x/y"\n', "database.url", "not a supported database URL"),
        ('[database]\nurl = "anjungan.db"\n', "database.url", "not a supported database URL"),
        ('[database]\nurl = "sqlite://a.db"\n', "database.url", "three slashes"),
    ],
)
def test_bad_value_names_file_key_and_problem(
    tmp_path: Path, text: str, key: str, problem: str
) -> None:
    path = write(tmp_path, text)

    with pytest.raises(ConfigError) as caught:
        load_settings(path, environ={})

    message = str(caught.value)
    assert str(path) in message
    assert key in message
    assert problem in message
    # No chained traceback behind the message: the technician sees one line.
    assert caught.value.__context__ is None or caught.value.__suppress_context__


def test_toml_syntax_error_gives_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, '[printer]\nurl = "/dev/ttyUSB0"\nbaudrate 9600\n')

    with pytest.raises(ConfigError, match=r"TOML syntax error.*line 3") as caught:
        load_settings(path, environ={})
    assert str(path) in str(caught.value)


def test_bad_environment_value_names_the_variable(tmp_path: Path) -> None:
    path = write(tmp_path, "")

    with pytest.raises(ConfigError) as caught:
        load_settings(path, environ={"KIOSK_PRINTER_BAUDRATE": "fast"})

    message = str(caught.value)
    assert "KIOSK_PRINTER_BAUDRATE" in message
    assert "printer.baudrate" in message
    assert "'fast' is not an integer" in message


def test_describe_settings_lists_every_key_and_env_var() -> None:
    text = describe_settings()

    for option in OPTIONS:
        assert option.key in text
        assert option.env_names[0] in text
        assert option.description in text
    assert "KIOSK_DATA_DIR" in text
    assert "58mm, 80mm, 80mm-noqr" in text


def test_to_toml_round_trips(tmp_path: Path) -> None:
    environ = {"KIOSK_OFFICE_NAME": 'Kantor "Desa" Maju\\Jaya', "KIOSK_UI_HIGH_CONTRAST": "1"}
    settings = load_settings(write(tmp_path, ""), environ=environ)

    again = load_settings(write(tmp_path, settings.to_toml()), environ={})

    assert dataclasses.replace(again, source=None) == dataclasses.replace(settings, source=None)


def test_float_options_exist_to_check() -> None:
    assert FLOAT_OPTIONS  # the tests below iterate over them


@pytest.mark.parametrize("option", FLOAT_OPTIONS, ids=lambda option: option.key)
@pytest.mark.parametrize("literal", NON_FINITE_TOML)
def test_a_non_finite_number_in_the_file_is_refused(
    tmp_path: Path, option: Option, literal: str
) -> None:
    """nan passes both bounds (every comparison with it is false); inf passes an open one."""
    path = write(tmp_path, f"[{option.section}]\n{option.name} = {literal}\n")

    with pytest.raises(ConfigError) as caught:
        load_settings(path, environ={})

    message = str(caught.value)
    assert f"{path}: {option.key}: " in message
    assert "is not a finite number" in message


@pytest.mark.parametrize("option", FLOAT_OPTIONS, ids=lambda option: option.key)
@pytest.mark.parametrize("text", NON_FINITE_TEXT)
def test_a_non_finite_number_in_a_variable_is_refused(
    tmp_path: Path, option: Option, text: str
) -> None:
    for env_name in option.env_names:
        with pytest.raises(ConfigError) as caught:
            load_settings(write(tmp_path, ""), environ={env_name: text})
        message = str(caught.value)
        assert f"environment variable {env_name}: {option.key}: " in message
        assert "is not a finite number" in message


@pytest.mark.parametrize("option", FLOAT_OPTIONS, ids=lambda option: option.key)
def test_a_finite_number_within_the_limits_is_still_taken(tmp_path: Path, option: Option) -> None:
    """The guard against the tests above passing because every number is refused."""
    value = option.minimum if option.minimum is not None else 1.0
    path = write(tmp_path, f"[{option.section}]\n{option.name} = {value!r}\n")
    assert load_settings(path, environ={}).value(option.key) == value
