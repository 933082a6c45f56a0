"""Where the office keys are kept: the key store the composition root plugs in."""

from __future__ import annotations

from typing import Protocol


class SecretStore(Protocol):
    """Where the kiosk keeps its secrets (data key, credentials): the OS keyring in
    production, never a file next to the database."""

    def get_secret(self, name: str) -> str | None: ...

    def set_secret(self, name: str, value: str) -> None: ...
