"""One way to answer any emulator's control commands: lookup, arguments, errors, listing."""

from __future__ import annotations

from devices.emulator.pty.control import OK, Command, answer, usage


def _echo(device: list[str], argument: str) -> str:
    device.append(argument)
    return argument


def _refuse(device: list[str], argument: str) -> None:
    raise ValueError(f"no {argument!r}")


COMMANDS = {
    "poke": Command(lambda device, _argument: device.append("poked")),
    "echo": Command(_echo, argument="TEXT", keeps_spaces=True),
    "refuse": Command(_refuse, argument="X"),
    "hidden": Command(_refuse, argument="X", offered=False),
}


def test_a_command_answers_ok_or_its_reply() -> None:
    device: list[str] = []
    assert answer(COMMANDS, device, "poke") == OK
    assert answer(COMMANDS, device, "  poke  ") == OK  # spaces around a word are not typed
    assert answer(COMMANDS, device, "echo  two words ") == " two words "
    assert device == ["poked", "poked", " two words "]


def test_errors_and_unknown_commands() -> None:
    assert answer(COMMANDS, [], "refuse  x ") == "error: no 'x'"  # stripped: not free text
    assert answer(COMMANDS, [], "poke harder") is None  # takes no argument
    assert answer(COMMANDS, [], "beep") is None


def test_usage_lists_the_offered_commands_as_typed() -> None:
    assert usage(COMMANDS) == ["poke", "echo TEXT", "refuse X"]
