"""Secret stores for tests: a dict-backed one (what the OS keyring would hold, in
memory), and the real OS keyring, which CI must have."""

from __future__ import annotations

import os

import pytest

from kiosk.cli.office_keys import KEY_USES
from kiosk.cli.secrets import KeyringSecretStore
from kiosk.clock import SystemClock
from kiosk.config import ConfigError, load_settings
from kiosk.db.engine import create_engine_for, session_factory
from kiosk.db.migrate import upgrade
from kiosk.security.guard import KeyGuard
from kiosk.security.keys import OfficeKeys


def real_keyring_or_skip() -> KeyringSecretStore:
    """The real OS keyring; skipped outside CI when there is none, a failure in CI."""
    settings = load_settings(None, {"KIOSK_CONFIG": os.devnull})
    try:
        return KeyringSecretStore(settings)
    except ConfigError:
        if os.environ.get("CI"):
            raise  # CI must have the real keyring: scripts/test starts one
        pytest.skip("no Secret Service here: run the tests through scripts/test")


class MemorySecretStore:
    """Counts writes, so tests can see that a key is created once and then reused."""

    def __init__(self, initial: dict[str, str] | None = None) -> None:
        self.values: dict[str, str] = dict(initial or {})
        self.writes = 0

    def get_secret(self, name: str) -> str | None:
        return self.values.get(name)

    def set_secret(self, name: str, value: str) -> None:
        self.writes += 1
        self.values[name] = value


def keys_in_real_keyring(database_url: str) -> OfficeKeys:
    """What the kiosk's first start does on this machine: the office keys in this user's
    real keyring (made if it has none), checked into the database at `database_url`."""
    store = real_keyring_or_skip()
    engine = create_engine_for(database_url)
    try:
        upgrade(engine)
        guard = KeyGuard(session_factory(engine), store, KEY_USES, SystemClock())
        return guard.open(create=True)
    finally:
        engine.dispose()
