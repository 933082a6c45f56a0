"""Control commands of a pty emulator: each device gives a table, answered one way for all."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeAlias, TypeVar

OK = "ok"

D = TypeVar("D")


@dataclass(frozen=True)
class Command(Generic[D]):
    """One line command: ``run(device, argument)`` gives the reply (None: ``ok``) or raises
    ValueError, whose text the technician gets as ``error: ...``."""

    run: Callable[[D, str], str | None]
    argument: str = ""  # how its argument is written in help (N, TAG); "" takes none
    keeps_spaces: bool = False  # the argument is free text, taken as typed
    offered: bool = True  # False: answered (with an error) but not listed for this device


Commands: TypeAlias = Mapping[str, Command[D]]


def usage(commands: Commands[D]) -> list[str]:
    """Every offered command as a technician types it, e.g. ``noise N``."""
    return [
        f"{name} {command.argument}".rstrip()
        for name, command in commands.items()
        if command.offered
    ]


def answer(commands: Commands[D], device: D, line: str) -> str | None:
    """The one-line reply to ``line``, or None when it is not one of ``commands``."""
    name, _, argument = line.lstrip().partition(" ")
    command = commands.get(name)
    if command is None:
        return None
    if not command.keeps_spaces:
        argument = argument.strip()
    if argument and not command.argument:
        return None
    try:
        reply = command.run(device, argument)
    except ValueError as error:
        return f"error: {error}"
    return OK if reply is None else reply
