"""Secrets in settings: never shown in a repr, a kiosk.toml, an error or a log line."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.config import OPTIONS, ConfigError, load_settings
from kiosk.config.masking import HIDDEN, Secret, hide_url_password, shown
from kiosk.config.option import Kind, Option
from kiosk.config.settings import build_settings
from kiosk.config.values import ValueProblem, from_text
from tests.kiosk.config.helpers import write

SECRET_OPTIONS = [option for option in OPTIONS if option.secret is not Secret.NONE]
PASSWORD = "Rahasia-s3kali"


def test_secret_options_are_declared() -> None:
    assert [option.key for option in SECRET_OPTIONS] == ["database.url"]


@pytest.mark.parametrize(
    ("url", "masked"),
    [
        (
            "postgresql+psycopg://kiosk:pw@db.desa/anjungan",
            "postgresql+psycopg://kiosk:***@db.desa/anjungan",
        ),
        (
            "postgresql://kiosk:pw@db:5432/a?sslmode=require",
            "postgresql://kiosk:***@db:5432/a?sslmode=require",
        ),
        ("postgresql://kiosk:p@ss/w?rd@db/a", "postgresql://kiosk:***@db/a"),
        (
            "postgresql://kiosk@db/a?password=pw&sslpassword=pw2",
            "postgresql://kiosk@db/a?password=***&sslpassword=***",
        ),
        ("postgresql://:pw@/a?host=/run/postgresql", "postgresql://:***@/a?host=/run/postgresql"),
        ("postgresql+psycopg://kiosk@db/anjungan", "postgresql+psycopg://kiosk@db/anjungan"),
        ("sqlite:////var/lib/anjungan/anjungan.db", "sqlite:////var/lib/anjungan/anjungan.db"),
        ("not a url", "not a url"),
    ],
)
def test_a_url_password_is_hidden(url: str, masked: str) -> None:
    assert hide_url_password(url) == masked


@given(
    user=st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True),
    password=st.text(min_size=1),
    host=st.from_regex(r"[a-z0-9.-]{1,20}(:[0-9]{1,5})?", fullmatch=True),
    database=st.from_regex(r"[a-z0-9_]{1,12}", fullmatch=True),
)
def test_no_password_ever_shows_in_part(user: str, password: str, host: str, database: str) -> None:
    """Whatever the password holds (an unencoded @, /, ?, :), nothing of it is shown."""
    url = f"postgresql+psycopg://{user}:{password}@{host}/{database}"
    assert hide_url_password(url) == f"postgresql+psycopg://{user}:{HIDDEN}@{host}/{database}"


def test_a_whole_value_secret_is_hidden_when_set() -> None:
    token = Option("sync.token", Kind.STR, "", "A token.", secret=Secret.VALUE)
    assert shown(token, "abc123") == HIDDEN
    assert shown(token, "") == ""  # "not set" is worth seeing


@pytest.mark.parametrize("option", SECRET_OPTIONS, ids=lambda option: option.key)
def test_secrets_never_show_in_a_settings_repr_or_toml(option: Option) -> None:
    url = f"postgresql+psycopg://kiosk:{PASSWORD}@db.desa/anjungan"
    settings = build_settings({option.key: url})
    section = getattr(settings, option.section)

    assert settings.value(option.key) == url  # the kiosk itself gets the real value
    for text in (repr(settings), str(settings), repr(section), settings.to_toml()):
        assert PASSWORD not in text
        assert "kiosk:***@db.desa" in text
    assert PASSWORD in settings.to_toml(hide_secrets=False)


def test_other_values_still_show_in_a_repr() -> None:
    settings = build_settings({"printer.url": "/dev/ttyUSB0", "printer.status_timeout": 0.5})
    assert repr(settings.printer) == (
        "PrinterSettings(url='/dev/ttyUSB0', baudrate=9600, profile='80mm', stored_logo=0, "
        "status_timeout=0.5)"
    )


@pytest.mark.parametrize(
    ("text", "environ"),
    [
        (f'[database]\nurl = "postgres://kiosk:{PASSWORD}@db/anjungan"\n', {}),
        ("", {"KIOSK_DATABASE_URL": f"mysql://kiosk:{PASSWORD}@db/anjungan"}),
        ("", {"KIOSK_DATABASE_URL": f"sqlite://kiosk:{PASSWORD}@db/anjungan"}),
    ],
)
def test_a_settings_error_hides_the_password(
    tmp_path: Path, text: str, environ: dict[str, str]
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, text), environ=environ)
    message = str(caught.value)
    assert "database.url" in message
    assert "kiosk:***@db/anjungan" in message
    assert PASSWORD not in message


def test_a_wrongly_typed_secret_is_not_repeated(tmp_path: Path) -> None:
    path = write(tmp_path, f'[database]\nurl = ["postgresql://kiosk:{PASSWORD}@db/a"]\n')
    with pytest.raises(
        ConfigError, match=r"database\.url: expected a string, got an array$"
    ) as caught:
        load_settings(path, environ={})
    assert PASSWORD not in str(caught.value)


@pytest.mark.parametrize(
    ("option", "text"),
    [
        (Option("sync.pin", Kind.INT, 0, "A secret number.", secret=Secret.VALUE), "12x4"),
        (
            Option("sync.word", Kind.STR, "a", "A secret word.", ("a", "b"), secret=Secret.VALUE),
            "c9",
        ),
    ],
)
def test_a_refused_secret_value_is_not_repeated(option: Option, text: str) -> None:
    with pytest.raises(ValueProblem) as caught:
        from_text(option, text)
    assert text not in str(caught.value)
    assert HIDDEN in str(caught.value)
