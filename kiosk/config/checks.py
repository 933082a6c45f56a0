"""Checks of a setting's value beyond its type and limits, worded for a technician."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.config.masking import hide_url_password
from kiosk.config.option import SettingValue

DATABASE_KINDS = ("sqlite", "postgresql")


def check_timezone(value: SettingValue) -> str | None:
    try:
        ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError):
        return f"{value!r} is not an IANA time zone (e.g. Asia/Jakarta, Asia/Makassar)"
    return None


def check_database_url(value: SettingValue) -> str | None:
    """A light check (no SQLAlchemy import at start-up): a known database and a location.

    The message shows the URL with its password hidden, as everything else does.
    """
    scheme, separator, rest = str(value).partition("://")
    shown = hide_url_password(str(value))
    if not separator or scheme.split("+")[0] not in DATABASE_KINDS:
        return (
            f"{shown!r} is not a supported database URL; use sqlite:///PATH or "
            "postgresql+psycopg://USER@HOST/DATABASE"
        )
    if scheme.startswith("sqlite") and rest and not rest.startswith("/"):
        return f"{shown!r}: an SQLite URL needs three slashes before the file path"
    return None


def check_not_empty(value: SettingValue) -> str | None:
    return "must not be empty" if not str(value).strip() else None


def check_languages(value: SettingValue) -> str | None:
    """A comma-separated list of the kiosk's languages, at least one, none twice."""
    names = [name.strip() for name in str(value).split(",")]
    unknown = [name for name in names if name not in ("id", "jv", "en")]
    if unknown or len(set(names)) != len(names):
        return f"{value!r} must list languages from id, jv, en, each once, e.g. id,jv"
    return None


def language_list(value: str) -> tuple[str, ...]:
    """The languages of a checked comma-separated setting, in order."""
    return tuple(name.strip() for name in value.split(","))
