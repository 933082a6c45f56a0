"""The settings' choices of device kinds (the core cannot import devices) match the drivers'."""

from __future__ import annotations

from devices.escpos.profiles import PROFILES_FILE, load_profiles
from devices.readers.scanner import TERMINATORS
from kiosk.config.schema import PRINTER_PROFILES, SCANNER_TERMINATORS


def test_every_printer_profile_can_be_chosen_in_the_settings() -> None:
    """The settings' list of choices is the profile data file's, by name."""
    assert set(PRINTER_PROFILES) == set(load_profiles(PROFILES_FILE))


def test_every_scanner_suffix_can_be_chosen_in_the_settings() -> None:
    assert set(SCANNER_TERMINATORS) == set(TERMINATORS)
