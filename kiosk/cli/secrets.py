"""The key stores: the OS keyring for a desktop session, systemd credentials for an
unattended kiosk (kiosk.cli.credentials). A kiosk never keeps its keys in a plain file."""

from __future__ import annotations

import getpass
import logging
import os
from pathlib import Path

import keyring
import keyring.backend
import keyring.core
from keyring.backends import fail
from keyring.errors import KeyringError
from sqlalchemy.engine import make_url

from kiosk.cli.credentials import SystemdCredsSecretStore
from kiosk.config import ConfigError, Settings

log = logging.getLogger(__name__)

SERVICE_NAME = "anjungan"


def _backend(settings: Settings) -> keyring.backend.KeyringBackend:
    name = settings.security.keyring_backend
    if not name:
        return keyring.get_keyring()
    try:
        return keyring.core.load_keyring(name)
    except (ImportError, AttributeError, ValueError) as error:
        source = str(settings.source or "settings")
        raise ConfigError(
            source, f"cannot load {name!r}: {error}", "security.keyring_backend"
        ) from None


class KeyringSecretStore:
    """Secrets in the OS keyring (Secret Service on Linux); refuses the 'fail' backend."""

    def __init__(self, settings: Settings) -> None:
        self._keyring = _backend(settings)
        if isinstance(self._keyring, fail.Keyring) or self._keyring.priority <= 0:
            raise ConfigError(
                str(settings.source or "settings"),
                f"no usable OS keyring ({type(self._keyring).__name__}); start a desktop "
                "session with gnome-keyring, or run under scripts/with-keyring",
                "security.keyring_backend",
            )

    @property
    def description(self) -> str:
        return f"the OS keyring of user {getpass.getuser()!r}"

    @property
    def backend_name(self) -> str:
        return f"{type(self._keyring).__module__}.{type(self._keyring).__name__}"

    def get_secret(self, name: str) -> str | None:
        try:
            return self._keyring.get_password(SERVICE_NAME, name)
        except KeyringError as error:
            log.error("keyring read failed: %s", type(error).__name__)
            raise

    def set_secret(self, name: str, value: str) -> None:
        self._keyring.set_password(SERVICE_NAME, name, value)


def key_store(settings: Settings) -> KeyringSecretStore | SystemdCredsSecretStore:
    """The configured key store (`security.key_store`)."""
    if settings.security.key_store == "systemd-creds":
        _refuse_roots_own_database(settings)
        return SystemdCredsSecretStore(settings.security.credentials_dir)
    return KeyringSecretStore(settings)


def _refuse_roots_own_database(settings: Settings) -> None:
    """`sudo kiosk keys ...` without the kiosk's settings would check the keys against a
    new, empty database of root's own and let any key file in: refuse instead."""
    url = make_url(settings.database.url)
    if os.geteuid() != 0 or url.get_backend_name() != "sqlite" or not url.database:
        return
    folder = Path(url.database).expanduser().parent
    if not folder.is_dir():
        raise ConfigError(
            str(settings.source or "settings"),
            f"as root, the kiosk's own data folder is needed, and {folder} does not exist: "
            "name the kiosk's settings (/etc/xdg/anjungan/kiosk.toml, or --config), or "
            f"create the folder for the kiosk's user first (sudo install -d -o kiosk -g "
            f"kiosk -m 0700 {folder})",
            "paths.data_dir",
        )
