"""The data key in the real OS keyring (gnome-keyring's Secret Service, via scripts/test)."""

from __future__ import annotations

import os
import uuid

import pytest

from kiosk.cli.secrets import KeyringSecretStore
from kiosk.config import ConfigError, load_settings
from kiosk.security.sealing import Sealer


def real_keyring_or_skip() -> KeyringSecretStore:
    settings = load_settings(None, {"KIOSK_CONFIG": os.devnull})
    try:
        return KeyringSecretStore(settings)
    except ConfigError:
        if os.environ.get("CI"):
            raise  # CI must have the real keyring: scripts/test starts one
        pytest.skip("no Secret Service here: run the tests through scripts/test")


def test_a_key_kept_in_the_os_keyring_opens_records_after_a_restart() -> None:
    key_name = f"test-data-key-{uuid.uuid4()}"  # never the kiosk's real data key
    sealer = Sealer(real_keyring_or_skip(), key_name)
    blob = sealer.seal({"nama": "Siti"}, "submission-1")

    restarted = Sealer(real_keyring_or_skip(), key_name)

    assert restarted.unseal(blob, "submission-1") == {"nama": "Siti"}
