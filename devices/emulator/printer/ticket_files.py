"""The emulated printer's rendered tickets as files (simulated hardware's paper)."""

from __future__ import annotations

import os
from pathlib import Path

NEW_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
MAX_NAME_TRIES = 1000


def write_ticket_file(directory: Path, number: int, data: bytes) -> Path:
    """A rendered ticket in a new file (mode 0600) named after its number: a name already
    taken (an earlier run, a planted link) is skipped, never written over or through."""
    for attempt in range(MAX_NAME_TRIES):
        suffix = f"-{attempt}" if attempt else ""
        path = directory / f"ticket-{number:04d}{suffix}.txt"
        try:
            descriptor = os.open(path, NEW_FILE_FLAGS, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        return path
    raise FileExistsError(f"no free name for ticket {number} in {directory}")
