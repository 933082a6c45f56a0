"""This PC's loket (counter number) and the queue lines it serves, remembered in a file.

A small JSON file in the kiosk's data folder, not QSettings: it sits beside the
kiosk's other files (backed up and wiped with them, mode 0600), it is checked
against a JSON Schema on every read, and anything odd in it (cut short, edited by
hand, too big, another shape) means "ask the clerk again", never a crash.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jsonschema import Draft202012Validator, ValidationError  # type: ignore[import-untyped]

log = logging.getLogger(__name__)

LOKET_NUMBERS = range(1, 21)  # the lokets a clerk may choose: 1 to 20
MAX_FILE_BYTES = 4096  # the file holds a number and a few line codes
LINE_CODE_PATTERN = "^[^\\x00-\\x1f\\x7f]{1,8}$"  # a line code (String(8)), no control
SCHEMA = {
    "type": "object",
    "properties": {
        "loket": {"type": "integer", "minimum": LOKET_NUMBERS[0], "maximum": LOKET_NUMBERS[-1]},
        "lines": {
            "type": "array",
            "items": {"type": "string", "pattern": LINE_CODE_PATTERN},
            "minItems": 1,
            "maxItems": 32,
            "uniqueItems": True,
        },
    },
    "required": ["loket", "lines"],
    "additionalProperties": False,
}
VALIDATOR = Draft202012Validator(SCHEMA)


@dataclass(frozen=True)
class LoketSetup:
    """Loket `number` calls tickets of `lines` (queue line codes, e.g. ("A", "B"))."""

    number: int
    lines: tuple[str, ...]

    @property
    def counter(self) -> str:
        """The loket as the queue records it ("2")."""
        return str(self.number)


class LoketFile:
    """Reads and writes one PC's setup; a write replaces the file whole or not at all."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> LoketSetup | None:
        """The remembered setup; None when there is none or it cannot be trusted."""
        try:
            with self.path.open("rb") as file:
                raw = file.read(MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            return None
        except OSError as error:
            log.warning("the loket file cannot be read: %s", type(error).__name__)
            return None
        return parse(raw)

    def save(self, setup: LoketSetup) -> None:
        """Write the setup (mode 0600); raises OSError when the folder is not writable."""
        data = json.dumps({"loket": setup.number, "lines": list(setup.lines)}).encode()
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=".loket-", dir=self.path.parent)
        try:
            with os.fdopen(descriptor, "wb") as file:  # mkstemp makes it 0600
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def parse(raw: bytes) -> LoketSetup | None:
    """The setup in `raw`, or None (logged by why, never by content) when it is not one."""
    if len(raw) > MAX_FILE_BYTES:
        log.warning("the loket file is too big: asking the clerk again")
        return None
    try:
        value = json.loads(raw.decode("utf-8"))
        VALIDATOR.validate(value)
    except (UnicodeDecodeError, ValueError, RecursionError, ValidationError):
        log.warning("the loket file is not a loket setup: asking the clerk again")
        return None
    return LoketSetup(number=int(value["loket"]), lines=tuple(value["lines"]))
