"""A dict-backed SecretStore for tests: what the OS keyring would hold, in memory."""

from __future__ import annotations


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
