"""The emulated readers' control commands: make a card reader or a scanner send."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from devices.emulator.pty.control import Command, Commands
from devices.emulator.readers.models import (
    CARD,
    SCANNER,
    EmulatedCardReader,
    EmulatedScanner,
    kind_of,
)
from devices.emulator.readers.sender import EmulatedSender


def _card(reader: EmulatedSender, tag: str) -> None:
    assert isinstance(reader, EmulatedCardReader)
    reader.present(tag)


def _bad_checksum(reader: EmulatedSender, tag: str) -> None:
    assert isinstance(reader, EmulatedCardReader)
    reader.send_bad_checksum(tag)


def _scan(reader: EmulatedSender, text: str) -> None:
    assert isinstance(reader, EmulatedScanner)
    reader.scan(text)


def _garbage(reader: EmulatedSender, hex_bytes: str) -> None:
    reader.send_garbage(bytes.fromhex(hex_bytes))


@dataclass(frozen=True)
class _Spec:
    """One reader command: the kinds it applies to, its argument, an example."""

    kinds: tuple[str, ...]
    argument: str
    example: str
    action: Callable[[EmulatedSender, str], None]
    keeps_spaces: bool = False  # the argument is free text, taken as typed


# ``card TAG`` presents a card (ten hex digits, three frames), ``bad-checksum TAG``
# sends one frame with a wrong checksum, ``scan TEXT`` scans the rest of the line,
# ``garbage HEX`` sends the bytes written in hex (``garbage 00ff02``).
_SPECS: dict[str, _Spec] = {
    "card": _Spec((CARD,), "TAG", "card 62E3086CED", _card),
    "bad-checksum": _Spec((CARD,), "TAG", "bad-checksum 62E3086CED", _bad_checksum),
    "scan": _Spec((SCANNER,), "TEXT", "scan ANJ-7K3Q9", _scan, keeps_spaces=True),
    "garbage": _Spec((CARD, SCANNER), "HEX", "garbage 00ff02", _garbage),
}


def commands_for(reader: EmulatedSender) -> Commands[EmulatedSender]:
    """The commands ``reader`` answers: its kind's, and the others' as an error."""
    kind = kind_of(reader)
    return {name: _command(name, spec, kind) for name, spec in _SPECS.items()}


def _command(name: str, spec: _Spec, kind: str) -> Command[EmulatedSender]:
    def run(reader: EmulatedSender, argument: str) -> None:
        if kind not in spec.kinds:
            raise ValueError(f"{name} is not a command of a {kind} emulator")
        if not argument:
            raise ValueError(f"{name} needs {spec.argument}, e.g. {spec.example!r}")
        spec.action(reader, argument)

    return Command(run, spec.argument, spec.keeps_spaces, offered=kind in spec.kinds)
