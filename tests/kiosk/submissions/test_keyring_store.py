"""The data key in the real OS keyring (gnome-keyring's Secret Service, via scripts/test)."""

from __future__ import annotations

import uuid

from kiosk.security.sealing import Sealer
from tests.helpers.secrets import real_keyring_or_skip


def test_a_key_kept_in_the_os_keyring_opens_records_after_a_restart() -> None:
    key_name = f"test-data-key-{uuid.uuid4()}"  # never the kiosk's real data key
    sealer = Sealer(real_keyring_or_skip(), key_name)
    blob = sealer.seal({"nama": "Siti"}, "submission-1")

    restarted = Sealer(real_keyring_or_skip(), key_name)

    assert restarted.unseal(blob, "submission-1") == {"nama": "Siti"}
