"""The OS keyring as the core's SecretStore; a kiosk never keeps its keys in a file."""

from __future__ import annotations

import logging

import keyring
import keyring.backend
import keyring.core
from keyring.backends import fail
from keyring.errors import KeyringError

from kiosk.config import ConfigError, Settings
from kiosk.ports import SecretStore
from kiosk.security.sealing import DATA_KEY_NAME, Sealer

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


def existing_sealer(settings: Settings, store: SecretStore | None = None) -> Sealer:
    """The kiosk's Sealer for a command run by a technician, refusing to create a data
    key: under another OS user (another keyring) a new key would seal what the kiosk can
    never open, and open nothing the kiosk sealed. `kiosk run` creates the keys."""
    store = store if store is not None else KeyringSecretStore(settings)
    if store.get_secret(DATA_KEY_NAME) is None:
        raise ConfigError(
            str(settings.source or "settings"),
            "the OS keyring of this user holds no data key yet: start the kiosk once "
            "(it creates its keys), or run this command as the kiosk's user",
            "security.keyring_backend",
        )
    return Sealer(store)
