"""The centre's two private keys in one file: X25519 opens envelopes, Ed25519 signs.

Every worker process and host of one district reads the same file, so any of them
opens any envelope and all sign the catalogue alike. `central init` writes it once,
mode 0600; it is never overwritten, and a file others may read is refused.
"""

from __future__ import annotations

import base64
import json
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from central.errors import SetupError
from kiosk.private_files import FileRefused, ensure_private_dir, write_new_file
from kiosk.sync.sealing import public_key_bytes
from kiosk.sync.signatures import signing_key_bytes

FORMAT = "anjungan centre keys 1"
_RAW = (serialization.Encoding.Raw, serialization.PrivateFormat.Raw)


@dataclass(frozen=True)
class CentreKeys:
    sealing: X25519PrivateKey  # envelopes are sealed for its public half
    signing: Ed25519PrivateKey  # the catalogue is signed with it

    def sealing_public(self) -> bytes:
        return public_key_bytes(self.sealing.public_key())

    def signing_public(self) -> bytes:
        return signing_key_bytes(self.signing.public_key())


def create_keys(path: Path) -> bool:
    """Write fresh keys to `path` if there is no file; True if this call made them.

    O_EXCL makes two `central init` at once safe: one writes, the other keeps its file.
    """
    if path.exists() or path.is_symlink():
        return False
    ensure_private_dir(path.parent)
    keys = CentreKeys(X25519PrivateKey.generate(), Ed25519PrivateKey.generate())
    try:
        write_new_file(path, _encoded(keys))
    except FileRefused:
        return False
    return True


def load_keys(path: Path) -> CentreKeys:
    """The keys in `path`; SetupError with one line for a missing, open or broken file."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        data = path.read_bytes()
    except FileNotFoundError:
        raise SetupError(f"no key file at {path}; run `central init` first") from None
    except OSError as error:
        raise SetupError(f"cannot read the key file {path}: {error.strerror}") from None
    if mode & 0o077:
        raise SetupError(
            f"the key file {path} is readable by others (mode {mode:04o}); "
            f"run `chmod 600 {path}` and check who copied it"
        )
    return _decoded(data, path)


def _encoded(keys: CentreKeys) -> bytes:
    document = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "sealing_x25519": _b64(keys.sealing.private_bytes(*_RAW, serialization.NoEncryption())),
        "signing_ed25519": _b64(keys.signing.private_bytes(*_RAW, serialization.NoEncryption())),
    }
    return (json.dumps(document, indent=2) + "\n").encode("ascii")


def _decoded(data: bytes, path: Path) -> CentreKeys:
    try:
        document = json.loads(data)
        if document.get("format") != FORMAT:
            raise ValueError("unknown format")
        sealing = X25519PrivateKey.from_private_bytes(_raw(document["sealing_x25519"]))
        signing = Ed25519PrivateKey.from_private_bytes(_raw(document["signing_ed25519"]))
    except (ValueError, KeyError, TypeError, AttributeError):
        raise SetupError(f"the key file {path} is not a centre key file") from None
    return CentreKeys(sealing, signing)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _raw(text: str) -> bytes:
    return base64.b64decode(text, validate=True)
