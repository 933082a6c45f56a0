"""Records sealed the way the kiosk sealed them before format 2, for the upgrade tests."""

from __future__ import annotations

import json
import os
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

LEGACY_HEADER = b"\x01"


def legacy_seal(key: bytes, obj: dict[str, Any], aad: str) -> bytes:
    """Format 1, as kiosk.security.sealing wrote it until 2026-12: the header byte and
    the caller's associated data (then the submission UUID alone) authenticated."""
    plaintext = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    nonce = os.urandom(12)
    sealed = AESGCM(key).encrypt(nonce, plaintext.encode("utf-8"), LEGACY_HEADER + aad.encode())
    return LEGACY_HEADER + nonce + sealed
