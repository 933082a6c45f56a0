"""The process-wide set of emulated card readers and scanners, by name, for emureader://."""

from __future__ import annotations

import threading

from devices.emulator.card_reader import EmulatedCardReader
from devices.emulator.code_scanner import EmulatedScanner
from devices.emulator.sender import DEFAULT_BAUDRATE, EmulatedSender

CARD = "card"
SCANNER = "scanner"
KINDS: dict[str, type[EmulatedSender]] = {CARD: EmulatedCardReader, SCANNER: EmulatedScanner}

_lock = threading.Lock()
_readers: dict[str, EmulatedSender] = {}


def get_reader(name: str, kind: str = CARD, baudrate: int = DEFAULT_BAUDRATE) -> EmulatedSender:
    """The emulated reader called ``name``, created as ``kind`` on first use.

    A test opens ``emureader://NAME?kind=...`` through a transport and reaches the
    same device here to present a card or scan a code. ValueError when ``kind`` is
    unknown, or ``name`` is already a reader of another kind.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown reader kind {kind!r} (known: {', '.join(KINDS)})")
    with _lock:
        if name not in _readers:
            _readers[name] = KINDS[kind](baudrate=baudrate)
        reader = _readers[name]
    if not isinstance(reader, KINDS[kind]):
        raise ValueError(f"emulated reader {name!r} is a {kind_of(reader)}, not a {kind}")
    return reader


def get_card_reader(name: str) -> EmulatedCardReader:
    """The emulated card reader called ``name`` (see ``get_reader``)."""
    reader = get_reader(name, CARD)
    assert isinstance(reader, EmulatedCardReader)
    return reader


def get_scanner(name: str) -> EmulatedScanner:
    """The emulated code scanner called ``name`` (see ``get_reader``)."""
    reader = get_reader(name, SCANNER)
    assert isinstance(reader, EmulatedScanner)
    return reader


def kind_of(reader: EmulatedSender) -> str:
    """``card`` or ``scanner``."""
    return next(kind for kind, cls in KINDS.items() if isinstance(reader, cls))


def reset_readers() -> None:
    """Forget every emulated reader (between tests); open ports keep their old one."""
    with _lock:
        _readers.clear()
