"""Settings, the key file and the database: one clear line for whatever is wrong."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import inspect

from central.centre import Centre
from central.database import Base, create_engine_for
from central.errors import SetupError
from central.keys import create_keys, load_keys
from central.migrate import VERSION_TABLE, upgrade
from central.settings import DEFAULT_CODE_HOURS, Settings
from kiosk.catalogue.paths import default_catalogue_dir
from tests.central.conftest import sqlite_settings


def test_defaults_live_in_one_data_folder(tmp_path: Path) -> None:
    settings = Settings.from_environment({"CENTRAL_DATA_DIR": str(tmp_path)})
    assert settings.database_url.database == str(tmp_path / "central.db")
    assert settings.key_file == tmp_path / "centre-keys.json"
    assert settings.catalogue_dir == default_catalogue_dir()
    assert settings.code_hours == DEFAULT_CODE_HOURS


def test_a_bare_postgresql_url_means_psycopg() -> None:
    settings = Settings.from_environment({"CENTRAL_DATABASE_URL": "postgresql://u@db/central"})
    assert settings.database_url.drivername == "postgresql+psycopg"


@pytest.mark.parametrize(
    ("variable", "value", "words"),
    [
        ("CENTRAL_DATABASE_URL", "not a url", "not a database URL"),
        ("CENTRAL_DATABASE_URL", "mysql://u@h/db", "not supported"),
        ("CENTRAL_CODE_HOURS", "soon", "not a number"),
        ("CENTRAL_CODE_HOURS", "-1", "give 0 to"),
    ],
)
def test_bad_settings_are_one_line(variable: str, value: str, words: str) -> None:
    with pytest.raises(SetupError, match=words) as error:
        Settings.from_environment({variable: value})
    assert "\n" not in str(error.value)


def test_init_writes_keys_once_and_private(tmp_path: Path) -> None:
    path = tmp_path / "new" / "keys.json"
    assert create_keys(path)
    first = path.read_bytes()
    assert not create_keys(path)
    assert path.read_bytes() == first
    assert os.stat(path).st_mode & 0o777 == 0o600
    keys = load_keys(path)
    assert load_keys(path).sealing_public() == keys.sealing_public()
    assert len(keys.sealing_public()) == len(keys.signing_public()) == 32


def test_a_key_file_others_can_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "keys.json"
    create_keys(path)
    for mode in (0o640, 0o604):
        os.chmod(path, mode)
        with pytest.raises(SetupError, match=r"readable by others.*chmod 600"):
            load_keys(path)


def test_missing_or_broken_key_files_say_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(SetupError, match="run `central init`"):
        load_keys(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "something else"}')
    broken.chmod(0o600)
    with pytest.raises(SetupError, match="not a centre key file"):
        load_keys(broken)


def test_an_unreachable_database_is_one_line(tmp_path: Path) -> None:
    settings = Settings.from_environment(
        {
            "CENTRAL_DATA_DIR": str(tmp_path),
            "CENTRAL_DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none?connect_timeout=2",
        }
    )
    create_keys(settings.key_file)
    with pytest.raises(SetupError, match="cannot reach the database") as error:
        Centre.open(settings)
    assert "\n" not in str(error.value)


def test_the_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = create_engine_for(sqlite_settings(tmp_path).database_url)
    upgrade(engine)
    upgrade(engine)  # again: nothing to do
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
        differences = compare_metadata(context, Base.metadata)
        tables = set(inspect(connection).get_table_names())
    engine.dispose()
    assert differences == []
    assert {"kiosks", "applications", "status_changes", "status_counter"} <= tables
