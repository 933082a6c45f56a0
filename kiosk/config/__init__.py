"""Settings: declared once in the schema, loaded from kiosk.toml and KIOSK_* variables."""

from kiosk.config.reference import describe_settings
from kiosk.config.schema import OPTIONS, Option
from kiosk.config.settings import (
    DatabaseSettings,
    OfficeSettings,
    PathSettings,
    PrinterSettings,
    Settings,
    UiSettings,
    build_settings,
    default_config_path,
    default_data_dir,
    load_settings,
)
from kiosk.errors import ConfigError

__all__ = [
    "OPTIONS",
    "ConfigError",
    "DatabaseSettings",
    "OfficeSettings",
    "Option",
    "PathSettings",
    "PrinterSettings",
    "Settings",
    "UiSettings",
    "build_settings",
    "default_config_path",
    "default_data_dir",
    "describe_settings",
    "load_settings",
]
