"""Settings: declared once in the schema, loaded from kiosk.toml and KIOSK_* variables."""

from kiosk.config.locations import default_config_path, default_data_dir
from kiosk.config.option import Option
from kiosk.config.reference import describe_settings
from kiosk.config.schema import (
    OPTIONS,
    DatabaseSettings,
    OfficeSettings,
    PathSettings,
    PrinterSettings,
    Settings,
    UiSettings,
)
from kiosk.config.settings import build_settings, load_settings
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
