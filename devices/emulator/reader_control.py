"""Line commands that make an emulated card reader or scanner send, for its control socket."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from devices.emulator.card_reader import EmulatedCardReader
from devices.emulator.code_scanner import EmulatedScanner
from devices.emulator.reader_registry import CARD, SCANNER, kind_of
from devices.emulator.sender import EmulatedSender

OK = "ok"


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
class ReaderCommand:
    """One control command: the reader kinds it applies to, its argument, an example."""

    kinds: tuple[str, ...]
    argument: str
    example: str
    action: Callable[[EmulatedSender, str], None]
    keeps_spaces: bool = False  # the argument is free text, taken as typed


COMMANDS: dict[str, ReaderCommand] = {
    "card": ReaderCommand((CARD,), "TAG", "card 62E3086CED", _card),
    "bad-checksum": ReaderCommand((CARD,), "TAG", "bad-checksum 62E3086CED", _bad_checksum),
    "scan": ReaderCommand((SCANNER,), "TEXT", "scan ANJ-7K3Q9", _scan, keeps_spaces=True),
    "garbage": ReaderCommand((CARD, SCANNER), "HEX", "garbage 00ff02", _garbage),
}


def command_names(kind: str) -> list[str]:
    """The commands for a reader of ``kind`` as a technician types them, e.g. ``card TAG``."""
    return [f"{name} {cmd.argument}" for name, cmd in COMMANDS.items() if kind in cmd.kinds]


def answer(reader: EmulatedSender, command: str) -> str | None:
    """``ok`` or ``error: ...`` for a reader command, or None when ``command`` is not one.

    ``card TAG`` presents a card (ten hex digits, three frames), ``bad-checksum TAG``
    sends one frame with a wrong checksum, ``scan TEXT`` scans the rest of the line,
    ``garbage HEX`` sends the bytes written in hex (``garbage 00ff02``).
    """
    name, _, argument = command.partition(" ")
    if name not in COMMANDS:
        return None
    found = COMMANDS[name]
    if kind_of(reader) not in found.kinds:
        return f"error: {name} is not a command of a {kind_of(reader)} emulator"
    if not found.keeps_spaces:
        argument = argument.strip()
    if not argument:
        return f"error: {name} needs {found.argument}, e.g. {found.example!r}"
    try:
        found.action(reader, argument)
    except ValueError as error:
        return f"error: {error}"
    return OK
