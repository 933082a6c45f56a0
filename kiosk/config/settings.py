"""How the settings are loaded: declared defaults, then kiosk.toml, then KIOSK_* variables."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kiosk.config.locations import CONFIG_ENV, default_config_path, default_data_dir
from kiosk.config.option import SettingValue
from kiosk.config.schema import (
    OPTIONS,
    OPTIONS_BY_KEY,
    SECTION_TYPES,
    SECTIONS,
    DatabaseSettings,
    DocumentSettings,
    OfficeSettings,
    PathSettings,
    PrinterSettings,
    ReaderSettings,
    SecuritySettings,
    Settings,
    SyncSettings,
    UiSettings,
)
from kiosk.config.values import ValueProblem, from_text, from_toml
from kiosk.errors import ConfigError

__all__ = [  # the settings types, for those who import them from here
    "SECTION_TYPES",
    "DatabaseSettings",
    "DocumentSettings",
    "OfficeSettings",
    "PathSettings",
    "PrinterSettings",
    "ReaderSettings",
    "SecuritySettings",
    "Settings",
    "SyncSettings",
    "UiSettings",
    "build_settings",
    "default_config_path",
    "default_data_dir",
    "load_settings",
]


def load_settings(
    config_path: Path | None = None, environ: Mapping[str, str] = os.environ
) -> Settings:
    """Defaults, overridden by the TOML file, overridden by KIOSK_* environment variables.

    The file is `config_path`, else $KIOSK_CONFIG, else the user's platform config path,
    else the machine's. Only those may be missing (then defaults apply): a path someone
    typed must exist.
    """
    explicit = config_path or (Path(environ[CONFIG_ENV]) if environ.get(CONFIG_ENV) else None)
    path = explicit or default_config_path()
    values: dict[str, SettingValue] = {}
    source = None
    if explicit is not None or path.is_file():
        values.update(read_toml(path))
        source = path
    values.update(read_environ(environ))
    return build_settings(values, source)


def read_toml(path: Path) -> dict[str, SettingValue]:
    """Checked values from a kiosk.toml, keyed by dotted key."""
    name = str(path)
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(name, "file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(name, f"cannot read the file ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(name, f"TOML syntax error: {error}") from None
    return _flatten(name, document)


def _flatten(name: str, document: Mapping[str, object]) -> dict[str, SettingValue]:
    values: dict[str, SettingValue] = {}
    for section, table in document.items():
        if section not in SECTIONS:
            known = ", ".join(SECTIONS)
            raise ConfigError(name, f"unknown section (known: {known})", f"[{section}]")
        if not isinstance(table, dict):
            raise ConfigError(name, f"expected a [{section}] table", section)
        for key, raw in table.items():
            values[f"{section}.{key}"] = _checked(name, f"{section}.{key}", raw)
    return values


def _checked(name: str, key: str, raw: object) -> SettingValue:
    option = OPTIONS_BY_KEY.get(key)
    if option is None:
        section = key.partition(".")[0]
        known = ", ".join(o.name for o in OPTIONS if o.section == section)
        raise ConfigError(name, f"unknown setting (known in [{section}]: {known})", key)
    try:
        return from_toml(option, raw)
    except ValueProblem as problem:
        raise ConfigError(name, str(problem), key) from None


def read_environ(environ: Mapping[str, str]) -> dict[str, SettingValue]:
    """Values from KIOSK_* variables; an alias (KIOSK_DATA_DIR) beats the generic name."""
    values: dict[str, SettingValue] = {}
    for option in OPTIONS:
        for env_name in option.env_names:
            if env_name in environ:
                try:
                    values[option.key] = from_text(option, environ[env_name])
                except ValueProblem as problem:
                    source = f"environment variable {env_name}"
                    raise ConfigError(source, str(problem), option.key) from None
    return values


def build_settings(values: Mapping[str, SettingValue], source: Path | None = None) -> Settings:
    """Fill the defaults (derived ones in declaration order, as each may depend on the
    ones before) and build the sections."""
    merged: dict[str, Any] = {o.key: o.default for o in OPTIONS if o.default is not None}
    merged.update(values)
    for option in OPTIONS:
        if option.derive is not None and option.key not in merged:
            merged[option.key] = option.derive(merged)
    sections = {
        section: cls(**{f.name: merged[f"{section}.{f.name}"] for f in dataclasses.fields(cls)})
        for section, cls in SECTION_TYPES.items()
    }
    return Settings(**sections, source=source)
