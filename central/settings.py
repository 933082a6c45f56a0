"""The centre's settings, read from the environment once, with defaults for the demo."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from central.errors import SetupError
from kiosk.catalogue.paths import default_catalogue_dir

APP_NAME = "anjungan-central"
DATABASE_FILE = "central.db"
KEY_FILE = "centre-keys.json"
DEFAULT_CODE_HOURS = 24.0
MAX_CODE_HOURS = 24.0 * 30


@dataclass(frozen=True)
class Settings:
    """Every worker process reads the same environment, so all agree (stateless)."""

    database_url: URL
    key_file: Path
    catalogue_dir: Path
    code_hours: float = DEFAULT_CODE_HOURS  # how long an enrolment code works

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        data_dir = Path(env.get("CENTRAL_DATA_DIR") or user_data_path(APP_NAME))
        url_text = env.get("CENTRAL_DATABASE_URL") or f"sqlite:///{data_dir / DATABASE_FILE}"
        return cls(
            database_url=_database_url(url_text),
            key_file=Path(env.get("CENTRAL_KEY_FILE") or data_dir / KEY_FILE),
            catalogue_dir=Path(env.get("CENTRAL_CATALOGUE_DIR") or default_catalogue_dir()),
            code_hours=_hours(env.get("CENTRAL_CODE_HOURS")),
        )


def _database_url(text: str) -> URL:
    try:
        url = make_url(text)
    except ArgumentError:
        raise SetupError("CENTRAL_DATABASE_URL is not a database URL") from None
    backend = url.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise SetupError(f"CENTRAL_DATABASE_URL: {backend!r} is not supported (sqlite, postgresql)")
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")  # the driver the project ships
    return url


def _hours(text: str | None) -> float:
    if not text:
        return DEFAULT_CODE_HOURS
    try:
        hours = float(text)
    except ValueError:
        raise SetupError(f"CENTRAL_CODE_HOURS: {text!r} is not a number of hours") from None
    if not 0 < hours <= MAX_CODE_HOURS:
        raise SetupError(f"CENTRAL_CODE_HOURS: give 0 to {MAX_CODE_HOURS:g} hours")
    return hours
