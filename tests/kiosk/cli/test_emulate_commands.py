"""`kiosk emulate printer` takes the emulator's own options, profiles from the data file."""

from __future__ import annotations

import pytest

from devices.emulator.printer import arguments
from devices.escpos.profiles import PROFILE_NAMES
from kiosk.cli.main import build_parser


def test_emulate_printer_parses_as_the_emulator_does() -> None:
    argv = ["--link", "/tmp/p0", "--profile", "58mm", "--baud", "19200", "--pace"]
    ours = build_parser().parse_args(["emulate", "printer", *argv])
    emulators = arguments.parser("emulator").parse_args(argv)
    for option, value in vars(emulators).items():
        assert getattr(ours, option) == value


def test_every_profile_and_only_those_can_be_chosen(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["emulate", "printer", "--help"])
    help_text = capsys.readouterr().out
    assert "{" + ",".join(PROFILE_NAMES) + "}" in help_text
    with pytest.raises(SystemExit):
        build_parser().parse_args(["emulate", "printer", "--link", "x", "--profile", "99mm"])
