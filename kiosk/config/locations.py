"""Where the settings file and the data live when no setting says otherwise."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import platformdirs

from kiosk.config.option import SettingValue

APP_NAME = "anjungan"
CONFIG_ENV = "KIOSK_CONFIG"
CONFIG_FILE_NAME = "kiosk.toml"
DATABASE_FILE_NAME = "anjungan.db"


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


def data_dir_default(values: Mapping[str, SettingValue]) -> SettingValue:
    """paths.data_dir unless set: the platform's user data folder."""
    return default_data_dir()


def database_url_default(values: Mapping[str, SettingValue]) -> SettingValue:
    """database.url unless set: an SQLite file in paths.data_dir."""
    return f"sqlite:///{Path(str(values['paths.data_dir'])) / DATABASE_FILE_NAME}"
