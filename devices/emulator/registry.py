"""The process-wide set of emulated printers, by name, shared by every emu:// port."""

from __future__ import annotations

import threading

from devices.emulator.printer import EmulatedPrinter

_lock = threading.Lock()
_emulators: dict[str, EmulatedPrinter] = {}


def get_emulator(
    name: str, profile_name: str = "80mm", baudrate: int = 9600, pace: bool = False
) -> EmulatedPrinter:
    """The emulated printer called ``name``, created with these settings on first use.

    A test opens ``emu://NAME`` through a transport and reaches the same printer here
    to pull its paper or read what it printed.
    """
    with _lock:
        if name not in _emulators:
            _emulators[name] = EmulatedPrinter(profile_name, baudrate, pace)
        return _emulators[name]


def reset_emulators() -> None:
    """Forget every emulated printer (between tests); open ports keep their old one."""
    with _lock:
        _emulators.clear()
