"""The frozen settings object and how it is loaded: defaults, then kiosk.toml, then env vars."""

from __future__ import annotations

import dataclasses
import json
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from kiosk.config.masking import shown
from kiosk.config.schema import CONFIG_ENV, OPTIONS, OPTIONS_BY_KEY, SECTIONS, SettingValue
from kiosk.config.values import ValueProblem, from_text, from_toml
from kiosk.errors import ConfigError

APP_NAME = "anjungan"
CONFIG_FILE_NAME = "kiosk.toml"
DATABASE_FILE_NAME = "anjungan.db"


class Section:
    """A settings section; its repr hides secrets, as declared in the schema."""

    def __repr__(self) -> str:
        section = SECTION_NAMES[type(self)]
        values = (
            f"{name}={shown(OPTIONS_BY_KEY[f'{section}.{name}'], value)!r}"
            for name, value in vars(self).items()  # the dataclass fields, in order
        )
        return f"{type(self).__name__}({', '.join(values)})"


@dataclass(frozen=True, repr=False)
class OfficeSettings(Section):
    name: str
    address: str
    place: str
    head_name: str
    head_title: str
    timezone: str


@dataclass(frozen=True, repr=False)
class PathSettings(Section):
    data_dir: Path


@dataclass(frozen=True, repr=False)
class DatabaseSettings(Section):
    url: str


@dataclass(frozen=True, repr=False)
class PrinterSettings(Section):
    url: str
    baudrate: int
    profile: str
    stored_logo: int
    status_timeout: float


@dataclass(frozen=True, repr=False)
class UiSettings(Section):
    language: str
    idle_timeout_seconds: int
    high_contrast: bool
    fullscreen: bool
    role: str


@dataclass(frozen=True, repr=False)
class ReaderSettings(Section):
    scanner_url: str
    scanner_baudrate: int
    scanner_terminator: str
    card_url: str
    card_baudrate: int


@dataclass(frozen=True, repr=False)
class DocumentSettings(Section):
    print_command: str


@dataclass(frozen=True, repr=False)
class SecuritySettings(Section):
    keyring_backend: str
    key_store: str
    credentials_dir: Path


@dataclass(frozen=True)
class Settings:
    """Every setting, typed; field names are the keys of `kiosk.config.schema.OPTIONS`."""

    office: OfficeSettings
    paths: PathSettings
    database: DatabaseSettings
    printer: PrinterSettings
    ui: UiSettings
    readers: ReaderSettings
    documents: DocumentSettings
    security: SecuritySettings
    source: Path | None = None  # the kiosk.toml that was read, if any

    def value(self, key: str) -> SettingValue:
        """The value of a dotted key such as ``printer.url``."""
        section, _, name = key.partition(".")
        if key not in OPTIONS_BY_KEY:
            raise KeyError(key)
        value: SettingValue = getattr(getattr(self, section), name)
        return value

    def to_toml(self, hide_secrets: bool = True) -> str:
        """The settings as a complete kiosk.toml, secrets shown as *** unless asked
        (loading it back gives the same settings when nothing is hidden)."""
        lines: list[str] = []
        for section in SECTIONS:
            lines.append(f"[{section}]")
            for option in OPTIONS:
                if option.section == section:
                    value = self.value(option.key)
                    value = shown(option, value) if hide_secrets else value
                    lines.append(f"{option.name} = {toml_literal(value)}")
            lines.append("")
        return "\n".join(lines)


SECTION_TYPES: dict[str, type[Any]] = {
    "office": OfficeSettings,
    "paths": PathSettings,
    "database": DatabaseSettings,
    "printer": PrinterSettings,
    "ui": UiSettings,
    "readers": ReaderSettings,
    "documents": DocumentSettings,
    "security": SecuritySettings,
}
SECTION_NAMES: dict[type[Any], str] = {cls: name for name, cls in SECTION_TYPES.items()}


def toml_literal(value: SettingValue) -> str:
    """A TOML literal; JSON string escapes are valid TOML basic-string escapes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)


def default_config_path() -> Path:
    """The user's kiosk.toml, else the machine's (/etc/xdg/anjungan/kiosk.toml): on an
    appliance the kiosk's unit and a technician's `sudo kiosk ...` read the same file."""
    user = platformdirs.user_config_path(APP_NAME) / CONFIG_FILE_NAME
    if user.is_file():
        return user
    site = platformdirs.site_config_path(APP_NAME) / CONFIG_FILE_NAME
    return site if site.is_file() else user


def default_data_dir() -> Path:
    return platformdirs.user_data_path(APP_NAME)


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
    """Fill defaults (derived ones last, as they depend on others) and build the sections."""
    merged: dict[str, Any] = {o.key: o.default for o in OPTIONS if o.default is not None}
    merged.update(values)
    merged.setdefault("paths.data_dir", default_data_dir())
    data_dir = Path(merged["paths.data_dir"])
    merged.setdefault("database.url", f"sqlite:///{data_dir / DATABASE_FILE_NAME}")
    sections = {
        section: cls(**{f.name: merged[f"{section}.{f.name}"] for f in dataclasses.fields(cls)})
        for section, cls in SECTION_TYPES.items()
    }
    return Settings(**sections, source=source)
