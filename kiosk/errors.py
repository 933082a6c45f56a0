"""Domain errors the core raises; the outer layers turn them into plain messages."""

from __future__ import annotations


class KioskError(Exception):
    """Base of every error the core expects and explains to a person."""


class ConfigError(KioskError):
    """A setting the technician must fix; the message names the file, the key and the problem."""

    def __init__(self, source: str, problem: str, key: str | None = None) -> None:
        where = f"{source}: {key}" if key else source
        super().__init__(f"{where}: {problem}")
        self.source = source
        self.key = key
        self.problem = problem
